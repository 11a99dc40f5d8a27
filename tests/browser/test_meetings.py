"""The whole meeting journey (DESIGN §3 "Meeting") in a real browser, in English and in Arabic.

The Health secretariat plans a meeting, builds its agenda (with a follow-up of an
open action point), invites the members and two ad-hoc guests, and sends the
invitations through a real SMTP server; an invitee answers from the email's link
without signing in; after the meeting the secretariat takes the attendance, marks
the meeting held and drafts the minutes with an action point; the chair approves
them; the secretariat circulates them; the partner finds them, and the action
point of their organization, on their home page.

Chromium (Debian's) is driven through Playwright against ``live_server``; the
labels and messages the test looks for come from the same translation catalog
the pages use, so both runs follow the same steps.
"""

import datetime as dt
import re
import time

import pytest
from django.utils import formats, timezone, translation
from django.utils.translation import gettext, ngettext
from playwright.sync_api import expect

from accounts.models import User
from swg.models import ActionPoint, Contact, Invitation, Meeting, Minutes
from tests.factories import PASSWORD, ContactFactory
from tests.support.browser import BROWSER_DB, TIMEOUT_MS, login
from tests.support.pdfs import pdf_text, words

pytestmark = [pytest.mark.browser, *BROWSER_DB]

# What the people type, in the language of the run.
TEXT = {
    "en": {
        "earlier_action": "Share the cold-chain assessment with the group",
        "items": ["Primary health care in the south", "Vaccination campaign plan"],
        "discussion": "WHO presented the coverage of primary health care centres in Sabha.",
        "decisions": "The group adopts the plan for the southern districts.",
        "action": "Send the list of centres without a doctor",
    },
    "ar": {
        "earlier_action": "مشاركة تقييم سلسلة التبريد مع المجموعة",
        "items": ["الرعاية الصحية الأولية في الجنوب", "خطة حملة التطعيم"],
        "discussion": "عرضت منظمة الصحة العالمية تغطية مراكز الرعاية الصحية الأولية في سبها.",
        "decisions": "تعتمد المجموعة الخطة الخاصة بمناطق الجنوب.",
        "action": "إرسال قائمة المراكز التي ليس فيها طبيب",
    },
}
TITLE_EN = "Health SWG monthly meeting"
TITLE_AR = "الاجتماع الشهري لمجموعة عمل الصحة"
ITEMS_EN = TEXT["en"]["items"]
ITEMS_AR = TEXT["ar"]["items"]
VENUE = "Ministry of Planning, meeting room 2"


def tr(lang: str, message: str, **params) -> str:
    """``message`` as the pages show it in ``lang`` (the project's catalog)."""
    with translation.override(lang):
        text = gettext(message)
    return text % params if params else text


def capfirst_tr(lang: str, message: str) -> str:
    """A model field's name as a form label shows it (capitalised)."""
    text = tr(lang, message)
    return text[:1].upper() + text[1:]


def trn(lang: str, singular: str, plural: str, n: int, key: str = "n") -> str:
    with translation.override(lang):
        return ngettext(singular, plural, n) % {key: n}


def in_lang(lang: str, value):
    """A bilingual name or title (``.name`` / ``.title``) as shown in ``lang``."""
    with translation.override(lang):
        return str(value() if callable(value) else value)


def shown_date(lang: str, value, fmt: str) -> str:
    """A date as the ``date`` template filter shows it (Tripoli time), in a named
    format of the language (coordination/formats/) or a format string."""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value)
    with translation.override(lang):
        return formats.date_format(value, fmt)


def _search_and_pick(scope, label: str, query: str, shown: str, pk: int) -> None:
    """Type into a searchable select (static/js/search-select.js) and choose the
    match showing ``shown``."""
    box = scope.get_by_role("combobox", name=label)  # a required label ends in "*"
    box.fill(query)
    options = box.locator("xpath=following-sibling::ul[1]").get_by_role("option")
    expect(options).to_have_count(1)
    options.filter(has_text=shown).click()
    expect(box.locator("xpath=following-sibling::select[1]")).to_have_value(str(pk))


