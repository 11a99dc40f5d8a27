"""Progress reports (DESIGN §3 "Progress report"): the reports of a group, one
report with a preview of its figures, the narrative editor, rendering with a
progress bar (the page's script polls ``report_status``), the download and
the chair's approval. Views are thin: rules in reports/permissions.py, writes
in reports/services/reports.py, figures in reports/selectors/report_data.py."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coordination.downloads import stored_file_response
from coordination.forms import apply_errors
from coordination.periods import Period
from coordination.web import button_action, paginate
from swg import permissions
from swg.models import SWG

from . import permissions as rules
from .forms import GenerateForm, NarrativeForm, ReportOpenForm
from .models import NARRATIVE_SECTIONS, ProgressReport, ReportGeneration
from .selectors.recipients import report_recipients
from .selectors.report_data import report_data_cached
from .services import reports as services


def _swg_for(request, slug, action=rules.VIEW) -> SWG:
    """The group, if the user may read its reports (else 404: DESIGN §1, nobody
    learns of another group's reports); 403 for a forbidden write."""
    swg = permissions.get_visible_or_404(request.user, SWG.objects.all(), slug=slug)
    if not permissions.can(request.user, rules.VIEW, swg):
        raise Http404
    permissions.require(request.user, action, swg)
    return swg


def _report_for(request, slug, code, action=rules.VIEW) -> ProgressReport:
    swg = _swg_for(request, slug)
    try:
        period = Period.parse(code)
    except ValueError:
        raise Http404 from None
    report = (
        ProgressReport.objects.select_related("swg", "approved_by")
        .filter(swg=swg, period_kind=period.kind, period_start=period.start)
        .first()
    )
    if report is None:
        raise Http404
    permissions.require(request.user, action, report)
    return report


@login_required
def report_index(request):
    """Every report the user may read, newest period first."""
    reports = permissions.scope(
        request.user, ProgressReport.objects.select_related("swg")
    ).order_by("-period_start", "swg__number", "swg__name_en", "period_kind")
    swgs = [
        swg
        for swg in permissions.scope(request.user, SWG.objects.filter(is_active=True)).order_by(
            "number", "name_en"
        )
        if permissions.can(request.user, rules.DRAFT, swg)
    ]
    return render(
        request, "reports/report_index.html", {"page": paginate(request, reports), "swgs": swgs}
    )


@login_required
def swg_reports(request, slug):
    swg = _swg_for(request, slug)
    reports = ProgressReport.objects.filter(swg=swg).select_related("swg", "approved_by")
    may_draft = permissions.can(request.user, rules.DRAFT, swg)
    return render(
        request,
        "reports/swg_reports.html",
        {
            "swg": swg,
            "page": paginate(request, reports.order_by("-period_start", "period_kind")),
            "form": ReportOpenForm(today=timezone.localdate()) if may_draft else None,
        },
    )


@login_required
@require_POST
def report_open(request, slug):
    swg = _swg_for(request, slug, rules.DRAFT)
    form = ReportOpenForm(request.POST, today=timezone.localdate())
    if not form.is_valid():
        messages.error(request, _("Choose a period."))
        return redirect("reports:swg_reports", swg.slug)
    report = services.report_open(
        swg=swg, period=Period.parse(form.cleaned_data["period"]), by=request.user
    )
    return redirect(report)


def _latest_generations(report: ProgressReport) -> dict[str, ReportGeneration]:
    latest = {}
    for generation in report.generations.order_by("-created_at", "-pk")[:20]:
        latest.setdefault(generation.language, generation)
    return latest


@login_required
def report_detail(request, slug, period):
    report = _report_for(request, slug, period)
    user = request.user
    latest = _latest_generations(report)
    return render(
        request,
        "reports/report_detail.html",
        {
            "report": report,
            "swg": report.swg,
            "data": report_data_cached(swg=report.swg, period=report.period),
            "sections": [
                (label, getattr(report, f"{key}_en"), getattr(report, f"{key}_ar"))
                for key, label in NARRATIVE_SECTIONS
            ],
            "generations": [latest[lang] for lang in services.LANGUAGES if lang in latest],
            "generate_form": GenerateForm(),
            "may_draft": permissions.can(user, rules.DRAFT, report),
            "may_approve": permissions.can(user, rules.APPROVE, report)
            and report.status == ProgressReport.Status.DRAFT,
        },
    )


@login_required
def report_narrative(request, slug, period):
    report = _report_for(request, slug, period, rules.DRAFT)
    initial = {
        f"{key}_{lang}": getattr(report, f"{key}_{lang}")
        for key, _label in NARRATIVE_SECTIONS
        for lang in services.LANGUAGES
    }
    form = NarrativeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_narrative_save(report=report, values=form.cleaned_data, by=request.user)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The narrative was saved."))
            return redirect(report)
    return render(
        request,
        "reports/report_narrative.html",
        {"report": report, "swg": report.swg, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def report_generate(request, slug, period):
    report = _report_for(request, slug, period, rules.DRAFT)
    form = GenerateForm(request.POST)
    language = form.cleaned_data["language"] if form.is_valid() else ""
    return button_action(
        request,
        lambda: services.report_generate(report=report, language=language, by=request.user),
        then=report,
        done=_("The PDF is being prepared."),
    )


def _status_payload(report, generation) -> dict:
    done = generation.status == ReportGeneration.Status.DONE
    return {
        "status": generation.status,
        "label": generation.get_status_display(),
        "progress": 100 if done else generation.progress,
        "finished": generation.is_finished,
        "language": generation.language,
        "download": reverse(
            "reports:report_download", args=[report.swg.slug, report.period.code, generation.pk]
        )
        if done
        else "",
        "message": str(generation.failure_reason),
    }


def _generation_for(request, slug, period, pk) -> tuple[ProgressReport, ReportGeneration]:
    report = _report_for(request, slug, period)
    generation = report.generations.filter(pk=pk).first()
    if generation is None:
        raise Http404
    return report, generation


@login_required
def report_status(request, slug, period, pk):
    """What the progress bar shows (static/js/reports.js polls it)."""
    report, generation = _generation_for(request, slug, period, pk)
    generation = services.report_generation_give_up(generation=generation)
    response = JsonResponse(_status_payload(report, generation))
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def report_download(request, slug, period, pk):
    report, generation = _generation_for(request, slug, period, pk)
    if generation.status != ReportGeneration.Status.DONE:
        raise Http404
    return stored_file_response(
        generation.file,
        filename=services.progress_report_filename(report=report, language=generation.language),
    )


@login_required
@require_POST
def report_approve(request, slug, period):
    report = _report_for(request, slug, period, rules.APPROVE)
    if not report_recipients():
        messages.warning(
            request,
            _(
                "No recipient office is set (administration: progress report recipients): "
                "the report will be filed in the archive but not emailed."
            ),
        )
    return button_action(
        request,
        lambda: services.report_approve(report=report, by=request.user),
        then=report,
        done=_(
            "The report is approved. It is being filed in the archive and sent to the "
            "Technical Cooperation Office."
        ),
    )
