"""Terms of reference (DESIGN §3): the generic TOR and one per group; the
secretariat drafts, MoP reviews, the chair endorses; versions are compared
section by section in each language."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coordination.forms import apply_errors
from coordination.history import history_rows
from coordination.web import button_action, download, error_messages

from .. import permissions, selectors, services
from ..forms.tors import TorCompareForm, TorVersionForm
from ..models import SWG, TorVersion
from ..models.tors import GENERIC, SECTIONS
from ..permissions import Action
from .common import document_language, swg_for


def _owner(request, key) -> SWG | None:
    """The group whose TOR this is (404 outside the user's reach), or None for
    the generic TOR, which every signed-in user reads."""
    return None if key == GENERIC else swg_for(request, key)


def _visible_versions(request):
    return permissions.scope(request.user, TorVersion.objects.all())


def _version_for(request, key, number, action: Action | None = None) -> TorVersion:
    swg = _owner(request, key)
    versions = TorVersion.objects.filter(swg=swg) if swg else TorVersion.objects.filter(swg=None)
    version = permissions.get_visible_or_404(
        request.user,
        versions.select_related("created_by", "reviewed_by", "endorsed_by"),
        number=number,
    )
    version.swg = swg
    if action is not None:
        permissions.require(request.user, action, swg)
    return version


def _title(swg: SWG | None) -> str:
    if swg is None:
        return _("Generic terms of reference")
    return _("Terms of reference: %(swg)s") % {"swg": swg.name}


def _detail_url(key) -> str:
    return reverse("swg:tor_detail", args=[key])


@login_required
def tor_list(request):
    rows = selectors.tors.tor_overview(
        swgs=permissions.visible_swgs(request.user), versions=_visible_versions(request)
    )
    return render(request, "swg/tors/tor_list.html", {"rows": rows, "generic": GENERIC})


@login_required
def tor_detail(request, key):
    swg = _owner(request, key)
    versions = list(selectors.tors.tor_versions(versions=_visible_versions(request), swg=swg))
    endorsed = next((v for v in versions if v.status == TorVersion.Status.ENDORSED), None)
    open_version = next((v for v in versions if v.is_open), None)
    context = {
        "swg": swg,
        "key": key,
        "title": _title(swg),
        "endorsed": endorsed,
        "sections": selectors.tors.tor_sections(version=endorsed) if endorsed else [],
        "versions": versions,
        "open_version": open_version,
        "can_draft": open_version is None and permissions.can(request.user, Action.TOR_DRAFT, swg),
        "compare_form": TorCompareForm(
            numbers=[v.number for v in versions],
            initial={"a": versions[1].number, "b": versions[0].number} if len(versions) > 1 else {},
        ),
    }
    return render(request, "swg/tors/tor_detail.html", context)


@login_required
@require_POST
def tor_new(request, key):
    swg = _owner(request, key)
    permissions.require(request.user, Action.TOR_DRAFT, swg)
    return button_action(
        request,
        partial(services.tors.tor_draft_start, swg=swg, by=request.user),
        done=_("A new draft was started from the endorsed text."),
        then=lambda version: reverse("swg:tor_edit", args=[key, version.number]),
        refused=_detail_url(key),
    )


@login_required
def tor_version(request, key, number):
    version = _version_for(request, key, number)
    user = request.user
    status = version.status
    context = {
        "version": version,
        "swg": version.swg,
        "key": key,
        "title": _title(version.swg),
        "sections": [
            {
                "label": label,
                "en": version.section_text(section, "en"),
                "ar": version.section_text(section, "ar"),
            }
            for section, label in SECTIONS
        ],
        "can_edit": version.is_open and permissions.can(user, Action.TOR_DRAFT, version.swg),
        "can_review": status == TorVersion.Status.DRAFT
        and permissions.can(user, Action.TOR_REVIEW, version.swg),
        "can_endorse": status == TorVersion.Status.REVIEWED
        and permissions.can(user, Action.TOR_ENDORSE, version.swg),
        "history": history_rows(obj=version)
        if permissions.can(user, Action.HISTORY_VIEW, version)
        else None,
    }
    return render(request, "swg/tors/tor_version.html", context)


@login_required
def tor_pdf(request, key, number):
    """A version as PDF in English or Arabic, for whoever may read it (rendered
    in the request like the meeting's PDFs, docs/architecture.md "PDFs")."""
    version = _version_for(request, key, number)
    language = document_language(request)
    return download(
        services.pdfs.tor_pdf(version=version, language=language),
        filename=services.pdfs.tor_pdf_filename(version=version, language=language),
        content_type="application/pdf",
    )


@login_required
def tor_edit(request, key, number):
    version = _version_for(request, key, number, Action.TOR_DRAFT)
    try:
        services.tors.tor_require_writable(version=version)
    except ValidationError as error:
        error_messages(request, error)
        return redirect(version)
    initial = {
        f"{section}_{language}": version.section_text(section, language)
        for section, _label in SECTIONS
        for language in ("en", "ar")
    }
    form = TorVersionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        was_reviewed = version.status == TorVersion.Status.REVIEWED
        try:
            services.tors.tor_draft_save(version=version, sections=form.sections(), by=request.user)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Draft saved."))
            if was_reviewed:
                messages.warning(
                    request, _("The text changed after MoP's review: it needs reviewing again.")
                )
            return redirect(version)
    return render(
        request,
        "swg/tors/tor_edit.html",
        {"form": form, "version": version, "key": key, "title": _title(version.swg)},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def tor_review(request, key, number):
    version = _version_for(request, key, number, Action.TOR_REVIEW)
    return button_action(
        request,
        partial(services.tors.tor_review, version=version, by=request.user),
        done=_("Recorded as reviewed by MoP; the chair can now endorse it."),
        then=version.get_absolute_url(),
    )


@login_required
@require_POST
def tor_endorse(request, key, number):
    version = _version_for(request, key, number, Action.TOR_ENDORSE)
    return button_action(
        request,
        partial(services.tors.tor_endorse, version=version, by=request.user),
        done=_("Endorsed: this version is now the group's terms of reference."),
        then=version.get_absolute_url(),
    )


@login_required
def tor_compare(request, key):
    swg = _owner(request, key)
    versions = {
        v.number: v
        for v in selectors.tors.tor_versions(versions=_visible_versions(request), swg=swg)
    }
    form = TorCompareForm(request.GET or None, numbers=sorted(versions))
    diffs = None
    if form.is_valid():
        old, new = sorted((form.cleaned_data["a"], form.cleaned_data["b"]))
        diffs = selectors.tors.tor_diff(old=versions[old], new=versions[new])
        old_version, new_version = versions[old], versions[new]
    else:
        old_version = new_version = None
    return render(
        request,
        "swg/tors/tor_compare.html",
        {
            "swg": swg,
            "key": key,
            "title": _title(swg),
            "form": form,
            "diffs": diffs,
            "old": old_version,
            "new": new_version,
        },
        status=400 if form.errors else 200,
    )
