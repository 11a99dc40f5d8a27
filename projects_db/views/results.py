"""The results framework pages (DESIGN §3 "Results framework"): the national
priorities, each SWG's goals → objectives → indicators, an indicator's
progress with its chart, and the secretariat's forms for all of them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from coordination.forms import apply_errors
from swg import permissions
from swg.models import SWG

from ..forms.results import (
    GoalForm,
    IndicatorForm,
    MeasurementForm,
    ObjectiveForm,
    PriorityForm,
    TargetForm,
)
from ..models import (
    Indicator,
    IndicatorMeasurement,
    IndicatorTarget,
    NationalPriority,
    Objective,
    SectorGoal,
)
from ..selectors import results as selectors
from ..services import results as services

# ---------------------------------------------------------------- access


def _swg_for(request, *, manage: bool = False, **lookup) -> SWG:
    """The SWG: 404 outside the user's reach, 403 when visible but its results
    framework is not theirs to keep."""
    swg = permissions.get_visible_or_404(request.user, SWG.objects.all(), **lookup)
    if manage:
        permissions.require(request.user, "results.manage", swg)
    return swg


def _indicator_for(request, pk, *, manage: bool = False) -> Indicator:
    indicator = permissions.get_visible_or_404(
        request.user,
        Indicator.objects.select_related("swg", "objective", "national_priority"),
        pk=pk,
    )
    if manage:
        permissions.require(request.user, "results.manage", indicator.swg)
    return indicator


def _framework_url(swg: SWG) -> str:
    return reverse("projects_db:results_framework", args=[swg.slug])


def _form_page(request, *, form, save, then, title: str, back: str, done: str):
    """Bind, save through the service, and show its refusals at the form."""
    if request.method == "POST" and form.is_valid():
        try:
            saved = save(form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, done)
            return redirect(then(saved))
    return render(
        request,
        "projects_db/results/form.html",
        {"form": form, "title": title, "back": back},
        status=400 if request.method == "POST" else 200,
    )


def _data(request):
    return request.POST if request.method == "POST" else None


# ---------------------------------------------------------------- reading


@login_required
@require_GET
def results_index(request):
    """The national priorities and the SWGs whose frameworks the user reads."""
    return render(
        request,
        "projects_db/results/index.html",
        {
            "priorities": NationalPriority.objects.all(),
            "swgs": permissions.visible_swgs(request.user)
            .filter(is_active=True)
            .order_by("number", "name_en"),
            "can_priorities": permissions.can(request.user, "priority.manage"),
        },
    )


@login_required
@require_GET
def results_framework(request, slug):
    swg = _swg_for(request, slug=slug)
    return render(
        request,
        "projects_db/results/framework.html",
        {
            "swg": swg,
            "can_manage": permissions.can(request.user, "results.manage", swg),
            **selectors.results_framework(swg=swg),
        },
    )


@login_required
@require_GET
def indicator_detail(request, pk):
    indicator = _indicator_for(request, pk)
    return render(
        request,
        "projects_db/results/indicator.html",
        {
            "indicator": indicator,
            "swg": indicator.swg,
            "projects": indicator.projects.select_related("owner").order_by("title_en"),
            "can_manage": permissions.can(request.user, "results.manage", indicator.swg),
            **selectors.indicator_progress(indicator=indicator),
        },
    )


# ---------------------------------------------------------------- national priorities


@login_required
def priority_create(request):
    permissions.require(request.user, "priority.manage")
    return _priority_page(request, None)


@login_required
def priority_edit(request, pk):
    permissions.require(request.user, "priority.manage")
    return _priority_page(request, get_object_or_404(NationalPriority, pk=pk))


def _priority_page(request, priority):
    form = PriorityForm(_data(request), instance=priority)
    return _form_page(
        request,
        form=form,
        save=lambda data: services.priority_save(priority=priority, by=request.user, **data),
        then=lambda saved: reverse("projects_db:results_index"),
        title=_("National priority"),
        back=reverse("projects_db:results_index"),
        done=_("National priority saved."),
    )


# ---------------------------------------------------------------- goals and objectives


@login_required
def goal_create(request, slug):
    swg = _swg_for(request, slug=slug, manage=True)
    return _goal_page(request, swg, None)


@login_required
def goal_edit(request, pk):
    goal = get_object_or_404(SectorGoal, pk=pk)
    swg = _swg_for(request, pk=goal.swg_id, manage=True)
    return _goal_page(request, swg, goal)


def _goal_page(request, swg, goal):
    form = GoalForm(_data(request), instance=goal)
    return _form_page(
        request,
        form=form,
        save=lambda data: services.goal_save(swg=swg, goal=goal, by=request.user, **data),
        then=lambda saved: _framework_url(swg),
        title=_("Sector goal"),
        back=_framework_url(swg),
        done=_("Goal saved."),
    )


@login_required
def objective_create(request, goal_pk):
    goal = get_object_or_404(SectorGoal, pk=goal_pk)
    swg = _swg_for(request, pk=goal.swg_id, manage=True)
    return _objective_page(request, swg, goal, None)


@login_required
def objective_edit(request, pk):
    objective = get_object_or_404(Objective.objects.select_related("goal"), pk=pk)
    swg = _swg_for(request, pk=objective.goal.swg_id, manage=True)
    return _objective_page(request, swg, objective.goal, objective)


def _objective_page(request, swg, goal, objective):
    form = ObjectiveForm(_data(request), instance=objective)
    return _form_page(
        request,
        form=form,
        save=lambda data: services.objective_save(
            goal=goal, objective=objective, by=request.user, **data
        ),
        then=lambda saved: _framework_url(swg),
        title=_("Objective"),
        back=_framework_url(swg),
        done=_("Objective saved."),
    )


# ---------------------------------------------------------------- indicators


@login_required
def indicator_create(request, slug):
    swg = _swg_for(request, slug=slug, manage=True)
    return _indicator_page(request, swg, None)


@login_required
def indicator_edit(request, pk):
    indicator = _indicator_for(request, pk, manage=True)
    return _indicator_page(request, indicator.swg, indicator)


def _indicator_page(request, swg, indicator):
    form = IndicatorForm(_data(request), instance=indicator or Indicator(swg=swg), swg=swg)

    def save(data):
        projects = list(data.pop("projects"))
        return services.indicator_save(
            swg=swg, indicator=indicator, projects=projects, by=request.user, **data
        )

    return _form_page(
        request,
        form=form,
        save=save,
        then=lambda saved: reverse("projects_db:indicator_detail", args=[saved.pk]),
        title=_("Indicator"),
        back=_framework_url(swg),
        done=_("Indicator saved."),
    )


@login_required
def target_add(request, pk):
    indicator = _indicator_for(request, pk, manage=True)
    return _target_page(request, indicator, None)


@login_required
def target_edit(request, pk, target_pk):
    indicator = _indicator_for(request, pk, manage=True)
    target = get_object_or_404(IndicatorTarget, pk=target_pk, indicator=indicator)
    return _target_page(request, indicator, target)


def _target_page(request, indicator, target):
    form = TargetForm(_data(request), instance=target or IndicatorTarget(indicator=indicator))
    return _form_page(
        request,
        form=form,
        save=lambda data: services.target_set(
            indicator=indicator, target=target, by=request.user, **data
        ),
        then=lambda saved: reverse("projects_db:indicator_detail", args=[indicator.pk]),
        title=_("Target for “%(name)s”") % {"name": indicator.name},
        back=reverse("projects_db:indicator_detail", args=[indicator.pk]),
        done=_("Target saved."),
    )


@login_required
def measurement_add(request, pk):
    indicator = _indicator_for(request, pk, manage=True)
    return _measurement_page(request, indicator, None)


@login_required
def measurement_edit(request, pk, measurement_pk):
    indicator = _indicator_for(request, pk, manage=True)
    measurement = get_object_or_404(IndicatorMeasurement, pk=measurement_pk, indicator=indicator)
    return _measurement_page(request, indicator, measurement)


def _measurement_page(request, indicator, measurement):
    form = MeasurementForm(
        _data(request), instance=measurement or IndicatorMeasurement(indicator=indicator)
    )
    return _form_page(
        request,
        form=form,
        save=lambda data: services.measurement_record(
            indicator=indicator, measurement=measurement, by=request.user, **data
        ),
        then=lambda saved: reverse("projects_db:indicator_detail", args=[indicator.pk]),
        title=_("Value of “%(name)s”") % {"name": indicator.name},
        back=reverse("projects_db:indicator_detail", args=[indicator.pk]),
        done=_("Value saved."),
    )
