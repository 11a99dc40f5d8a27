"""Demo documents and correspondence (``manage.py load_demo``), in our own
words. The register follows the shape of the LIBMITAF 2022 report's
correspondence (§5.1): requests and approvals travel as Notes Verbales through
the Ministry of Foreign Affairs' International Organisations Department, some
wait weeks for an answer, and a few go directly or by email."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections import Counter

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from accounts.models import User

from ..exchange.documents import DOCX
from ..models import SWG, Correspondence, Document, Organization
from ..services.correspondence import correspondence_record
from ..services.documents import document_upload, document_version_extract
from .world import ORGANIZATIONS

D, C = Document.Category, Correspondence
WORD = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

# fmt: off
# (group, title, category, date, language, visibility, paragraphs of the file)
DOCUMENTS = [
    ("health", "Health SWG terms of reference (draft for review)", D.TOR, "2026-02-10", "en",
     "members",
     ["Purpose: coordinate support to primary health care and the vaccination programme.",
      "Membership: Ministry of Health as chair, WHO as technical lead, supporting partners."]),
    ("health", "Cold-chain assessment of the southern districts", D.REPORT, "2026-03-18", "en",
     "all",
     ["Twelve vaccine stores in Sabha, Ubari and Murzuq were visited.",
      "Four need new refrigerators; two have no backup generator."]),
    ("health", "مذكرة مفاهيمية حول الرعاية الصحية الأولية", D.CONCEPT_NOTE, "2026-04-02", "ar",
     "members",
     ["تهدف هذه المذكرة إلى تعزيز خدمات الرعاية الصحية الأولية في المناطق الجنوبية.",
      "تقترح المذكرة تدريب العاملين الصحيين وتحسين سلسلة التبريد."]),
    ("health", "Budget note for the 2026 work plan", D.OTHER, "2026-04-20", "en", "secretariat",
     ["Draft figures for the ministry's contribution; not for circulation."]),
    ("education", "Teacher training needs in the western region", D.REPORT, "2026-03-05", "en",
     "members",
     ["Survey of 40 schools: most teachers ask for training in inclusive education."]),
]

# (reference, date, direction, kind, channel, from, to, subject en, subject ar,
#  group, follow-up due, follow-up status)
CORRESPONDENCE = [
    ("OUT-2026-001", "2026-01-12", "out", C.Kind.NOTE_VERBALE, C.Channel.MFA, "mop", "iod",
     "Request to convene the relaunched Health SWG", "طلب عقد اجتماع مجموعة عمل الصحة", "health",
     "2026-02-01", C.FollowUp.DONE),
    ("IN-2026-002", "2026-01-28", "in", C.Kind.NOTE_VERBALE, C.Channel.MFA, "iod", "mop",
     "Approval of the Health SWG meeting calendar", "الموافقة على جدول اجتماعات مجموعة الصحة",
     "health", None, C.FollowUp.NONE),
    ("OUT-2026-003", "2026-02-15", "out", C.Kind.LETTER, C.Channel.DIRECT, "mop", "moh",
     "Nomination of the ministry's focal point for the Health SWG",
     "ترشيح نقطة اتصال الوزارة لمجموعة عمل الصحة", "health", "2026-03-01", C.FollowUp.DONE),
    ("IN-2026-004", "2026-03-03", "in", C.Kind.NOTE_VERBALE, C.Channel.MFA, "di", "mop",
     "Suggestions on the training activities of the work plan",
     "مقترحات حول أنشطة التدريب في خطة العمل", None, None, C.FollowUp.NONE),
    ("OUT-2026-005", "2026-03-20", "out", C.Kind.NOTE_VERBALE, C.Channel.MFA, "mop", "iod",
     "Request for approval of a partner's focal point", "طلب الموافقة على نقطة اتصال أحد الشركاء",
     None, "2026-04-15", C.FollowUp.OPEN),
    ("OUT-2026-006", "2026-04-08", "out", C.Kind.EMAIL, C.Channel.EMAIL, "mop", "who",
     "Request for the cold-chain figures by district", "طلب بيانات سلسلة التبريد حسب البلدية",
     "health", "2026-04-30", C.FollowUp.OPEN),
    ("IN-2026-007", "2026-04-22", "in", C.Kind.LETTER, C.Channel.DIRECT, "moe", "mop",
     "Proposal to put the school rehabilitation item on hold", "اقتراح تعليق بند تأهيل المدارس",
     "education", "2099-12-31", C.FollowUp.OPEN),
]
# fmt: on


def _docx(paragraphs: list[str]) -> bytes:
    body = "".join(f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>" for text in paragraphs)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.'
            'openxmlformats.org/package/2006/content-types"><Default Extension="xml" '
            'ContentType="application/xml"/><Override PartName="/word/document.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.'
            'document.main+xml"/></Types>',
        )
        archive.writestr(
            "word/document.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{WORD}">'
            f"<w:body>{body}</w:body></w:document>",
        )
    return out.getvalue()


def _organizations() -> dict[str, Organization]:
    names = {row[0]: row[3] for row in ORGANIZATIONS}
    by_name = {o.name_en: o for o in Organization.objects.filter(name_en__in=names.values())}
    return {key: by_name[name] for key, name in names.items() if name in by_name}


def build_demo_archive(stats: Counter) -> None:
    """Add the demo documents and register entries that are not there yet."""
    secretariat = User.objects.filter(email="secretariat@demo.ly").first()
    swgs = {s.slug: s for s in SWG.objects.filter(slug__in={"health", "education"})}
    orgs = _organizations()
    for slug, title, category, day, language, visibility, paragraphs in DOCUMENTS:
        if Document.objects.filter(swg=swgs[slug], title=title).exists():
            continue
        with transaction.atomic():
            document = document_upload(
                swg=swgs[slug],
                title=title,
                category=category,
                document_date=dt.date.fromisoformat(day),
                language=language,
                visibility=visibility,
                upload=SimpleUploadedFile(f"{category}.docx", _docx(paragraphs)),
                content_type=DOCX,
                by=secretariat,
            )
        # Indexed at once so the demo's search works before a worker runs.
        document_version_extract(version_id=document.versions.get().pk)
        stats["documents"] += 1
    for row in CORRESPONDENCE:
        reference, day, direction, kind, channel, sender, recipient = row[:7]
        subject_en, subject_ar, slug, due, follow_up = row[7:]
        if Correspondence.objects.filter(reference=reference).exists():
            continue
        correspondence_record(
            reference=reference,
            date=dt.date.fromisoformat(day),
            direction=direction,
            from_organization=orgs[sender],
            to_organization=orgs[recipient],
            subject_en=subject_en,
            subject_ar=subject_ar,
            channel=channel,
            kind=kind,
            swg=swgs.get(slug) if slug else None,
            follow_up_due=dt.date.fromisoformat(due) if due else None,
            follow_up_status=follow_up,
            by=secretariat,
        )
        stats["correspondence"] += 1


def scale_archive(copy: int, swg_ids: list[int]) -> None:
    """Copies of the demo documents and register entries (no files, no
    history) for the query-count tests' larger world."""
    originals = list(Document.objects.filter(generated_key="", title__in=[r[1] for r in DOCUMENTS]))
    Document.objects.bulk_create(
        Document(
            swg_id=swg_ids[(swg_ids.index(d.swg_id) + copy) % len(swg_ids)]
            if d.swg_id in swg_ids
            else d.swg_id,
            title=f"{d.title} #{copy}",
            category=d.category,
            document_date=d.document_date,
            language=d.language,
            visibility=d.visibility,
            search_text=f"{d.search_text} #{copy}",
        )
        for d in originals
    )
    entries = list(Correspondence.objects.filter(reference__in=[r[0] for r in CORRESPONDENCE]))
    Correspondence.objects.bulk_create(
        Correspondence(
            reference=f"{e.reference}-{copy}",
            year=e.year,
            date=e.date,
            direction=e.direction,
            from_organization_id=e.from_organization_id,
            to_organization_id=e.to_organization_id,
            subject_en=e.subject_en,
            subject_ar=e.subject_ar,
            channel=e.channel,
            kind=e.kind,
            swg_id=e.swg_id,
            follow_up_due=e.follow_up_due,
            follow_up_status=e.follow_up_status,
        )
        for e in entries
    )
