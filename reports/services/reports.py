"""Writes of the progress reports (DESIGN §3 "Progress report"; assessment key
function (f)): open a report for a period, write its narrative sections,
render its PDF in Celery with progress, approve it (the chair) and send it —
filed in the archive in English and Arabic and mailed through the outbox to
the recipient offices (``ReportRecipient``: the MoP Technical Cooperation
Office). docs/architecture.md "Progress reports" describes the flow."""

from __future__ import annotations

import datetime as dt
import functools
import logging

import nh3
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from coordination.charts import bar_chart
from coordination.history import history_attribute
from coordination.outbox import outbox_enqueue
from coordination.pdf import pdf_language, render_pdf
from coordination.periods import Period
from coordination.text import strip_direction_controls
from swg.models import SWG, Document, Meeting
from swg.services.documents import document_file_generated

from ..models import NARRATIVE_SECTIONS, ProgressReport, ReportGeneration
from ..selectors.recipients import report_recipients
from ..selectors.report_data import report_data

logger = logging.getLogger(__name__)

PURPOSE = "reports.progress_report"
PDF_ATTACHMENT = "reports.progress_report_pdf"
LANGUAGES = ("en", "ar")
# The narrative is limited rich text: paragraphs, emphasis, lists, links. No
# attributes besides a link's address, no styles, no images (nothing a PDF
# would fetch: coordination/pdf.py allows static files only anyway).
NARRATIVE_TAGS = {"p", "br", "strong", "em", "b", "i", "u", "ul", "ol", "li", "h3", "h4", "a"}
NARRATIVE_ATTRIBUTES = {"a": {"href"}}
NARRATIVE_MAX = 20_000


def narrative_clean(html: str) -> str:
    """The narrative as stored: sanitized HTML (nh3), direction controls removed."""
    cleaned = nh3.clean(
        strip_direction_controls(html or ""),
        tags=NARRATIVE_TAGS,
        attributes=NARRATIVE_ATTRIBUTES,
        url_schemes={"https", "http", "mailto"},
        link_rel="noopener noreferrer",
    ).strip()
    # An editor's empty paragraph is no text.
    return "" if cleaned in ("<p></p>", "<p><br></p>") else cleaned


def _refuse(message: str):
    raise ValidationError(message)


@transaction.atomic
def report_open(*, swg: SWG, period: Period, by=None) -> ProgressReport:
    """The report of ``swg`` for ``period``, started if there is none yet."""
    report = ProgressReport.objects.filter(
        swg=swg, period_kind=period.kind, period_start=period.start
    ).first()
    if report is None:
        report = ProgressReport(
            swg=swg, period_kind=period.kind, period_start=period.start, created_by=by
        )
        history_attribute(report, by=by).save()
    return report


@transaction.atomic
def report_narrative_save(*, report: ProgressReport, values: dict[str, str], by=None):
    """New narrative sections. A changed approved or sent report is a draft
    again: the chair approves the new text before it goes out."""
    report = ProgressReport.objects.select_for_update().get(pk=report.pk)
    for key, _label in NARRATIVE_SECTIONS:
        for language in LANGUAGES:
            name = f"{key}_{language}"
            if name in values:
                text = narrative_clean(values[name])
                if len(text) > NARRATIVE_MAX:
                    _refuse(_("A section holds at most %(n)s characters.") % {"n": NARRATIVE_MAX})
                setattr(report, name, text)
    if report.status != ProgressReport.Status.DRAFT:
        report.status = ProgressReport.Status.DRAFT
        report.approved_by, report.approved_at = None, None
    history_attribute(report, by=by).save()
    return report


def _narrative_sections(report: ProgressReport, language: str) -> list[dict]:
    """Each narrative section in ``language``; a section written only in the
    other language is shown in that language with a note saying so."""
    other = "en" if language == "ar" else "ar"
    sections = []
    for key, label in NARRATIVE_SECTIONS:
        text = getattr(report, f"{key}_{language}")
        fallback = ""
        if not text and getattr(report, f"{key}_{other}"):
            text, fallback = getattr(report, f"{key}_{other}"), other
        sections.append({"key": key, "label": label, "text": text, "fallback": fallback})
    return sections


