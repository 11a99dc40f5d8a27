"""The meeting's documents as PDF, through the one pipeline (coordination/pdf.py):
the list of participants / sign-in sheet and the minutes (DESIGN §3 "Meeting";
assessment Annex 2e: lists of participants and minutes belong in the archive).

Each function returns the PDF's bytes in the language asked for; the names of
groups, people and organizations come in that language (``pick_language``),
the minutes' own text in that language when the secretariat added its
translation, else in the language it was written in, saying so. Rendering takes a
fraction of a second for a meeting's documents, so the download views render in
the request; the circulated minutes' PDF is rendered by the outbox worker at
send time, one per recipient's language (docs/architecture.md "PDFs").
"""

from __future__ import annotations

from django.utils import timezone, translation
from django.utils.text import slugify

from coordination.pdf import pdf_language, render_pdf

from ..models import Meeting, Minutes, TorVersion
from ..models.tors import GENERIC
from ..selectors.attendance import meeting_attendance_figures, participant_list
from ..selectors.minutes import minutes_detail
from ..selectors.tors import tor_sections

# Empty numbered lines under the invitees, for walk-ins to write themselves in.
SIGN_IN_BLANK_ROWS = 5

MINUTES_PDF_ATTACHMENT = "swg.minutes_pdf"


def _day(meeting: Meeting) -> str:
    return timezone.localtime(meeting.starts_at).date().isoformat()


def meeting_sign_in_sheet_pdf(*, meeting: Meeting, language: str) -> bytes:
    """The list of participants: every invitee (then walk-ins) with their
    organization, their attendance once it is taken, and a blank signature
    column, followed by a few empty lines."""
    language = pdf_language(language)
    with translation.override(language):
        rows = participant_list(meeting=meeting)
    figures = meeting_attendance_figures(meeting=meeting)
    return render_pdf(
        template_name="pdf/swg/sign_in_sheet.html",
        context={
            "meeting": meeting,
            "swg": meeting.swg,
            "rows": rows,
            "attendance_taken": figures.recorded > 0,
            "figures": figures,
            "blank_rows": range(len(rows) + 1, len(rows) + 1 + SIGN_IN_BLANK_ROWS),
        },
        language=language,
    )


def meeting_sign_in_sheet_filename(*, meeting: Meeting, language: str) -> str:
    return f"participants-{meeting.swg.slug}-{_day(meeting)}-{pdf_language(language)}.pdf"


def minutes_pdf(*, minutes: Minutes, language: str) -> bytes:
    """The minutes as circulated: attendance, summary, each item's discussion,
    decisions and action points, with a table of contents."""
    language = pdf_language(language)
    detail = minutes_detail(minutes=minutes, user=None, language=language)
    with translation.override(language):
        toc = [("attendance", translation.gettext("Attendance"))]
        if detail["summary_text"]:
            toc.append(("summary", translation.gettext("Summary")))
        toc += [
            (f"item-{n}", f"{n}. {item.shown_title}") for n, item in enumerate(detail["items"], 1)
        ]
        if detail["other_action_points"]:
            toc.append(("other-action-points", translation.gettext("Other action points")))
    return render_pdf(
        template_name="pdf/swg/minutes.html",
        context={
            "minutes": minutes,
            "meeting": minutes.meeting,
            "swg": minutes.meeting.swg,
            "toc": toc,
            **detail,
        },
        language=language,
    )


def minutes_pdf_filename(*, minutes: Minutes, language: str) -> str:
    slug = slugify(minutes.meeting.swg.slug)
    return f"minutes-{slug}-{_day(minutes.meeting)}-v{minutes.version}-{pdf_language(language)}.pdf"


def minutes_pdf_attachment(*, params: dict, language: str) -> bytes:
    """The outbox's renderer of a circulated minutes' attachment (registered in
    ``SwgConfig.ready``): runs in the worker, in the recipient's language."""
    minutes = Minutes.objects.select_related("meeting__swg", "approved_by", "supersedes").get(
        pk=params["minutes_id"]
    )
    return minutes_pdf(minutes=minutes, language=language)


def tor_pdf(*, version: TorVersion, language: str) -> bytes:
    """A version of the terms of reference in one language, a section written
    only in the other language shown in it and saying so (DESIGN §3 "Terms of
    reference": PDF in both languages; assessment Annex 2b: the Ministry asked
    for an Arabic version of the TORs)."""
    language = pdf_language(language)
    with translation.override(language):
        sections = tor_sections(version=version, language=language)
        toc = [(f"section-{section.key}", str(section.label)) for section in sections]
    return render_pdf(
        template_name="pdf/swg/tor.html",
        context={"version": version, "swg": version.swg, "sections": sections, "toc": toc},
        language=language,
    )


def tor_pdf_filename(*, version: TorVersion, language: str) -> str:
    key = version.swg.slug if version.swg_id else GENERIC
    return f"tor-{key}-v{version.number}-{pdf_language(language)}.pdf"
