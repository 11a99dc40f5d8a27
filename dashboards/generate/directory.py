"""Organizations, people, logins and memberships: the demo's real names
(swg.demo.world, from the assessment and the LIBMITAF report) first, then
generated ones. Rules kept: one active chair per group, from a government
organization (swg/services/memberships.py); every membership's organization
names its focal point for the group; ended memberships keep their rows."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.hashers import make_password

from accounts.models import User
from swg.demo.world import (
    CONTACTS,
    DEMO_PASSWORD,
    DEMO_USERS,
    LANGUAGE_NAMES,
    MEMBERSHIPS,
    MINISTRY_OF_PLANNING,
    ORGANIZATIONS,
    RELAUNCH,
    TASKS_AR,
)
from swg.models import SWG, Contact, FocalPoint, Membership, Organization, SWGAppointment

from .base import Run, weighted

T = Organization.Type
R = Membership.Role
GOVERNMENT_TYPES = (T.MINISTRY, T.GOV_BODY)

# fmt: off
# Libyan municipalities and towns for generated local bodies and associations.
TOWNS = [("Tripoli", "طرابلس"), ("Benghazi", "بنغازي"), ("Misrata", "مصراتة"), ("Sabha", "سبها"),
         ("Zawiya", "الزاوية"), ("Bayda", "البيضاء"), ("Tobruk", "طبرق"), ("Derna", "درنة"),
         ("Sirte", "سرت"), ("Gharyan", "غريان"), ("Zliten", "زليتن"), ("Khoms", "الخمس"),
         ("Ubari", "أوباري"), ("Murzuq", "مرزق"), ("Ghat", "غات"), ("Kufra", "الكفرة"),
         ("Nalut", "نالوت"), ("Zuwara", "زوارة"), ("Ajdabiya", "أجدابيا"), ("Bani Walid", "بني وليد")]
TOPICS = [("Health", "الصحة"), ("Education", "التعليم"), ("Youth", "الشباب"),
          ("Women's Rights", "حقوق المرأة"), ("Development", "التنمية"), ("Water", "المياه"),
          ("Human Rights", "حقوق الإنسان"), ("Relief", "الإغاثة"), ("Heritage", "التراث"),
          ("Environment", "البيئة"), ("Disability", "ذوي الإعاقة"), ("Entrepreneurs", "رواد الأعمال")]
COUNTRIES = [("Italy", "إيطاليا", "it"), ("Germany", "ألمانيا", "de"), ("France", "فرنسا", "fr"),
             ("Netherlands", "هولندا", "nl"), ("Spain", "إسبانيا", "es"), ("Japan", "اليابان", "jp"),
             ("Korea", "كوريا", "kr"), ("Canada", "كندا", "ca"), ("Norway", "النرويج", "no"),
             ("Sweden", "السويد", "se"), ("Malta", "مالطا", "mt"), ("Turkey", "تركيا", "tr"),
             ("Tunisia", "تونس", "tn"), ("Egypt", "مصر", "eg"), ("Denmark", "الدنمارك", "dk")]
INGOS = [("Relief International", "الإغاثة الدولية"), ("Danish Refugee Council", "المجلس الدنماركي للاجئين"),
         ("Norwegian Refugee Council", "المجلس النرويجي للاجئين"), ("ACTED", "أكتد"),
         ("International Medical Corps", "الهيئة الطبية الدولية"), ("CESVI", "تشيسفي"),
         ("Mercy Corps", "ميرسي كوربس"), ("Search for Common Ground", "البحث عن أرضية مشتركة"),
         ("Handicap International", "الإعاقة الدولية"), ("Save the Children", "أنقذوا الأطفال")]
FIRST = [("Ahmed", "أحمد", "m"), ("Mohamed", "محمد", "m"), ("Ali", "علي", "m"), ("Omar", "عمر", "m"),
         ("Khaled", "خالد", "m"), ("Youssef", "يوسف", "m"), ("Ibrahim", "إبراهيم", "m"),
         ("Salem", "سالم", "m"), ("Tarek", "طارق", "m"), ("Walid", "وليد", "m"), ("Mustafa", "مصطفى", "m"),
         ("Fatima", "فاطمة", "f"), ("Aisha", "عائشة", "f"), ("Mariam", "مريم", "f"), ("Huda", "هدى", "f"),
         ("Salma", "سلمى", "f"), ("Noura", "نورة", "f"), ("Asma", "أسماء", "f"), ("Laila", "ليلى", "f"),
         ("Amal", "أمل", "f"), ("Rania", "رانيا", "f"), ("Samira", "سميرة", "f"), ("Hana", "هناء", "f")]
LAST = [("Al-Tarhuni", "الترهوني"), ("Ben Ali", "بن علي"), ("Al-Mabrouk", "المبروك"),
        ("Al-Zawi", "الزاوي"), ("Al-Sharif", "الشريف"), ("Al-Obeidi", "العبيدي"), ("Al-Fitouri", "الفيتوري"),
        ("Al-Senussi", "السنوسي"), ("Al-Misrati", "المصراتي"), ("Al-Gharyani", "الغرياني"),
        ("Al-Barouni", "الباروني"), ("Al-Hadi", "الهادي"), ("Al-Dressi", "الدرسي"), ("Al-Ajili", "العجيلي"),
        ("Al-Jaafari", "الجعفري"), ("Al-Warfalli", "الورفلي"), ("Al-Magarief", "المقريف"),
        ("Al-Kikhia", "الكيخيا"), ("Al-Shaibani", "الشيباني"), ("Al-Zintani", "الزنتاني")]
TITLES = ["Programme Officer", "Head of Section", "Director of Planning", "Project Manager",
          "Technical Adviser", "Country Director", "Deputy Director", "Monitoring and Evaluation Officer",
          "Coordination Officer", "Liaison Officer"]
MEMBER_TASKS = [("Reports on the organization's projects in the sector", "يقدم تقارير عن مشاريع المنظمة في القطاع"),
                ("Shares the field data of the southern districts", "يشارك بيانات المناطق الجنوبية"),
                ("Follows the capacity-building activities", "يتابع أنشطة بناء القدرات"),
                ("Presents the ministry's sector priorities", "يعرض أولويات الوزارة في القطاع")]
# fmt: on


def _domain(name: str, index: int) -> str:
    letters = "".join(c for c in name.lower() if c.isalnum())[:16] or "org"
    return f"{letters}{index}.org.ly"


def _generated_organization(run: Run, index: int) -> tuple:
    rng = run.rng
    kind = weighted(
        rng,
        [
            (T.CSO, 0.34),
            (T.GOV_BODY, 0.18),
            (T.MINISTRY, 0.04),
            (T.INGO, 0.14),
            (T.BILATERAL, 0.10),
            (T.PRIVATE, 0.10),
            (T.ACADEMIA, 0.06),
            (T.UN, 0.02),
            (T.MULTILATERAL, 0.02),
        ],
    )
    town_en, town_ar = rng.choice(TOWNS)
    topic_en, topic_ar = rng.choice(TOPICS)
    if kind == T.CSO:
        en, ar = f"{town_en} Association for {topic_en}", f"جمعية {town_ar} لـ{topic_ar}"
    elif kind == T.GOV_BODY:
        en, ar = f"Municipal Council of {town_en}", f"المجلس البلدي {town_ar}"
    elif kind == T.MINISTRY:
        en, ar = f"General Authority for {topic_en}", f"الهيئة العامة لـ{topic_ar}"
    elif kind == T.INGO:
        en, ar = rng.choice(INGOS)
        en, ar = f"{en} ({town_en} office)", f"{ar} (مكتب {town_ar})"
    elif kind == T.BILATERAL:
        country_en, country_ar, _code = rng.choice(COUNTRIES)
        en, ar = f"Embassy of {country_en}", f"سفارة {country_ar}"
    elif kind == T.PRIVATE:
        en, ar = f"{town_en} {topic_en} Company", f"شركة {town_ar} لـ{topic_ar}"
    elif kind == T.ACADEMIA:
        en, ar = f"University of {town_en}", f"جامعة {town_ar}"
    else:
        en, ar = f"UN {topic_en} Programme", f"برنامج الأمم المتحدة لـ{topic_ar}"
    en, ar = f"{en} {index}", f"{ar} {index}"
    return kind, en, ar


def _generated_organizations(run: Run, indexes: range) -> list[Organization]:
    orgs = []
    for index in indexes:
        kind, en, ar = _generated_organization(run, index)
        orgs.append(Organization(name_en=en, name_ar=ar, org_type=kind))
    return orgs


def _generated_contacts(run: Run, orgs: list, indexes: range) -> list[Contact]:
    """People for ``orgs`` (saved), numbered by ``indexes`` (their emails
    carry it): the first two rounds go to each organization in turn, the rest
    at random."""
    rng = run.rng
    contacts = []
    for index in indexes:
        org_index = index % len(orgs) if index < 2 * len(orgs) else rng.randrange(len(orgs))
        org = orgs[org_index]
        first_en, first_ar, gender = rng.choice(FIRST)
        last_en, last_ar = rng.choice(LAST)
        arabic = org.org_type in GOVERNMENT_TYPES or org.org_type == T.CSO
        contacts.append(
            Contact(
                name_en=f"{first_en} {last_en}",
                name_ar=f"{first_ar} {last_ar}",
                title_en=rng.choice(TITLES),
                organization_id=org.pk,
                email=f"{first_en.lower()}.{index}@{_domain(org.name_en, org_index)}",
                gender=gender,
                preferred_language="ar" if arabic else rng.choice(("en", "ar")),
                mobile=f"+218 9{rng.choice((1, 2, 4))} {rng.randrange(1000):03d} {rng.randrange(10000):04d}",
                languages="Arabic, English" if arabic else "English",
            )
        )
    return contacts


def build_directory(run: Run) -> None:
    plan = run.plan
    start = run.today - dt.timedelta(days=3653)
    joined = run.moment(start - dt.timedelta(days=30))
    with run.group("directory"):
        # Logins: the demo's (README "Demo logins"), one password hash for all.
        password = make_password(DEMO_PASSWORD)
        keyed = {row[0]: row for row in ORGANIZATIONS}
        orgs = [
            Organization(
                name_en=en,
                name_ar=ar,
                org_type=org_type,
                acronym=acronym,
                is_ministry_of_planning=key == MINISTRY_OF_PLANNING,
            )
            for key, org_type, acronym, en, ar, _parent, _domain in ORGANIZATIONS
        ]
        by_key = dict(zip(keyed, orgs, strict=True))
        orgs += _generated_organizations(run, range(len(orgs), plan.n(300, len(orgs))))
        admin_row = next(row for row in DEMO_USERS if row[3] == User.Kind.ADMIN)
        admin = User(
            email=admin_row[1],
            full_name=admin_row[2],
            kind=admin_row[3],
            is_staff=True,
            is_superuser=True,
            password=password,
            date_joined=joined,
        )
        run.save(User, [admin], history=(lambda o: joined, lambda o: None))
        run.users["admin"] = admin
        run.save(Organization, orgs, history=(lambda o: joined, lambda o: admin.pk))
        # Parents after the first insert, as the admin would link them.
        children = []
        for key, row in keyed.items():
            if row[5]:
                by_key[key].parent_id = by_key[row[5]].pk
                children.append(by_key[key])
        Organization.objects.bulk_update(children, ["parent"])
        run.orgs, run.org_by_key = orgs, by_key

        domains = {key: row[6] for key, row in keyed.items()}
        contacts = []
        for key, org_key, gender, en, ar, title, langs, preferred in CONTACTS:
            contacts.append(
                Contact(
                    name_en=en,
                    name_ar=ar,
                    title_en=title,
                    organization_id=by_key[org_key].pk,
                    email=f"{key}@{domains[org_key]}",
                    gender=gender,
                    preferred_language=preferred,
                    languages=", ".join(LANGUAGE_NAMES[c] for c in langs.split()),
                )
            )
        run.contact_rows = dict(zip((r[0] for r in CONTACTS), contacts, strict=True))
        contacts += _generated_contacts(
            run, orgs, range(len(contacts), plan.n(5000, len(contacts)))
        )
        run.save(Contact, contacts, history=(lambda o: joined, lambda o: admin.pk))
        for contact in contacts:
            run.contacts_of.setdefault(contact.organization_id, []).append(contact)

        run.swgs = list(SWG.objects.filter(lead=SWG.Lead.MOP, is_active=True).order_by("number"))
        _logins(run, by_key, password, joined)
        _memberships(run, by_key, start)


def _logins(run: Run, by_key, password, joined) -> None:
    """The demo logins, plus a secretariat and a chair login for every group
    the demo leaves without one (history and approvals name them)."""
    swg_by_slug = {swg.slug: swg for swg in run.swgs}
    users, appointments = [], []
    for _label, email, name, kind, org_key, language, swg_roles, since in DEMO_USERS:
        if kind == User.Kind.ADMIN:
            continue
        user = User(
            email=email,
            full_name=name,
            kind=kind,
            language=language,
            password=password,
            organization_id=by_key[org_key].pk if org_key else None,
            date_joined=joined,
        )
        users.append(user)
        appointments += [(user, swg_by_slug[slug], role, since) for slug, role in swg_roles]
    for swg in run.swgs:
        for role in ("secretariat", "chair"):
            if not any(a[1] == swg and a[2] == role for a in appointments):
                org = by_key["mop" if role == "secretariat" else "pmo"]
                user = User(
                    email=f"{role}.{swg.slug}@planning.gov.ly",
                    kind=User.Kind.GOVERNMENT,
                    full_name=f"{swg.name_en} {role}",
                    organization_id=org.pk,
                    language="ar",
                    password=password,
                    date_joined=joined,
                )
                users.append(user)
                appointments.append((user, swg, role, joined.date()))
    admin = run.users["admin"]
    run.save(User, users, history=(lambda o: joined, lambda o: admin.pk))
    run.users.update((u.email, u) for u in users)
    rows = [SWGAppointment(user=u, swg=s, role=r, start_date=d) for u, s, r, d in appointments]
    run.save(SWGAppointment, rows, history=(lambda o: joined, lambda o: admin.pk))
    for user, swg, role, _since in appointments:
        (run.secretariat_of if role == "secretariat" else run.chair_user_of)[swg.pk] = user


def _memberships(run: Run, by_key, start: dt.date) -> None:
    """Today's rosters are the demo's (swg.demo.world.MEMBERSHIPS); before the
    relaunch, generated members came and went, chaired by a government body.
    Each group has about 40 member organizations at M, ten times that at L."""
    rng = run.rng
    admin = run.users["admin"]
    swg_by_slug = {swg.slug: swg for swg in run.swgs}
    government = [
        o for o in run.orgs if o.org_type in GOVERNMENT_TYPES and run.contacts_of.get(o.pk)
    ]
    others = [
        o for o in run.orgs if o.org_type not in GOVERNMENT_TYPES and run.contacts_of.get(o.pk)
    ]
    rows: list[Membership] = []
    for slug, role, key, task, *history in MEMBERSHIPS:
        since, end, reason = (*history, None, "")[:3] if history else (RELAUNCH, None, "")
        contact = run.contact_rows[key]
        rows.append(
            Membership(
                swg=swg_by_slug[slug],
                organization_id=contact.organization_id,
                contact_id=contact.pk,
                role=role,
                task_en=task,
                task_ar=TASKS_AR.get(task, ""),
                start_date=since,
                end_date=end,
                end_reason=reason,
            )
        )
    for swg in run.swgs:
        chair_org = rng.choice(government)
        rows.append(
            Membership(
                swg=swg,
                organization_id=chair_org.pk,
                contact_id=run.contacts_of[chair_org.pk][0].pk,
                role=R.CHAIR,
                start_date=start,
                end_date=RELAUNCH - dt.timedelta(days=1),
                end_reason="Structure relaunched under the PMO decree",
            )
        )
        rows += _generated_members(run, swg, government, others, start)
    _save_memberships(run, rows, admin.pk)


def _generated_members(run: Run, swg, government: list, others: list, start) -> list:
    """Members who came and went since ``start``, four in five of them not
    government; each organization has people (``run.contacts_of``)."""
    rng = run.rng
    rows = []
    for _ in range(run.plan.n(60, 30)):
        org = rng.choice((others if rng.random() < 0.8 else government) or others or government)
        since = start + dt.timedelta(days=rng.randrange(3400))
        end = None
        if rng.random() < 0.45:
            end = min(since + dt.timedelta(days=rng.randrange(200, 2000)), run.today)
        task_en, task_ar = rng.choice(MEMBER_TASKS)
        rows.append(
            Membership(
                swg=swg,
                organization_id=org.pk,
                contact_id=rng.choice(run.contacts_of[org.pk]).pk,
                role=weighted(rng, [(R.MEMBER, 0.75), (R.SUPPORTING, 0.15), (R.OBSERVER, 0.10)]),
                task_en=task_en,
                task_ar=task_ar,
                start_date=since,
                end_date=end,
                end_reason="No longer active in the sector" if end else "",
            )
        )
    return rows


def _save_memberships(run: Run, rows: list, admin_id: int | None) -> None:
    """The memberships with their history and the focal point each organization
    names for the group."""
    run.save(Membership, rows)
    # As membership_add and membership_end write them: open first, ended later.
    run.history(
        Membership,
        rows,
        lambda o: run.moment(o.start_date),
        lambda o: admin_id,
        end_date=None,
        end_reason="",
    )
    ended = [m for m in rows if m.end_date]
    run.history(Membership, ended, lambda o: run.moment(o.end_date, 16), lambda o: admin_id, "~")
    focal_points = [
        FocalPoint(
            organization_id=m.organization_id,
            contact_id=m.contact_id,
            swg_id=m.swg_id,
            purpose=FocalPoint.Purpose.SWG,
            appointed_on=m.start_date,
            ended_on=m.end_date,
        )
        for m in rows
    ]
    run.save(
        FocalPoint,
        focal_points,
        history=(lambda o: run.moment(o.appointed_on), lambda o: admin_id),
    )
    for m in rows:
        run.memberships.setdefault(m.swg_id, []).append(m)


def read_directory(run: Run) -> None:
    """The groups, people and rosters a database holds already (a test's world,
    the demo), for the areas that add to them (``dashboards.generate.grow``).
    Groups without a secretariat login are left out; a group without a chair
    login has its minutes approved by its secretariat's."""
    appointed: dict[int, dict[str, User]] = {}
    for appointment in SWGAppointment.objects.active().select_related("user").order_by("pk"):
        appointed.setdefault(appointment.swg_id, {}).setdefault(appointment.role, appointment.user)
    groups = SWG.objects.filter(lead=SWG.Lead.MOP, is_active=True).order_by("number")
    run.swgs = [swg for swg in groups if "secretariat" in appointed.get(swg.pk, {})]
    for swg in run.swgs:
        users = appointed[swg.pk]
        run.secretariat_of[swg.pk] = users["secretariat"]
        run.chair_user_of[swg.pk] = users.get("chair", users["secretariat"])
    for contact in Contact.objects.order_by("pk"):
        run.contacts_of.setdefault(contact.organization_id, []).append(contact)
    rosters = Membership.objects.filter(swg__in=run.swgs, contact__isnull=False).order_by("pk")
    for membership in rosters:
        run.memberships.setdefault(membership.swg_id, []).append(membership)