def progress_report_context(*, report: ProgressReport, language: str) -> dict:
    language = pdf_language(language)
    with translation.override(language):
        data = report_data(swg=report.swg, period=report.period)
        sections = _narrative_sections(report, language)
        toc = [(f"narrative-{s['key']}", str(s["label"])) for s in sections if s["text"]][:1]
        toc += [
            ("meetings", _("Meetings")),
            ("attendance", _("Attendance and government participation")),
            ("decisions", _("Decisions and action points")),
            ("portfolio", _("Project portfolio")),
            ("updates", _("Quarterly updates")),
            ("indicators", _("Indicator progress")),
            ("gaps", _("Gaps and duplications")),
        ]
        toc += [(f"narrative-{s['key']}", str(s["label"])) for s in sections[1:] if s["text"]]
        # Names read inside the override, in the report's language.
        swg_name, period_label = report.swg.name, str(report.period.label)
        # Drawn on the server as inline SVG: no JavaScript in a PDF (docs/architecture.md "PDFs").
        charts = [
            bar_chart(
                title=_("Meetings"),
                data=[
                    (str(Meeting.Status.PLANNED.label), data.meetings_planned),
                    (str(Meeting.Status.HELD.label), data.meetings_held),
                    (str(Meeting.Status.CANCELLED.label), data.meetings_cancelled),
                    (str(Meeting.Status.POSTPONED.label), data.meetings_postponed),
                ],
            ),
        ]
        if data.projects_by_status:
            charts.append(bar_chart(title=_("Projects by status"), data=data.projects_by_status))
    return {
        "report": report,
        "swg": report.swg,
        "swg_name": swg_name,
        "period_label": period_label,
        "data": data,
        "sections": sections,
        "toc": toc,
        "charts": charts,
    }


def progress_report_pdf(*, report: ProgressReport, language: str) -> bytes:
    """The report as PDF in ``language`` (coordination/pdf.py, the one pipeline)."""
    language = pdf_language(language)
    return render_pdf(
        template_name="pdf/reports/progress_report.html",
        context=progress_report_context(report=report, language=language),
        language=language,
    )


def progress_report_filename(*, report: ProgressReport, language: str) -> str:
    return f"progress-report-{report.swg.slug}-{report.period.code}-{pdf_language(language)}.pdf"


# ---------------------------------------------------------------- rendering in Celery


def _queue_generation(generation_id: int) -> None:
    from ..tasks import report_generation_task  # the task module imports this one

    report_generation_task.delay(generation_id)


@transaction.atomic
def report_generate(*, report: ProgressReport, language: str, by=None) -> ReportGeneration:
    """Queue the rendering of the report's PDF in ``language``; the page polls it."""
    if language not in LANGUAGES:
        _refuse(_("Choose English or Arabic."))
    generation = ReportGeneration(report=report, language=language, created_by=by)
    history_attribute(generation, by=by).save()
    transaction.on_commit(functools.partial(_queue_generation, generation.pk), robust=True)
    return generation


def _step(generation: ReportGeneration, progress: int, label: str) -> None:
    generation.progress = progress
    generation.steps = [*generation.steps, {"progress": progress, "step": label}]
    ReportGeneration.objects.filter(pk=generation.pk).update(
        progress=progress, steps=generation.steps, status=generation.status
    )


def report_generation_run(*, generation_id: int) -> str:
    """The Celery job: gather the figures, render, store the PDF, with its
    progress saved at each step. A second delivery of the same job does nothing."""
    with transaction.atomic():
        generation = (
            ReportGeneration.objects.select_for_update()
            .filter(pk=generation_id, status=ReportGeneration.Status.QUEUED)
            .first()
        )
        if generation is None:
            return "skipped"
        generation.status = ReportGeneration.Status.RUNNING
        _step(generation, 10, "started")
    report = ProgressReport.objects.select_related("swg").get(pk=generation.report_id)
    try:
        context = progress_report_context(report=report, language=generation.language)
        _step(generation, 40, "figures")
        content = render_pdf(
            template_name="pdf/reports/progress_report.html",
            context=context,
            language=generation.language,
        )
        _step(generation, 80, "rendered")
        generation.file.save(
            progress_report_filename(report=report, language=generation.language),
            ContentFile(content),
            save=False,
        )
    except Exception as error:  # noqa: BLE001 - the page shows that it failed
        logger.exception("progress report %s could not be rendered", report.pk)
        generation.status = ReportGeneration.Status.FAILED
        generation.message = str(error)[:500]
        generation.finished_at = timezone.now()
        generation.save()
        return generation.status
    generation.status = ReportGeneration.Status.DONE
    generation.finished_at = timezone.now()
    generation.progress = 100
    generation.steps = [*generation.steps, {"progress": 100, "step": "done"}]
    generation.save()
    return generation.status


def _time_limit() -> dt.timedelta:
    # A rendering takes seconds; one still unfinished after this had its worker
    # die (or the broker was down): it is failed and the page offers to generate again.
    return dt.timedelta(seconds=settings.REPORT_GENERATION_TIME_LIMIT)


