"""Demo projects for the SWG portal (``python manage.py load_demo_projects``,
run by ``make demo`` after ``load_demo``). Built through the services, so the
quality check, history and the duplication check run as in real use; a
second run changes nothing."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from coordination.history import history_attribute
from swg.models import SWG, Organization, Subsector

from ..models import (
    District,
    DuplicatePair,
    ExchangeRate,
    NationalPriority,
    Project,
    ProjectBudget,
    ProjectParticipant,
    QuarterlyUpdate,
    Transaction,
)
from ..selectors.submissions import deadline_end, deadlines, owing_in, reporting_quarter
from ..services.duplicates import duplicate_mark_complementary
from ..services.projects import project_create, project_publish
from ..services.updates import (
    update_accept,
    update_no_change,
    update_return,
    update_save_draft,
    update_submit,
)
from .data import CONCEPTS, CURRENCY_OF, EXTRA_RATES, REQUIRED_FUNDING
from .results import build_demo_results

S = Project.Status
R = ProjectParticipant.Role
T = Transaction.Type

PHASES = {
    1: (dt.date(2023, 1, 1), dt.date(2024, 12, 31)),
    2: (dt.date(2025, 1, 1), dt.date(2026, 12, 31)),
}
PIPELINE = (dt.date(2026, 10, 1), dt.date(2028, 9, 30))
ON_HOLD_REASON = "Field work suspended: the security situation prevents access to the sites."
CANCELLED_REASON = "The donor reprogrammed the funds to another priority."


def _organizations() -> dict[str, Organization]:
    from swg.demo.world import ORGANIZATIONS

    names = {row[0]: row[3] for row in ORGANIZATIONS}
    by_name = {o.name_en: o for o in Organization.objects.filter(name_en__in=names.values())}
    missing = [key for key, name in names.items() if name not in by_name]
    if missing:
        raise RuntimeError("Run load_demo first; missing organizations: " + ", ".join(missing))
    return {key: by_name[name] for key, name in names.items()}


def _phase_plan(index: int, phase: int):
    """(status, start, end, reason, published) for one concept's phase."""
    if phase == 1:
        return S.COMPLETED, *PHASES[1], "", True
    start, end = PHASES[2]
    published = index % 6 != 2  # every sixth phase two is still a draft
    if index % 13 == 7:
        return S.PIPELINE, *PIPELINE, "", published
    if index % 9 == 4:
        return S.ON_HOLD, start, end, ON_HOLD_REASON, published
    if index == 26:
        return S.CANCELLED, start, end, CANCELLED_REASON, published
    return S.ONGOING, start, end, "", published


def _years(start: dt.date, end: dt.date):
    for year in range(start.year, end.year + 1):
        yield max(start, dt.date(year, 1, 1)), min(end, dt.date(year, 12, 31))


def _money(index, phase, concept, orgs, status, start, end, currency):
    yearly = Decimal(concept[11]) * 1000
    budgets = [
        {"period_start": a, "period_end": b, "value": yearly, "currency": currency, "status": 2}
        for a, b in _years(start, end)
    ]
    total = yearly * len(budgets)
    donor, implementer = orgs[concept[3][0]], orgs[concept[4][0]]
    money = {"currency": currency, "provider": donor, "receiver": implementer}
    if status == S.PIPELINE:
        pledge_day = start - dt.timedelta(days=90)
        return budgets, [{"type": T.PLEDGE, "value": total, "value_date": pledge_day, **money}]
    committed = total if phase == 1 else (total * Decimal("0.9")).quantize(Decimal(1))
    rows = [{"type": T.COMMITMENT, "value": committed, "value_date": start, **money}]
    paid_years = [a for a, _b in _years(start, end) if a < dt.date(2026, 1, 1)]
    share = Decimal("0.45") if phase == 1 else Decimal("0.4")
    for day in paid_years:
        rows.append(
            {
                "type": T.DISBURSEMENT,
                "value": (total * share).quantize(Decimal(1)),
                "value_date": day.replace(month=6, day=30),
                **money,
            }
        )
    if concept[2] == "unfpa" and concept[0] == "institutional-building":
        # Government co-funding, in dinars (LIBMITAF: partners report in several currencies).
        rows.append(
            {
                "type": T.COMMITMENT,
                "value": Decimal(2_000_000),
                "value_date": start,
                "currency": "LYD",
                "provider": orgs["mof"],
                "receiver": implementer,
                "description": "Ministry of Finance co-funding",
            }
        )
    return budgets, rows


def _participants(concept, orgs):
    owner, donors, implementers = concept[2], concept[3], concept[4]
    rows = [{"organization": orgs[k], "role": R.FUNDING} for k in donors]
    if owner == "unfpa" and concept[0] == "institutional-building":
        rows.append({"organization": orgs["mof"], "role": R.FUNDING})
    rows.append({"organization": orgs[owner], "role": R.ACCOUNTABLE})
    rows += [{"organization": orgs[k], "role": R.IMPLEMENTING} for k in implementers]
    return rows


