"""Technical-assistance projects and their quarterly updates over ten years,
from the demo's real project concepts (projects_db/demo/data.py) in phases.
Rules kept (projects_db/services/updates.py, selectors/submissions.py): only
published projects report, one update per project and started quarter while
the project runs; a handed-in update has its first hand-in time and who
handed it in, a reviewed one who reviewed it and when, a returned one a
comment; an accepted update that reports a higher disbursed amount adds a
disbursement of the difference dated the quarter's last day."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from projects_db.demo.data import CONCEPTS, CURRENCY_OF
from projects_db.models import (
    District,
    NationalPriority,
    Project,
    ProjectBudget,
    ProjectParticipant,
    QuarterlyUpdate,
    Transaction,
)
from projects_db.models.updates import default_deadline, quarter_end, quarter_of
from projects_db.selectors.submissions import deadline_end, reporting_quarter

from .base import Run, weighted

P, U = Project.Status, QuarterlyUpdate.State


def _quarters(first: tuple[int, int], last: tuple[int, int]):
    year, quarter = first
    while (year, quarter) <= last:
        yield year, quarter
        year, quarter = (year, quarter + 1) if quarter < 4 else (year + 1, 1)


def build_projects(run: Run) -> None:
    rng, today = run.rng, run.today
    admin = run.users["admin"].pk
    by_key = run.org_by_key
    swgs = {swg.slug: swg for swg in run.swgs}
    subsectors = {(s.swg_id, s.slug): s.pk for swg in run.swgs for s in swg.subsectors.all()}
    priorities = dict(NationalPriority.objects.values_list("code", "pk"))
    districts = dict(District.objects.values_list("code", "pk"))
    partners = {u.organization_id: u.pk for u in run.users.values() if u.kind == "partner"}
    concepts = [c for c in CONCEPTS if c[0] in swgs]
    first_day = today - dt.timedelta(days=3653)
    current = reporting_quarter(today)
    with run.group("projects"):
        projects, links, participants = [], [], []
        for index in range(run.plan.n(3000)):
            (
                slug,
                sub,
                owner,
                donors,
                implementers,
                _beneficiaries,
                en,
                ar,
                where,
                dac,
                np,
                budget,
            ) = concepts[index % len(concepts)]
            swg = swgs[slug]
            phase = index // len(concepts) + 1
            start = first_day + dt.timedelta(days=rng.randrange(3653 + 365))
            end = start + dt.timedelta(days=rng.randrange(1000, 2900))
            if start > today:
                status = P.PIPELINE
            elif end < today:
                status = weighted(rng, [(P.COMPLETED, 0.9), (P.CANCELLED, 0.1)])
            else:
                status = weighted(
                    rng,
                    [
                        (P.ONGOING, 0.8),
                        (P.FINALISATION, 0.08),
                        (P.ON_HOLD, 0.07),
                        (P.CANCELLED, 0.05),
                    ],
                )
            created = run.moment(min(start, today) - dt.timedelta(days=60))
            published = status != P.PIPELINE or rng.random() < 0.5
            published = published and rng.random() < 0.93
            secretariat = run.secretariat_of[swg.pk].pk
            projects.append(
                Project(
                    iati_identifier=f"GEN-{by_key[owner].acronym or owner}-{index:06d}".replace(
                        " ", ""
                    )[:150],
                    title_en=f"{en} (phase {phase})",
                    title_ar=f"{ar} (المرحلة {phase})",
                    description_en=f"Phase {phase} of the programme.",
                    owner_id=by_key[owner].pk,
                    swg_id=swg.pk,
                    subsector_id=subsectors.get((swg.pk, sub)),
                    dac_sector=dac,
                    national_priority_id=priorities.get(np),
                    status=status,
                    status_reason="Access restricted by the security situation"
                    if status == P.ON_HOLD
                    else "",
                    planned_start=start,
                    planned_end=end,
                    actual_start=start if status != P.PIPELINE else None,
                    actual_end=end if status == P.COMPLETED else None,
                    nationwide=where == "*",
                    currency=CURRENCY_OF.get(donors[0], "USD"),
                    state=Project.State.PUBLISHED if published else Project.State.DRAFT,
                    published_at=created + dt.timedelta(days=10) if published else None,
                    published_by_id=secretariat if published else None,
                    created_at=created,
                    updated_at=created + dt.timedelta(days=10),
                )
            )
        run.save(Project, projects)
        run.history(
            Project,
            projects,
            lambda o: o.created_at,
            lambda o: partners.get(o.owner_id, admin),
            state=Project.State.DRAFT,
            published_at=None,
            published_by_id=None,
        )
        published = [p for p in projects if p.published_at]
        run.history(Project, published, lambda o: o.published_at, lambda o: o.published_by_id, "~")
        through = Project.districts.through
        for index, project in enumerate(projects):
            concept = concepts[index % len(concepts)]
            if concept[8] != "*":
                links += [
                    through(project_id=project.pk, district_id=districts[c])
                    for c in concept[8]
                    if c in districts
                ]
            for key in concept[3]:
                participants.append(
                    ProjectParticipant(
                        project_id=project.pk, organization_id=by_key[key].pk, role=1
                    )
                )
            for key in concept[4]:
                participants.append(
                    ProjectParticipant(
                        project_id=project.pk, organization_id=by_key[key].pk, role=4
                    )
                )
        through.objects.bulk_create(links, batch_size=2000)
        run.counts["Project districts"] += len(links)
        projects_by_pk = {p.pk: p for p in projects}
        run.save(
            ProjectParticipant,
            participants,
            history=(lambda o: projects_by_pk[o.project_id].created_at, lambda o: admin),
        )
        budgets = [
            ProjectBudget(
                project_id=p.pk,
                period_start=p.planned_start,
                period_end=p.planned_end,
                value=Decimal(concepts[i % len(concepts)][11] * 1000 * 3),
                currency=p.currency,
                status=2,
            )
            for i, p in enumerate(projects)
        ]
        run.save(
            ProjectBudget,
            budgets,
            history=(lambda o: projects_by_pk[o.project_id].created_at, lambda o: admin),
        )

    with run.group("quarterly updates"):
        # In slices of projects, so that memory stays flat at L.
        for first in range(0, len(published), 1000):
            _quarterly_updates(run, published[first : first + 1000], partners, current)


def _quarterly_updates(run: Run, published: list, partners: dict, current) -> None:
    rng, today = run.rng, run.today
    deadlines = {}
    updates = []
    for project in published:
        if project.status == P.PIPELINE or project.status == P.CANCELLED:
            continue
        last = min(quarter_of(project.planned_end), current)
        secretariat = run.secretariat_of[project.swg_id].pk
        partner = partners.get(project.owner_id)
        for year, quarter in _quarters(quarter_of(project.planned_start), last):
            due = deadlines.get((year, quarter)) or default_deadline(year, quarter)
            deadlines[(year, quarter)] = due
            now_due = (year, quarter) == current
            if rng.random() < (0.2 if now_due else 0.07):
                continue  # never handed in
            state = U.ACCEPTED
            if now_due:
                state = weighted(
                    rng,
                    [
                        (U.DRAFT, 0.25),
                        (U.SUBMITTED, 0.35),
                        (U.RETURNED, 0.1),
                        (U.ACCEPTED, 0.3),
                    ],
                )
            elif rng.random() < 0.03:
                state = U.RETURNED
            no_change = state != U.DRAFT and rng.random() < 0.3
            created = run.moment(
                quarter_end(year, quarter) + dt.timedelta(days=rng.randrange(1, 10))
            )
            handed = deadline_end(due) + dt.timedelta(days=rng.randrange(-14, 10), hours=-12)
            if handed > run.moment(today, 8):
                handed = run.moment(today, 8) - dt.timedelta(days=rng.randrange(1, 5))
            handed = max(handed, created + dt.timedelta(hours=2))
            update = QuarterlyUpdate(
                project_id=project.pk,
                year=year,
                quarter=quarter,
                no_change=no_change,
                state=state,
                narrative="" if no_change else "Activities continued as planned; trainings held.",
                issues="" if no_change else "Access to some districts remains difficult.",
                created_at=created,
                updated_at=created,
            )
            if state != U.DRAFT:
                update.submitted_at = update.first_submitted_at = handed
                update.submitted_by_id = partner
            if state in (U.ACCEPTED, U.RETURNED):
                update.reviewed_at = handed + dt.timedelta(days=rng.randrange(1, 12))
                update.reviewed_by_id = secretariat
                update.updated_at = update.reviewed_at
            if state == U.RETURNED:
                update.review_comment = "Please add the number of women among the people trained."
            updates.append(update)
    _disbursed(run, updates, {p.pk: p for p in published})
    run.save(QuarterlyUpdate, updates)
    owner_of = {p.pk: p.owner_id for p in published}
    run.history(
        QuarterlyUpdate,
        updates,
        lambda o: o.created_at,
        lambda o: partners.get(owner_of[o.project_id]),
        state=U.DRAFT,
        submitted_at=None,
        first_submitted_at=None,
        submitted_by_id=None,
        reviewed_at=None,
        reviewed_by_id=None,
        review_comment="",
    )
    handed_in = [u for u in updates if u.submitted_at]
    run.history(
        QuarterlyUpdate,
        handed_in,
        lambda o: o.submitted_at,
        lambda o: o.submitted_by_id,
        "~",
        state=U.SUBMITTED,
        reviewed_at=None,
        reviewed_by_id=None,
        review_comment="",
    )
    reviewed = [u for u in updates if u.reviewed_at]
    run.history(QuarterlyUpdate, reviewed, lambda o: o.reviewed_at, lambda o: o.reviewed_by_id, "~")


def _disbursed(run: Run, updates: list, projects: dict) -> None:
    """Rising disbursed amounts; each accepted one adds the difference as a
    disbursement from the project's funder (update_accept)."""
    rng = run.rng
    admin = run.users["admin"].pk
    totals: dict[int, Decimal] = {}
    recorded: dict[int, Decimal] = {}
    transactions = []
    funders = dict(
        ProjectParticipant.objects.filter(role=1, project__in=list(projects))
        .order_by("pk")
        .values_list("project_id", "organization_id")
    )
    for update in updates:
        if update.no_change:
            continue
        total = totals.get(update.project_id, Decimal(0)) + Decimal(rng.randrange(20, 400) * 1000)
        totals[update.project_id] = total
        update.disbursed_to_date = total
        if update.state == U.ACCEPTED:
            project = projects[update.project_id]
            transactions.append(
                Transaction(
                    project_id=project.pk,
                    type=Transaction.Type.DISBURSEMENT,
                    value=total - recorded.get(update.project_id, Decimal(0)),
                    currency=project.currency,
                    value_date=quarter_end(update.year, update.quarter),
                    provider_id=funders.get(project.pk),
                    description=f"Quarterly update {update.year} Q{update.quarter}",
                )
            )
            recorded[update.project_id] = total
    run.save(
        Transaction,
        transactions,
        history=(lambda o: run.moment(o.value_date + dt.timedelta(days=20)), lambda o: admin),
    )
