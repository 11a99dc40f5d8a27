"""Restructuring pages for the coordination team (assessment Annex 2a)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coordination.forms import apply_errors

from .. import services
from ..forms.structure import (
    MergeForm,
    RenameForm,
    RetireForm,
    SplitForm,
    SubsectorAddForm,
    SubsectorMoveForm,
)
from ..models import SWG
from ..permissions import Action
from .common import form_page, swg_for


def _rename(swg, data, by):
    return services.structure.swg_rename(
        swg=swg,
        name_en=data["name_en"],
        name_ar=data["name_ar"],
        effective_on=data["effective_on"],
        note=data["note"],
        by=by,
    )


def _subsector_add(swg, data, by):
    return services.structure.subsector_add(
        swg=swg,
        name_en=data["name_en"],
        name_ar=data["name_ar"],
        effective_on=data["effective_on"],
        by=by,
    )


def _subsector_move(swg, data, by):
    return services.structure.subsector_move(
        subsector=data["subsector"], to_swg=data["to_swg"], effective_on=data["effective_on"], by=by
    )


def _merge(swg, data, by):
    return services.structure.swg_merge(
        sources=list(data["sources"]), into=swg, effective_on=data["effective_on"], by=by
    )


def _split(swg, data, by):
    return services.structure.swg_split(
        swg=swg,
        name_en=data["name_en"],
        name_ar=data["name_ar"],
        subsectors=list(data["subsectors"]),
        effective_on=data["effective_on"],
        note=data["note"],
        by=by,
    )


def _retire(swg, data, by):
    return services.structure.swg_retire(
        swg=swg,
        replaced_by=list(data["replaced_by"]),
        effective_on=data["effective_on"],
        note=data["note"],
        by=by,
    )


# kind -> (form class, whether the form needs the swg, service, page title)
ACTIONS = {
    "rename": (RenameForm, False, _rename, gettext_lazy("Rename %(swg)s")),
    "subsector-add": (
        SubsectorAddForm,
        False,
        _subsector_add,
        gettext_lazy("Add a subsector to %(swg)s"),
    ),
    "subsector-move": (
        SubsectorMoveForm,
        True,
        _subsector_move,
        gettext_lazy("Move a subsector of %(swg)s"),
    ),
    "merge": (MergeForm, True, _merge, gettext_lazy("Merge groups into %(swg)s")),
    "split": (SplitForm, True, _split, gettext_lazy("Split a new group off %(swg)s")),
    "retire": (RetireForm, True, _retire, gettext_lazy("Retire %(swg)s")),
}


@login_required
def swg_restructure(request, slug, kind):
    swg = swg_for(request, slug, Action.SWG_RESTRUCTURE)
    if kind not in ACTIONS:
        raise Http404
    form_class, needs_swg, action, title = ACTIONS[kind]
    extra = {"swg": swg} if needs_swg else {}
    form = form_class(request.POST or None, **extra)
    if request.method == "POST" and form.is_valid():
        try:
            result = action(swg, form.cleaned_data, request.user)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The structure was changed; the earlier state is kept."))
            return redirect(result if isinstance(result, SWG) else swg)
    return form_page(
        request,
        form,
        title=title % {"swg": swg.name},
        back_url=swg.get_absolute_url(),
        intro=_(
            "The change is recorded with its date; the group's page keeps showing the "
            "earlier structure in its history."
        ),
    )