def _identifier(index: int, phase: int, owner: Organization) -> str:
    return f"DEMO-{owner.acronym.replace(' ', '')}-{index + 1:02d}-{phase}"


@transaction.atomic
def build_demo_projects() -> dict:
    stats: Counter = Counter()
    admin = User.objects.filter(email="admin@demo.ly").first()
    orgs = _organizations()
    for currency, year, rate in EXTRA_RATES:
        _row, created = ExchangeRate.objects.get_or_create(
            currency=currency, year=year, defaults={"rate_to_usd": Decimal(rate), "source": "demo"}
        )
        if created:
            stats["ExchangeRate created"] += 1
    for priority in NationalPriority.objects.filter(
        code__in=REQUIRED_FUNDING, required_funding_usd__isnull=True
    ):
        priority.required_funding_usd = Decimal(REQUIRED_FUNDING[priority.code])
        history_attribute(priority, by=admin).save(update_fields=["required_funding_usd"])
        stats["NationalPriority updated"] += 1
    swgs = {s.slug: s for s in SWG.objects.all()}
    subsectors = {(s.swg.slug, s.slug): s for s in Subsector.objects.select_related("swg")}
    districts = {d.code: d for d in District.objects.all()}
    priorities = {p.code: p for p in NationalPriority.objects.all()}
    for index, concept in enumerate(CONCEPTS):
        swg, sub, owner_key, _d, _i, beneficiaries, en, ar, places, dac, priority, _b = concept
        owner = orgs[owner_key]
        currency = CURRENCY_OF.get(owner_key, "USD")
        for phase in (1, 2):
            identifier = _identifier(index, phase, owner)
            if Project.objects.filter(iati_identifier=identifier).exists():
                continue
            status, start, end, reason, published = _phase_plan(index, phase)
            budgets, transactions = _money(
                index, phase, concept, orgs, status, start, end, currency
            )
            project = project_create(
                by=admin,
                iati_identifier=identifier,
                title_en=en,
                title_ar=ar,
                description_en=f"{en}. Phase {phase} of the programme, with "
                f"{owner.name} reporting to the {swgs[swg].name_en} SWG.",
                owner=owner,
                swg=swgs[swg],
                subsector=subsectors.get((swg, sub)),
                dac_sector=dac,
                national_priority=priorities[priority],
                status=status,
                status_reason=reason,
                planned_start=start,
                planned_end=end,
                actual_start=start if phase == 1 else None,
                actual_end=end if phase == 1 else None,
                nationwide=places == "*",
                currency=currency,
                districts=[] if places == "*" else [districts[c] for c in places],
                beneficiaries=[orgs[k] for k in beneficiaries],
                participants=_participants(concept, orgs),
                budgets=budgets,
                transactions=transactions,
            )
            stats["Project created"] += 1
            if published:
                try:
                    project_publish(project=project, by=admin)
                except ValidationError as error:
                    stats[f"not published: {identifier}: {error.messages[0]}"] += 1
                else:
                    stats["Project published"] += 1
    _review_one_pair(admin, stats)
    _quarterly_updates(admin, stats)
    stats.update(build_demo_results())
    return {"changes": dict(stats), "totals": totals()}


def _previous(year: int, quarter: int) -> tuple[int, int]:
    return (year, quarter - 1) if quarter > 1 else (year - 1, 4)


def _quarterly_updates(admin, stats) -> None:
    """Updates in every state for the quarter partners report on now, and an
    earlier quarter handed in on time, late or not at all, so that the board
    and the information-sharing figures have something to show."""
    today = timezone.localdate()
    current = reporting_quarter(today)
    earlier = _previous(*current)
    demo = Project.objects.filter(iati_identifier__startswith="DEMO-").exclude(
        iati_identifier__contains="-x"
    )
    if QuarterlyUpdate.objects.filter(project__in=demo, year=current[0]).exists():
        return
    partners = {
        u.organization_id: u
        for u in User.objects.filter(kind=User.Kind.PARTNER, organization__isnull=False)
    }
    reviewer = User.objects.filter(email="secretariat@demo.ly").first() or admin
    due = deadlines([earlier])[earlier]
    for index, project in enumerate(demo.filter(owing_in(*earlier)).order_by("pk")):
        by = partners.get(project.owner_id, admin)
        if index % 5 == 0:
            continue  # missing
        update = update_no_change(project=project, year=earlier[0], quarter=earlier[1], by=by)
        update_accept(update=update, by=reviewer)
        late = index % 5 == 1
        handed_in = deadline_end(due) + dt.timedelta(days=3 if late else -6)
        QuarterlyUpdate.objects.filter(pk=update.pk).update(
            first_submitted_at=handed_in, submitted_at=handed_in
        )
        stats["QuarterlyUpdate (earlier quarter) created"] += 1
    year, quarter = current
    for index, project in enumerate(demo.filter(owing_in(year, quarter)).order_by("pk")):
        by = partners.get(project.owner_id, admin)
        kind = index % 6
        if kind == 0:
            continue  # not started
        if kind == 5:
            update_no_change(project=project, year=year, quarter=quarter, by=by)
        else:
            update = update_save_draft(
                project=project,
                year=year,
                quarter=quarter,
                by=by,
                narrative="Activities continued as planned; two trainings held.",
                issues="Access to the southern districts remains difficult.",
                indicators=[{"name": "People trained", "unit": "people", "value": 40 + index}],
            )
            if kind >= 2:
                update = update_submit(update=update, by=by)
            if kind == 3:
                update_return(
                    update=update,
                    by=reviewer,
                    comment="Please add the number of women among the people trained.",
                )
            if kind == 4:
                update_accept(update=update, by=reviewer)
        stats["QuarterlyUpdate created"] += 1