def new_context(page, live_server):
    """Another browser session (a different person, or a mail client's link)."""
    context = page.context.browser.new_context(base_url=live_server.url, locale="en-US")
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(TIMEOUT_MS)
    return context


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_meeting_from_planning_to_circulated_minutes(
    page, live_server, world, smtp_server, settings, lang
):
    # The catalog is compiled: otherwise the Arabic run would look for English.
    assert tr("ar", "Accept") == "قبول"
    assert tr("ar", "Invitation: %(title)s") == "دعوة: %(title)s"
    settings.SITE_URL = live_server.url  # the links of the emails lead to this server
    settings.MOP_MINUTES_EMAIL = ""
    text = TEXT[lang]
    health = world.swg_x

    # Everybody of this run works in its language: the invitees get their email in
    # it, the chair's and the partner's saved language is it (the chair's is "ar"
    # in the world already; the secretariat switches with the language button).
    salma = ContactFactory(
        organization=world.org_b,
        name_en="Salma Ali",
        name_ar="سلمى علي",
        email="salma@eud.example",
        gender=Contact.Gender.FEMALE,
    )
    omar = ContactFactory(
        organization=world.org_b,
        name_en="Omar Said",
        name_ar="عمر سعيد",
        email="omar@eud.example",
        gender=Contact.Gender.MALE,
    )
    invitees = [world.contact_gov, world.contact_a, salma, omar]
    Contact.objects.filter(pk__in=[c.pk for c in invitees]).update(preferred_language=lang)
    User.objects.filter(pk__in=[world.chair.pk, world.partner_a.pk]).update(language=lang)

    # An open action point of Health, agreed at an earlier meeting.
    earlier_start = timezone.now() - dt.timedelta(days=35)
    earlier = Meeting.objects.create(
        swg=health,
        title_en="Health SWG: previous meeting",
        starts_at=earlier_start,
        ends_at=earlier_start + dt.timedelta(hours=2),
        status=Meeting.Status.HELD,
    )
    earlier_point = ActionPoint.objects.create(
        swg=health,
        source_meeting=earlier,
        description=text["earlier_action"],
        owner_organization=world.ministry,
        owner_contact=world.contact_gov,
        due_date=timezone.localdate() + dt.timedelta(days=10),
    )

    # ------------------------------------------------------------ 1. plan the meeting
    login(page, live_server, world.secretariat_x.email, PASSWORD)
    html = page.locator("html")
    if lang == "ar":
        page.get_by_test_id("switch-language").click()
        expect(html).to_have_attribute("dir", "rtl")
    expect(html).to_have_attribute("lang", lang)

    page.locator("nav a.nav-link[href='/swg/']").click()
    page.locator(f"main a[href='{health.get_absolute_url()}']").first.click()
    expect(page).to_have_url(f"{live_server.url}{health.get_absolute_url()}")
    page.get_by_test_id("swg-meetings").get_by_role("link", name=tr(lang, "Plan a meeting")).click()
    expect(page).to_have_url(f"{live_server.url}/swg/health/meetings/new/")

    today = timezone.localdate()
    next_month = (today.replace(day=1) + dt.timedelta(days=32)).replace(day=15)
    page.get_by_label(tr(lang, "Title (English)")).fill(TITLE_EN)
    page.get_by_label(tr(lang, "Title (Arabic)")).fill(TITLE_AR)
    page.get_by_label(tr(lang, "Formal meeting")).check()
    page.get_by_label(tr(lang, "Starts at")).fill(f"{next_month:%Y-%m-%d}T10:00")
    page.get_by_label(tr(lang, "Ends at")).fill(f"{next_month:%Y-%m-%d}T12:00")
    page.locator("select[name=city]").select_option(label=tr(lang, "Tripoli"))  # "Other city" too
    page.get_by_label(tr(lang, "Venue (English)")).fill(VENUE)
    page.get_by_role("button", name=tr(lang, "Save"), exact=True).click()

    expect(page).to_have_url(re.compile(r"/meetings/\d+/$"))
    meeting_url = page.url
    meeting = Meeting.objects.get(pk=int(re.search(r"/meetings/(\d+)/$", meeting_url)[1]))
    title = TITLE_AR if lang == "ar" else TITLE_EN
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    when = page.get_by_test_id("meeting-when")
    expect(when).to_contain_text("10:00")
    expect(when).to_contain_text("12:00")
    expect(when).to_contain_text(shown_date(lang, next_month, "j F Y"))
    expect(page.get_by_test_id("meeting-where")).to_contain_text(tr(lang, "Tripoli"))
    expect(page.get_by_test_id("meeting-status")).to_have_text(tr(lang, "Planned"))
    assert (meeting.is_formal, meeting.city, meeting.swg) == (True, "tripoli", health)

    # ------------------------------------------------------------ 2. the agenda
    page.get_by_test_id("meeting-actions").get_by_role(
        "link", name=tr(lang, "Agenda"), exact=True
    ).click()
    expect(page).to_have_url(f"{meeting_url}agenda/")
    for n, (item_en, item_ar) in enumerate(zip(ITEMS_EN, ITEMS_AR, strict=True)):
        page.get_by_label(tr(lang, "Item (English)")).fill(item_en)
        page.get_by_label(tr(lang, "Item (Arabic)")).fill(item_ar)
        if n == 0:
            # A time, and the presenter searched as one types: the group's people first.
            page.get_by_label(tr(lang, "Time"), exact=True).fill("10:15")
            presenter = page.get_by_role("combobox", name=tr(lang, "Presenter"))
            presenter.fill("amina")
            presenter.locator("xpath=following-sibling::ul[1]").get_by_role(
                "option", name=re.compile("WHO")
            ).first.click()
            expect(presenter).to_have_value(
                re.compile(re.escape(in_lang(lang, lambda: world.contact_a.name)))
            )
        page.get_by_role("button", name=tr(lang, "Add to the agenda")).click()
        expect(page.get_by_role("alert")).to_have_text(tr(lang, "Item added to the agenda."))
    first_item = meeting.agenda_items.get(order=1)
    assert (first_item.time, first_item.presenter) == (dt.time(10, 15), world.contact_a)
    agenda = page.get_by_test_id("agenda").locator("tbody tr")
    expect(agenda).to_have_count(2)

    follow_ups = page.get_by_test_id("follow-ups")
    offered = follow_ups.get_by_label(text["earlier_action"], exact=False)
    expect(offered).to_have_count(1)
    offered.check()
    follow_ups.get_by_role("button", name=tr(lang, "Add the chosen follow-ups")).click()
    expect(page.get_by_role("alert")).to_have_text(
        trn(
            lang, "%(n)s follow-up added to the agenda.", "%(n)s follow-ups added to the agenda.", 1
        )
    )
    follow_up_title = tr(lang, "Follow-up: %(action)s", action=text["earlier_action"])
    expect(agenda.locator("td:nth-child(3)")).to_contain_text([*text["items"], follow_up_title])
    expect(follow_ups).to_contain_text(tr(lang, "No open action points to follow up."))
    assert meeting.agenda_items.get(order=3).action_point == earlier_point

    # The agenda prints: times, items and presenters, without the portal's menus.
    page.get_by_role("link", name=tr(lang, "Printable agenda")).click()
    expect(page).to_have_url(f"{meeting_url}agenda/print/")
    printed = page.get_by_test_id("agenda-print")
    expect(printed.locator("tbody tr").first).to_contain_text("10:15")
    expect(printed.locator("tbody tr").first).to_contain_text(
        in_lang(lang, lambda: world.contact_a.name)
    )
    page.emulate_media(media="print")
    expect(page.locator("nav.navbar")).to_be_hidden()
    expect(page.get_by_role("button", name=tr(lang, "Print"))).to_be_hidden()
    page.emulate_media(media="screen")
    page.goto(f"{meeting_url}agenda/")

    # ------------------------------------------------------------ 3. invitations
    page.get_by_role("link", name=tr(lang, "Back to the meeting")).click()
    page.get_by_test_id("meeting-actions").get_by_role(
        "link", name=tr(lang, "Invitations"), exact=True
    ).click()
    expect(page).to_have_url(f"{meeting_url}invitations/")
    members = page.get_by_test_id("invite-members")
    for contact in (world.contact_gov, world.contact_a):
        expect(members.get_by_label(in_lang(lang, lambda c=contact: c.name))).to_be_checked()
    members.get_by_role("button", name=tr(lang, "Invite the chosen people")).click()
    expect(page.get_by_role("alert")).to_have_text(
        trn(lang, "%(n)s person invited.", "%(n)s people invited.", 2)
    )
    ad_hoc = page.get_by_test_id("invite-ad-hoc")
    for guest in (salma, omar):
        # The person is searched as one types (by email, in either language).
        _search_and_pick(
            ad_hoc, tr(lang, "Person"), guest.email, in_lang(lang, lambda g=guest: g.name), guest.pk
        )
        ad_hoc.get_by_role("button", name=tr(lang, "Invite"), exact=True).click()
        expect(page.get_by_role("alert")).to_have_text(
            trn(lang, "%(n)s person invited.", "%(n)s people invited.", 1)
        )
    invited = page.get_by_test_id("invitations").locator("tbody tr")
    expect(invited).to_have_count(4)
    expect(invited.filter(has_text=tr(lang, "ad hoc"))).to_have_count(2)

    page.get_by_role("link", name=tr(lang, "Send invitations")).click()
    expect(page).to_have_url(f"{meeting_url}invitations/send/")
    page.get_by_test_id("send-invitations").click()
    expect(page).to_have_url(meeting_url)
    expect(page.get_by_role("alert")).to_have_text(
        trn(lang, "%(n)s invitation is on its way.", "%(n)s invitations are on their way.", 4)
    )

    sent = smtp_server.wait_for(4)
    assert len(sent) == 4
    assert smtp_server.count_by_recipient() == {c.email: 1 for c in invitees}
    for message in sent:
        (ics,) = message.attachments
        assert ics.content_type == "application/ics"
        assert ics.filename == "invite.ics"
        assert b"METHOD:REQUEST" in ics.content
    (to_salma,) = [m for m in sent if m.rcpt_tos == [salma.email]]
    assert tr(lang, "You are invited to this meeting as a guest.") in to_salma.text
    (to_amina,) = [m for m in sent if m.rcpt_tos == [world.contact_a.email]]
    assert tr(lang, "You are invited to this meeting as a guest.") not in to_amina.text
    assert to_amina.subject.strip().startswith(tr(lang, "Invitation: %(title)s", title=title))
    assert tr(lang, "Please let us know whether you will attend:") in to_amina.text
    assert f'lang="{lang}"' in to_amina.html
    if lang == "ar":
        assert 'dir="rtl"' in to_amina.html
        assert "دعوة" in to_amina.subject  # "Invitation" in the catalog
        assert (
            tr(
                "ar",
                "The secretariat of %(swg)s invites you to the following meeting.",
                swg=in_lang("ar", lambda: health.name),
            )
            in to_amina.text
        )
    else:
        assert 'dir="ltr"' in to_amina.html

    # ------------------------------------------------------------ 4. RSVP from the email
    accept = re.search(rf"^{re.escape(tr(lang, 'Accept'))}: (\S+)", to_amina.text, re.M)
    assert accept, to_amina.text
    accept_url = accept[1]
    assert accept_url.startswith(f"{live_server.url}/rsvp/")
    mail_client = new_context(page, live_server)
    try:
        answer = mail_client.new_page()
        answer.goto(accept_url)
        expect(answer.locator("html")).to_have_attribute("lang", lang)
        expect(answer.get_by_role("heading", level=1)).to_have_text(title)
        accepted = tr(lang, "Accepted")
        answer.get_by_test_id("rsvp-confirm").click()
        expect(answer.get_by_test_id("rsvp-result")).to_have_text(
            tr(lang, "Thank you. Your answer is recorded: %(answer)s.", answer=accepted)
        )
    finally:
        mail_client.close()
    assert Invitation.objects.get(meeting=meeting, contact=world.contact_a).rsvp == "accepted"

    page.goto(f"{meeting_url}invitations/")
    amina_row = invited.filter(has_text=in_lang(lang, lambda: world.contact_a.name))
    expect(amina_row).to_contain_text(accepted)
    expect(invited.filter(has_text=accepted)).to_have_count(1)

    # ------------------------------------------------------------ 5. attendance
    # The meeting took place; the secretariat comes back afterwards.
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    held_at = timezone.make_aware(dt.datetime.combine(yesterday, dt.time(10, 0)))
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=held_at, ends_at=held_at + dt.timedelta(hours=2)
    )
    page.goto(meeting_url)
    panel = page.get_by_test_id("meeting-panel")
    panel.get_by_role("link", name=tr(lang, "Attendance sheet")).click()
    expect(page).to_have_url(f"{meeting_url}attendance/")
    # The sheet starts from the answers: Amina accepted, so she is shown present.
    amina_sheet_row = page.locator(f"tr[data-contact='{world.contact_a.pk}']")
    expect(amina_sheet_row.get_by_label(tr(lang, "Present"), exact=True)).to_be_checked()
    page.get_by_role("button", name=tr(lang, "All invited present")).click()
    expect(page.get_by_role("alert")).to_have_text(
        tr(lang, "Every invitee is marked present. Change the rows of those who did not come.")
    )
    omar_row = page.locator(f"tr[data-contact='{omar.pk}']")
    expect(omar_row.get_by_label(tr(lang, "Present"), exact=True)).to_be_checked()
    omar_row.get_by_label(tr(lang, "Absent"), exact=True).check()
    page.get_by_role("button", name=tr(lang, "Save attendance")).click()
    expect(page.get_by_role("alert")).to_have_text(tr(lang, "Attendance saved."))

    page.get_by_role("link", name=tr(lang, "Add walk-in")).click()
    expect(page).to_have_url(f"{meeting_url}attendance/add/")
    _search_and_pick(
        page,
        tr(lang, "Person"),
        world.contact_b.email,
        in_lang(lang, lambda: world.contact_b.name),
        world.contact_b.pk,
    )
    expect(page.get_by_label(tr(lang, "Present"), exact=True)).to_be_checked()
    expect(page.get_by_label(tr(lang, "Walk-in (came without an invitation)"))).to_be_checked()
    page.get_by_role("button", name=tr(lang, "Add to the attendance")).click()
    expect(page).to_have_url(f"{meeting_url}attendance/")
    walk_in_row = page.locator(f"tr[data-contact='{world.contact_b.pk}']")
    expect(walk_in_row).to_contain_text(tr(lang, "walk-in"))
    expect(walk_in_row.get_by_label(tr(lang, "Present"), exact=True)).to_be_checked()

    page.get_by_role("link", name=title).click()
    expect(page).to_have_url(meeting_url)
    figures = panel.get_by_test_id("attendance-figures")
    expect(figures.locator("[data-figure=present]")).to_have_text("4")
    expect(figures.locator("[data-figure=absent]")).to_have_text("1")
    expect(figures.locator("[data-figure=government]")).to_have_text(
        trn(lang, "Yes (%(n)s person)", "Yes (%(n)s people)", 1)
    )
    expect(figures.locator("[data-figure=women]")).to_have_text("2")  # Amina, Salma
    expect(figures.locator("[data-figure=men]")).to_have_text("2")  # Khaled, Marco

    # "Mark as held" leads straight to the draft minutes.
    panel.get_by_role("button", name=tr(lang, "Mark as held")).click()
    expect(page).to_have_url(re.compile(rf"{re.escape(meeting_url)}minutes/\d+/edit/$"))
    expect(page.get_by_role("alert")).to_have_text(
        tr(lang, "The meeting is marked as held. The draft minutes follow the agenda.")
    )
    minutes_edit_url = page.url
    page.goto(meeting_url)
    expect(page.get_by_test_id("meeting-status")).to_have_text(tr(lang, "Held"))
    with page.expect_download() as download:
        page.get_by_test_id(f"sign-in-sheet-{lang}").click()
    with open(download.value.path(), "rb") as pdf_file:
        sheet = words(pdf_text(pdf_file.read()))
    assert in_lang(lang, lambda: health.name) in sheet
    assert in_lang(lang, lambda: world.contact_gov.name) in sheet

    # ------------------------------------------------------------ 6. minutes
    page.goto(minutes_edit_url)
    minutes = Minutes.objects.get(meeting=meeting)
    minutes_url = f"{meeting_url}minutes/{minutes.pk}/"
    attendance_text = page.locator("textarea[name=attendance_text]")
    figures_line = tr(
        lang,
        "Government participants: %(gov)s · Women: %(women)s · Men: %(men)s",
        gov=1,
        women=2,
        men=2,
    )
    for expected in (
        figures_line,
        in_lang(lang, lambda: world.contact_gov.name),
        tr(
            lang,
            "%(person)s, walk-in",
            person=f"{in_lang(lang, lambda: world.contact_b.name)} (EUD)",
        ),
    ):
        expect(attendance_text).to_have_value(re.compile(re.escape(expected)))
    expect(page.locator("input[name=items-0-title]")).to_have_value(text["items"][0])
    expect(page.locator("input[name=items-2-title]")).to_have_value(follow_up_title)
    page.get_by_label(tr(lang, "Discussion")).first.fill(text["discussion"])
    page.get_by_label(tr(lang, "Decisions")).first.fill(text["decisions"])
    page.get_by_role("button", name=tr(lang, "Save"), exact=True).click()
    expect(page).to_have_url(minutes_url)
    expect(page.get_by_role("alert")).to_have_text(tr(lang, "Minutes saved."))
    expect(page.locator("main")).to_contain_text(text["discussion"])

    page.get_by_role("link", name=tr(lang, "Add action point")).click()
    expect(page).to_have_url(f"{minutes_url}action-points/add/")
    due = timezone.localdate() + dt.timedelta(days=30)
    page.locator("select[name=minutes_item]").select_option(label=text["items"][0])
    page.locator(f"textarea[name=description_{lang}]").fill(text["action"])
    # Owner and person are searched; the person within the chosen organization.
    owner = page.get_by_role("combobox", name=capfirst_tr(lang, "owner"))
    owner.fill("WHO")
    owner.locator("xpath=following-sibling::ul[1]").get_by_role(
        "option", name=re.compile("WHO")
    ).first.click()
    person = page.get_by_role("combobox", name=capfirst_tr(lang, "person responsible"))
    person.click()
    options = person.locator("xpath=following-sibling::ul[1]").get_by_role("option")
    expect(options.first).to_be_visible()
    for label in options.all_text_contents():
        assert in_lang(lang, lambda: world.contact_gov.name) not in label
    options.filter(has_text=in_lang(lang, lambda: world.contact_a.name)).click()
    expect(page.locator("select[name=owner_contact]")).to_have_value(str(world.contact_a.pk))
    page.locator("input[name=due_date]").fill(f"{due:%Y-%m-%d}")
    page.get_by_role("button", name=tr(lang, "Add action point")).click()
    expect(page).to_have_url(minutes_url)
    expect(page.get_by_role("alert")).to_have_text(tr(lang, "Action point added."))
    point = ActionPoint.objects.get(source_meeting=meeting)
    point_row = page.locator(f"tr[data-action-point='{point.pk}']")
    expect(point_row).to_contain_text(text["action"])
    expect(point_row).to_contain_text("WHO")
    expect(point_row).to_contain_text(shown_date(lang, due, "DATE_FORMAT"))

    page.get_by_role("button", name=tr(lang, "Submit to the chair")).click()
    expect(page.get_by_role("alert")).to_have_text(tr(lang, "Minutes submitted to the chair."))
    expect(page.get_by_test_id("minutes-status")).to_have_text(tr(lang, "Submitted to the chair"))

    # ------------------------------------------------------------ 7. the chair approves
    chair_session = new_context(page, live_server)
    try:
        chair = chair_session.new_page()
        login(chair, live_server, world.chair.email, PASSWORD)
        expect(chair.locator("html")).to_have_attribute("lang", lang)
        expect(chair.locator("html")).to_have_attribute("dir", "rtl" if lang == "ar" else "ltr")
        chair.goto(meeting_url)
        chair.get_by_test_id("meeting-panel").get_by_role(
            "link", name=tr(lang, "Version %(v)s", v=1)
        ).click()
        expect(chair).to_have_url(minutes_url)
        expect(chair.locator("main")).to_contain_text(text["decisions"])
        chair.get_by_role("link", name=tr(lang, "Approve"), exact=True).click()
        expect(chair).to_have_url(f"{minutes_url}approve/")
        expect(chair.get_by_test_id("approval-notified")).to_contain_text(str(world.secretariat_x))
        chair.get_by_test_id("confirm-approve").click()
        expect(chair.get_by_role("alert")).to_have_text(
            tr(lang, "Minutes approved. They are now locked.")
        )
        expect(chair.get_by_test_id("minutes-status")).to_have_text(tr(lang, "Approved"))
        minutes.refresh_from_db()
        assert minutes.approved_by == world.chair
        expect(chair.get_by_test_id("approved")).to_have_text(
            f"{world.chair} · {shown_date(lang, minutes.approved_at, 'DATETIME_FORMAT')}"
        )
    finally:
        chair_session.close()

    # ------------------------------------------------------------ 8. circulation
    page.reload()
    expect(page.get_by_test_id("minutes-status")).to_have_text(tr(lang, "Approved"))
    page.get_by_role("link", name=tr(lang, "Circulate to members and MoP")).click()
    expect(page).to_have_url(f"{minutes_url}circulate/")
    recipients = page.get_by_test_id("circulation-recipients")
    expect(recipients.locator("li")).to_have_count(2)
    expect(recipients).to_contain_text(world.contact_a.email)
    expect(recipients).to_contain_text(world.contact_gov.email)
    # Salma came as a guest: offered, and left out unless ticked.
    expect(page.get_by_test_id("circulation-guests")).to_contain_text(salma.email)
    expect(
        page.get_by_label(tr(lang, "Include the guests and walk-ins who attended"))
    ).not_to_be_checked()
    page.get_by_test_id("confirm-circulate").click()
    expect(page.get_by_role("alert")).to_have_text(
        trn(
            lang,
            "Minutes circulated: %(count)s message queued to members and MoP.",
            "Minutes circulated: %(count)s messages queued to members and MoP.",
            2,
            key="count",
        )
    )
    # The chair, the secretariat and WHO's focal point were notified on the way
    # (coordination/notifications.py): the circulated minutes are the ones with a PDF.
    circulated = _with_pdf(smtp_server, 2)
    assert sorted(m.rcpt_tos[0] for m in circulated) == sorted(
        [world.contact_gov.email, world.contact_a.email]
    )
    assert all(len(m.rcpt_tos) == 1 for m in circulated)
    for message in circulated:
        (attachment,) = message.attachments
        assert attachment.content_type == "application/pdf"
        # The recipients read the portal in the test's language: so is their PDF.
        assert attachment.filename == f"minutes-health-{yesterday:%Y-%m-%d}-v1-{lang}.pdf"
        minutes_text = words(pdf_text(attachment.content))
        # Without the full stop: in an Arabic line pdftotext may move it.
        assert text["discussion"].rstrip(".") in minutes_text
        assert words(text["action"]) in minutes_text
        assert f'lang="{lang}"' in message.html
    expect(page.get_by_test_id("minutes-status")).to_have_text(tr(lang, "Circulated"))
    with page.expect_download() as download:
        page.get_by_test_id(f"minutes-pdf-{lang}").click()
    downloaded = download.value
    assert downloaded.suggested_filename.endswith(f"-v1-{lang}.pdf")
    with open(downloaded.path(), "rb") as pdf_file:
        assert text["discussion"].rstrip(".") in words(pdf_text(pdf_file.read()))
    page.locator(f"main a[href='{meeting.get_absolute_url()}']").first.click()
    expect(page).to_have_url(meeting_url)
    expect(page.get_by_test_id("meeting-status")).to_have_text(tr(lang, "Minutes circulated"))

    # ------------------------------------------------------------ 9. the partner's home
    partner_session = new_context(page, live_server)
    try:
        partner = partner_session.new_page()
        login(partner, live_server, world.partner_a.email, PASSWORD)
        expect(partner).to_have_url(f"{live_server.url}/")
        expect(partner.locator("html")).to_have_attribute("lang", lang)
        latest = partner.get_by_test_id("home-minutes").locator("li")
        expect(latest).to_have_count(1)
        expect(latest).to_contain_text(
            f"{in_lang(lang, lambda: health.name)} — {shown_date(lang, held_at, 'DATE_FORMAT')}"
        )
        expect(latest.get_by_role("link")).to_have_attribute("href", minutes.get_absolute_url())
        points = partner.get_by_test_id("home-action-points").locator("tbody tr")
        expect(points).to_have_count(1)
        expect(points).to_contain_text(text["action"])
        expect(points).to_contain_text("WHO")
        expect(points).to_contain_text(tr(lang, "Open"))
        expect(points).to_contain_text(in_lang(lang, lambda: health.name))
    finally:
        partner_session.close()


def _with_pdf(smtp_server, count: int, timeout: float = 10.0) -> list:
    deadline = time.monotonic() + timeout
    while True:
        found = [
            m
            for m in smtp_server.messages
            if any(a.content_type == "application/pdf" for a in m.attachments)
        ]
        if len(found) >= count or time.monotonic() > deadline:
            return found
        time.sleep(0.05)
