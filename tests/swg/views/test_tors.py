"""Terms of reference pages: the endorsed version in the reader's language,
drafting, MoP's review, the chair's endorsement, and the comparison of two
versions (DESIGN §3 "Terms of reference")."""

from django.contrib.messages import get_messages

from swg.models import TorVersion
from swg.services.tors import tor_draft_save, tor_draft_start
from tests.factories import make_tor, tor_text
from tests.support.clients import as_chair
from tests.support.pdfs import pdf_text, words


def _messages(response):
    return [m.message for m in get_messages(response.wsgi_request)]


def test_the_secretariat_starts_a_draft_from_the_endorsed_version(client, world):
    make_tor(world, status="endorsed")
    client.force_login(world.secretariat_x)
    response = client.post("/tors/health/new/")
    assert response["Location"] == "/tors/health/v2/edit/"
    draft = TorVersion.objects.get(swg=world.swg_x, number=2)
    assert draft.objectives_en == "The group's objectives (v1)."


def test_the_secretariat_saves_a_draft(client, world):
    draft = make_tor(world)
    client.force_login(world.secretariat_x)
    response = client.post("/tors/health/v1/edit/", {**tor_text(), "roles_en": "New roles."})
    assert response["Location"] == "/tors/health/v1/"
    draft.refresh_from_db()
    assert draft.roles_en == "New roles."


def test_editing_an_endorsed_version_says_why_and_changes_nothing(client, world):
    endorsed = make_tor(world, status="endorsed")
    client.force_login(world.secretariat_x)
    for response in (
        client.get("/tors/health/v1/edit/"),
        client.post("/tors/health/v1/edit/", {**tor_text(), "roles_en": "New roles."}),
    ):
        assert response["Location"] == "/tors/health/v1/"
        assert _messages(response)[-1] == (
            "Version 1 has been endorsed and cannot be edited. Start a new draft from it instead."
        )
    endorsed.refresh_from_db()
    assert endorsed.roles_en == "The group's roles (v1)."


def test_endorsing_an_unreviewed_version_says_why_and_changes_nothing(client, world):
    draft = make_tor(world)
    as_chair(client, world)
    response = client.post("/tors/health/v1/endorse/")
    assert response["Location"] == "/tors/health/v1/"
    assert "has not been reviewed by MoP" in _messages(response)[0]
    draft.refresh_from_db()
    assert (draft.status, draft.endorsed_by) == ("draft", None)


def test_mop_reviews_and_the_chair_endorses(client, world):
    make_tor(world)
    client.force_login(world.secretariat_y)  # MoP staff of another group
    client.post("/tors/health/v1/review/")
    as_chair(client, world)
    page = client.get("/tors/health/v1/").content.decode()
    assert "Endorse" in page
    client.post("/tors/health/v1/endorse/")
    version = TorVersion.objects.get(swg=world.swg_x, number=1)
    assert (version.status, version.reviewed_by, version.endorsed_by) == (
        "endorsed",
        world.secretariat_y,
        world.chair,
    )


def test_partners_read_only_the_endorsed_version(client, world):
    make_tor(world, status="endorsed")
    draft = tor_draft_start(swg=world.swg_x, by=world.secretariat_x)
    client.force_login(world.partner_a)
    assert client.get("/tors/health/v1/").status_code == 200
    assert client.get(f"/tors/health/v{draft.number}/").status_code == 404
    assert "Version 2" not in client.get("/tors/health/").content.decode()
    client.force_login(world.partner_b)  # not a member of Health
    assert client.get("/tors/health/").status_code == 404


def test_the_group_page_shows_the_endorsed_tor_in_arabic_with_a_visible_fallback(client, world):
    make_tor(world, status="endorsed", text={**tor_text(), "reporting_ar": ""})
    client.force_login(world.chair)  # reads Arabic
    page = client.get("/swg/health/").content.decode()
    assert "نص القسم objectives (v1)." in page
    assert "The group&#x27;s reporting (v1)." in page  # no Arabic yet: the English, said so
    assert 'data-testid="tor-fallback"' in page
    assert "The group&#x27;s objectives" not in page


def test_the_comparison_escapes_the_text(client, world):
    make_tor(world, status="endorsed")
    draft = tor_draft_start(swg=world.swg_x, by=world.secretariat_x)
    tor_draft_save(version=draft, sections={"meetings_en": "Meet <script>alert(1)</script>"})
    client.force_login(world.secretariat_x)
    page = client.get("/tors/health/compare/?a=1&b=2").content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'data-testid="tor-diff-meetings-en"' in page
    assert page.count("unchanged") == 11


def test_the_generic_tor_is_endorsed_by_the_administrator(client, world):
    make_tor(world, swg=False, status="reviewed")
    as_chair(client, world)
    assert client.post("/tors/generic/v1/endorse/").status_code == 403
    client.force_login(world.admin)
    client.post("/tors/generic/v1/endorse/")
    assert TorVersion.objects.get(swg=None, number=1).status == "endorsed"


def test_the_list_shows_each_groups_version_in_force(client, world):
    make_tor(world, status="endorsed")
    client.force_login(world.partner_a)
    page = client.get("/tors/").content.decode()
    assert "Generic terms of reference" in page and "Version 1, endorsed" in page


def test_a_version_downloads_as_pdf_in_arabic(client, world):
    make_tor(world, status="endorsed", text={**tor_text(), "reporting_ar": ""})
    client.force_login(world.partner_a)
    page = client.get("/tors/health/v1/").content.decode()
    assert "/tors/health/v1/tor.pdf?language=ar" in page
    response = client.get("/tors/health/v1/tor.pdf?language=ar")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "tor-health-v1-ar.pdf" in response["Content-Disposition"]
    text = words(pdf_text(response.content))
    assert world.swg_x.name_ar in text
    # Five sections in Arabic (their Latin labels come out in visual order, so
    # only the Arabic words are compared); reporting has no Arabic yet: the English.
    assert text.count("نص القسم") == 5
    assert "The group's reporting (v1)." in text


def test_a_draft_pdf_is_not_for_partners(client, world):
    draft = make_tor(world)
    client.force_login(world.partner_a)
    assert client.get(f"/tors/health/v{draft.number}/tor.pdf").status_code == 404