def _review_one_pair(admin, stats) -> None:
    """The Economic Reform secretariat found the two employment programmes of
    2023-24 complementary (one nationwide policy, one on the ground)."""
    pair = (
        DuplicatePair.objects.filter(
            decision=DuplicatePair.Decision.FLAGGED,
            project_a__subsector__slug="employment",
            project_a__planned_start__year=2023,
        )
        .order_by("pk")
        .first()
    )
    if pair is None:
        return
    secretariat = User.objects.filter(
        appointments__swg__slug="economic-reform", appointments__role="secretariat"
    ).first()
    duplicate_mark_complementary(
        pair=pair,
        note="ILO works on national labour policy, GIZ on training centres in two cities; "
        "they meet monthly.",
        by=secretariat or admin,
    )
    stats["DuplicatePair reviewed"] += 1


def totals() -> dict[str, int]:
    return {
        "projects": Project.objects.count(),
        "projects published": Project.objects.filter(state=Project.State.PUBLISHED).count(),
        "possible duplications flagged": DuplicatePair.objects.filter(
            decision=DuplicatePair.Decision.FLAGGED
        ).count(),
    }


@transaction.atomic
def build_scaled_projects(factor: int) -> dict:
    """The demo projects plus ``factor - 1`` suffixed copies, for query-count
    tests and trying pages with more rows. Bypasses the services."""
    build_demo_projects()
    base = list(
        Project.objects.filter(iati_identifier__startswith="DEMO-").prefetch_related(
            "districts", "beneficiaries", "participants", "budgets", "transactions", "updates"
        )
    )
    for copy in range(2, factor + 1):
        suffix = f"-x{copy}"
        if Project.objects.filter(iati_identifier=base[0].iati_identifier + suffix).exists():
            continue
        clones = Project.objects.bulk_create(
            Project(
                **{
                    f.attname: getattr(p, f.attname)
                    for f in Project._meta.concrete_fields
                    if f.name not in ("id", "iati_identifier", "title_en")
                },
                iati_identifier=p.iati_identifier + suffix,
                title_en=f"{p.title_en} #{copy}",
            )
            for p in base
        )
        links = Project.districts.through
        links.objects.bulk_create(
            links(project=c, district=d)
            for p, c in zip(base, clones, strict=True)
            for d in p.districts.all()
        )
        ProjectParticipant.objects.bulk_create(
            ProjectParticipant(project=c, organization_id=x.organization_id, role=x.role)
            for p, c in zip(base, clones, strict=True)
            for x in p.participants.all()
        )
        ProjectBudget.objects.bulk_create(
            ProjectBudget(
                project=c,
                period_start=b.period_start,
                period_end=b.period_end,
                value=b.value,
                currency=b.currency,
                status=b.status,
            )
            for p, c in zip(base, clones, strict=True)
            for b in p.budgets.all()
        )
        Transaction.objects.bulk_create(
            Transaction(
                project=c,
                type=t.type,
                value=t.value,
                currency=t.currency,
                value_date=t.value_date,
                provider_id=t.provider_id,
                receiver_id=t.receiver_id,
            )
            for p, c in zip(base, clones, strict=True)
            for t in p.transactions.all()
        )
        QuarterlyUpdate.objects.bulk_create(
            QuarterlyUpdate(
                project=c,
                **{
                    f.attname: getattr(u, f.attname)
                    for f in QuarterlyUpdate._meta.concrete_fields
                    if f.name not in ("id", "project")
                },
            )
            for p, c in zip(base, clones, strict=True)
            for u in p.updates.all()
        )
    return totals()