def _give_up(generations, *, now: dt.datetime) -> list[int]:
    """Fail the unfinished ones of ``generations`` started before the time limit,
    each saved with its history; rows a running worker holds are skipped."""
    failed = []
    with transaction.atomic():
        for generation in (
            generations.filter(
                status__in=[ReportGeneration.Status.QUEUED, ReportGeneration.Status.RUNNING],
                created_at__lt=now - _time_limit(),
            )
            .select_for_update(skip_locked=True)
            .order_by("pk")
        ):
            generation.status = ReportGeneration.Status.FAILED
            generation.message = ReportGeneration.TIMED_OUT
            generation.finished_at = now
            generation.save(update_fields=["status", "message", "finished_at"])
            failed.append(generation.pk)
    return failed


def report_generation_give_up(*, generation: ReportGeneration) -> ReportGeneration:
    """Fail this rendering if it is past the time limit (asked by the status the
    page polls), so the bar does not run forever."""
    if generation.is_finished:
        return generation
    if _give_up(ReportGeneration.objects.filter(pk=generation.pk), now=timezone.now()):
        generation.refresh_from_db()
    return generation


def report_generations_sweep(*, now: dt.datetime | None = None) -> list[int]:
    """Beat: fail every rendering still queued or running past the time limit
    (its worker died or its task was lost), so its page shows why and offers
    to generate again. Returns the ids it failed."""
    return _give_up(ReportGeneration.objects.all(), now=now or timezone.now())


# ---------------------------------------------------------------- approve and send


def _queue_send(report_id: int) -> None:
    from ..tasks import report_send_task

    report_send_task.delay(report_id)


@transaction.atomic
def report_approve(*, report: ProgressReport, by) -> ProgressReport:
    """The chair approves the draft; filing and sending follow in Celery."""
    report = ProgressReport.objects.select_for_update().get(pk=report.pk)
    if report.status != ProgressReport.Status.DRAFT:
        _refuse(_("Only a draft report can be approved."))
    report.status = ProgressReport.Status.APPROVED
    report.approved_by, report.approved_at = by, timezone.now()
    report.revision += 1
    history_attribute(report, by=by).save()
    transaction.on_commit(functools.partial(_queue_send, report.pk), robust=True)
    return report


def _title_in(report: ProgressReport, language: str) -> str:
    with translation.override(language):
        return _("Progress report — %(swg)s — %(period)s") % {
            "swg": report.swg.name,
            "period": report.period.label,
        }


def _archive_key(report: ProgressReport, language: str) -> str:
    return f"report:{report.pk}:{language}"


def report_send(*, report_id: int) -> ProgressReport:
    """File the approved report in the archive in English and Arabic (a new
    version of the same documents when it was sent before) and send it to the
    recipients, once per recipient and revision. Runs in Celery."""
    with transaction.atomic():
        report = ProgressReport.objects.select_for_update().select_related("swg").get(pk=report_id)
        if report.status != ProgressReport.Status.APPROVED:
            return report
        for language in LANGUAGES:
            document_file_generated(
                swg=report.swg,
                category=Document.Category.REPORT,
                title=_title_in(report, language),
                language=language,
                meeting=None,
                visibility=Document.Visibility.SECRETARIAT,
                filename=progress_report_filename(report=report, language=language),
                content=progress_report_pdf(report=report, language=language),
                content_type="application/pdf",
                generated_key=_archive_key(report, language),
            )
        for contact in report_recipients():
            outbox_enqueue(
                purpose=PURPOSE,
                object_key=f"report:{report.pk}:r{report.revision}",
                recipient_email=contact.email,
                recipient_name=contact.name,
                language=contact.preferred_language,
                swg=report.swg,
                template="progress_report",
                # Rendered in the recipient's language: names are read there.
                context={"report": report, "swg": report.swg},
                attachments=[
                    {
                        "render": PDF_ATTACHMENT,
                        "params": {"report_id": report.pk},
                        "filename": progress_report_filename(
                            report=report, language=contact.preferred_language
                        ),
                        "mimetype": "application/pdf",
                    }
                ],
            )
        report.status = ProgressReport.Status.SENT
        report.sent_at = timezone.now()
        history_attribute(report).save()
    return report


def progress_report_attachment(*, params: dict, language: str) -> bytes:
    """The outbox's renderer of a sent report's attachment (registered in
    ``ReportsConfig.ready``): the archived PDF in the recipient's language, so
    the email carries exactly what was filed."""
    language = language if language in LANGUAGES else "en"
    report = ProgressReport.objects.select_related("swg").get(pk=params["report_id"])
    document = Document.objects.filter(generated_key=_archive_key(report, language)).first()
    version = document and document.versions.order_by("-number").first()
    if version is None:
        return progress_report_pdf(report=report, language=language)
    with version.file.open("rb") as handle:
        return handle.read()
