"""The quarterly update pages: the partner's "My updates", the update form
with its one-click "no change", the secretariat's review, and the submission
board with its export (DESIGN §3 "Quarterly update")."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from coordination.forms import apply_errors
from coordination.history import history_rows
from coordination.spreadsheets import writer
from coordination.web import button_action, download, paginate, query_without, safe_next
from swg import permissions
from swg.models import SWG

from ..forms.updates import (
    BoardFilterForm,
    ReturnForm,
    UpdateForm,
    indicator_formset,
    indicator_rows,
)
from ..models import Project, QuarterlyUpdate, quarter_of
from ..permissions import projects_with_updates_visible
from ..selectors import submissions
from ..services import updates as services
from .common import project_for, update_for


def _quarter_choices(today) -> list[tuple[int, int]]:
    """The reporting quarter, the one under way and the six before."""
    year, quarter = quarter_of(today)
    choices = []
    for _n in range(8):
        choices.append((year, quarter))
        year, quarter = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
    return choices


@login_required
@require_GET
def update_list(request):
    """ "Q3 2026 update due 15 October — 4 of 6 projects done": the projects
    the user reports on (or reviews) for one quarter, with their updates."""
    today = timezone.localdate()
    choices = _quarter_choices(today)
    year, quarter = submissions.reporting_quarter(today)
    asked = request.GET.get("quarter", "")
    for y, q in choices:
        if asked == f"{y}-{q}":
            year, quarter = y, q
    projects = projects_with_updates_visible(request.user, Project.objects.all())
    page = paginate(
        request, submissions.updates_for_quarter(projects=projects, year=year, quarter=quarter)
    )
    for project in page:
        project.can_submit = permissions.can(request.user, "update.submit", project)
    return render(
        request,
        "projects_db/update_list.html",
        {
            "page": page,
            "query": query_without(request, "page"),
            "progress": submissions.quarter_progress(projects=projects, year=year, quarter=quarter),
            "choices": [(f"{y}-{q}", f"Q{q} {y}") for y, q in choices],
            "selected": f"{year}-{quarter}",
            "future": (year, quarter) == quarter_of(today),
            "can_board": permissions.can(request.user, "update.board"),
        },
    )


def _open_update(project: Project, year: int, quarter: int) -> QuarterlyUpdate:
    if quarter not in (1, 2, 3, 4):
        raise Http404
    update = QuarterlyUpdate.objects.filter(project=project, year=year, quarter=quarter).first()
    return update or QuarterlyUpdate(project=project, year=year, quarter=quarter)


@login_required
def update_edit(request, pk, year, quarter):
    """The update form: "Save draft" keeps it, "Submit" hands it in."""
    project = project_for(request, pk, "update.submit")
    update = _open_update(project, year, quarter)
    if update.pk and not update.is_editable:
        return redirect("projects_db:update_detail", update.pk)
    data = request.POST if request.method == "POST" else None
    form = UpdateForm(data, instance=update)
    formset = indicator_formset(data, update)
    if data is not None and form.is_valid() and formset.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            with transaction.atomic():
                saved = services.update_save_draft(
                    project=project,
                    year=year,
                    quarter=quarter,
                    by=request.user,
                    indicators=indicator_rows(formset),
                    **fields,
                )
                if "submit" in request.POST:
                    saved = services.update_submit(update=saved, by=request.user)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            if saved.state == QuarterlyUpdate.State.SUBMITTED:
                messages.success(request, _("Update submitted for review."))
            else:
                messages.success(request, _("Draft saved."))
            return redirect("projects_db:update_detail", saved.pk)
    return render(
        request,
        "projects_db/update_form.html",
        {
            "project": project,
            "update": update,
            "form": form,
            "formset": formset,
            "deadline": update.deadline,
        },
        status=400 if data is not None else 200,
    )


@login_required
@require_POST
def update_no_change(request, pk, year, quarter):
    project = project_for(request, pk, "update.submit")
    if quarter not in (1, 2, 3, 4):
        raise Http404
    fallback = reverse("projects_db:update_list") + f"?quarter={year}-{quarter}"
    return button_action(
        request,
        lambda: services.update_no_change(
            project=project, year=year, quarter=quarter, by=request.user
        ),
        then=safe_next(request, fallback),
        done=_("Submitted: no change this quarter."),
    )


def _detail_context(request, update: QuarterlyUpdate, return_form=None) -> dict:
    can_review = permissions.can(request.user, "update.review", update)
    can_submit = permissions.can(request.user, "update.submit", update.project)
    return {
        "update": update,
        "project": update.project,
        "indicators": list(update.indicator_values.all()),
        "can_review": can_review and update.state == QuarterlyUpdate.State.SUBMITTED,
        "can_edit": can_submit and update.is_editable,
        "return_form": return_form or ReturnForm(),
        "history": history_rows(obj=update)
        if permissions.can(request.user, "project.history", update.project)
        else None,
    }


@login_required
@require_GET
def update_detail(request, update_pk):
    update = update_for(request, update_pk)
    return render(request, "projects_db/update_detail.html", _detail_context(request, update))


@login_required
@require_POST
def update_accept(request, update_pk):
    update = update_for(request, update_pk, "update.review")
    return button_action(
        request,
        lambda: services.update_accept(update=update, by=request.user),
        then=reverse("projects_db:update_detail", args=[update.pk]),
        done=_("Update accepted; its changes are applied to the project."),
    )


@login_required
@require_POST
def update_return(request, update_pk):
    update = update_for(request, update_pk, "update.review")
    form = ReturnForm(request.POST)
    if form.is_valid():
        try:
            services.update_return(
                update=update, by=request.user, comment=form.cleaned_data["review_comment"]
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Update returned to the partner."))
            return redirect("projects_db:update_detail", update.pk)
    context = _detail_context(request, update, return_form=form)
    return render(request, "projects_db/update_detail.html", context, status=400)


def _board(request):
    permissions.require(request.user, "update.board")
    actor = permissions.actor_for(request.user)
    swgs = SWG.objects.filter(is_active=True).order_by("number", "name_en")
    if not actor.sees_everything:
        swgs = swgs.filter(pk__in=actor.managed_swg_ids)
    today = timezone.localdate()
    form = BoardFilterForm(request.GET or None, swgs=swgs)
    values = form.cleaned_data if form.is_valid() else {}
    year = values.get("year") or submissions.reporting_quarter(today)[0]
    projects = projects_with_updates_visible(request.user, Project.objects.all())
    if values.get("swg"):
        projects = projects.filter(swg=values["swg"])
    quarters = [(year, q) for q in (1, 2, 3, 4)]
    board = submissions.submission_board(
        projects=projects, quarters=quarters, today=today, state=values.get("state") or ""
    )
    return form, year, quarters, board


@login_required
@require_GET
def submission_board(request):
    form, year, quarters, board = _board(request)
    return render(
        request,
        "projects_db/submission_board.html",
        {
            "form": form,
            "year": year,
            "quarters": quarters,
            "board": board,
            "query": request.GET.urlencode(),
        },
    )


@login_required
@require_GET
def submission_board_export(request, fmt):
    if fmt not in ("csv", "xlsx"):
        raise Http404
    _form, year, _quarters, board = _board(request)
    rows = submissions.board_table(board)
    name = f"quarterly-updates-{year}"
    if fmt == "csv":
        return download(
            writer.csv_stream(rows), filename=f"{name}.csv", content_type="text/csv; charset=utf-8"
        )
    return download(
        writer.xlsx_file(rows, title=_("Quarterly updates")),
        filename=f"{name}.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