def grow_directory(run: Run) -> None:
    """Generated organizations, their people and members who came and went
    (with their focal points), added to the groups ``read_directory`` found and
    numbered after the rows the database holds."""
    admin = User.objects.filter(is_superuser=True).order_by("pk").first()
    admin_id = admin.pk if admin else None
    start = run.today - dt.timedelta(days=3653)
    joined = run.moment(start - dt.timedelta(days=30))
    with run.group("directory"):
        first = Organization.objects.count()
        orgs = _generated_organizations(run, range(first, first + run.plan.n(300)))
        run.save(Organization, orgs, history=(lambda o: joined, lambda o: admin_id))
        first = Contact.objects.count()
        contacts = _generated_contacts(run, orgs, range(first, first + run.plan.n(5000)))
        run.save(Contact, contacts, history=(lambda o: joined, lambda o: admin_id))
        for contact in contacts:
            run.contacts_of.setdefault(contact.organization_id, []).append(contact)
        staffed = [o for o in orgs if run.contacts_of.get(o.pk)]
        government = [o for o in staffed if o.org_type in GOVERNMENT_TYPES]
        others = [o for o in staffed if o.org_type not in GOVERNMENT_TYPES]
        rows = []
        for swg in run.swgs:
            rows += _generated_members(run, swg, government, others, start)
        _save_memberships(run, rows, admin_id)
