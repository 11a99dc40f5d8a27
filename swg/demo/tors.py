"""Demo terms of reference: the generic TOR and one per MoP group, written in
our own words from the assessment's generic TOR (its Annex 1: composition and
mandate, key functions a-h), in English and Arabic (Annex 2b). The generic TOR
and Health's are endorsed, Education's has been reviewed by MoP and waits for
its chair, the other groups' are drafts. A second run writes nothing."""

from __future__ import annotations

from collections import Counter

from django.db import transaction

from accounts.models import User

from ..models import SWG, TorVersion
from ..services.tors import tor_draft_save, tor_draft_start, tor_endorse, tor_review

GENERIC_TEXT = {
    "objectives_en": (
        "The sector working groups bring the Government of Libya and its international "
        "partners to one table, so that recovery and development support follows the "
        "Government's priorities and national sector strategies.\n"
        "Each group holds a strategic dialogue that avoids duplication, is the main source "
        "of information on needs, achievements and gaps in its sector, and agrees joint "
        "indicators to follow progress."
    ),
    "objectives_ar": (
        "تجمع مجموعات العمل القطاعية حكومة ليبيا وشركاءها الدوليين حول طاولة واحدة، حتى يتبع "
        "دعم التعافي والتنمية أولويات الحكومة والاستراتيجيات القطاعية الوطنية.\n"
        "تدير كل مجموعة حواراً استراتيجياً يمنع الازدواجية، وتكون المصدر الرئيسي للمعلومات عن "
        "الاحتياجات والإنجازات والفجوات في قطاعها، وتتفق على مؤشرات مشتركة لمتابعة التقدم."
    ),
    "membership_en": (
        "A Government representative, a national expert appointed by the Ministry of "
        "Planning, chairs the group. One international agency gives technical advice; "
        "other agencies support it. Line ministries, national institutions, the private "
        "sector where relevant, and bilateral and international partners may be members. "
        "A group keeps to about eight to ten members.\n"
        "The chair may invite others to a meeting when they can help; such an invitation "
        "does not make them members. Every year the chair reviews the membership, looking "
        "at attendance, contributions and the data members shared."
    ),
    "membership_ar": (
        "يرأس المجموعة ممثل عن الحكومة، وهو خبير وطني تعيّنه وزارة التخطيط. تقدّم وكالة دولية "
        "واحدة المشورة الفنية وتدعمها وكالات أخرى. يجوز أن تضم العضوية الوزارات القطاعية "
        "والمؤسسات الوطنية والقطاع الخاص عند الحاجة والشركاء الثنائيين والدوليين، على ألا "
        "يتجاوز عدد الأعضاء ثمانية إلى عشرة تقريباً.\n"
        "للرئيس أن يدعو آخرين إلى اجتماع إذا كان حضورهم مفيداً، ولا تعني الدعوة العضوية. "
        "يراجع الرئيس العضوية كل عام في ضوء الحضور والمساهمات والبيانات التي قدّمها الأعضاء."
    ),
    "roles_en": (
        "The chair sets the direction of the group, leads its meetings, approves its minutes "
        "and decides on membership.\n"
        "The technical lead agency advises the chair and prepares technical input.\n"
        "Members share their plans, projects and results, update the project database every "
        "quarter, and follow up the action points they own."
    ),
    "roles_ar": (
        "يحدد الرئيس توجه المجموعة ويدير اجتماعاتها ويعتمد محاضرها ويقرر في العضوية.\n"
        "تقدم الوكالة الفنية الرائدة المشورة للرئيس وتعدّ المدخلات الفنية.\n"
        "يتبادل الأعضاء خططهم ومشاريعهم ونتائجهم، ويحدّثون قاعدة بيانات المشاريع كل ربع سنة، "
        "ويتابعون نقاط العمل المسندة إليهم."
    ),
    "meetings_en": (
        "The group meets regularly, as often as the chair agrees, with a clear agenda sent "
        "beforehand. The month's meetings of all groups are shared at the start of each "
        "month. Meetings may be held in Tripoli, in Tunis or online."
    ),
    "meetings_ar": (
        "تجتمع المجموعة بانتظام وبالوتيرة التي يتفق عليها الرئيس، بجدول أعمال واضح يُرسل "
        "مسبقاً. يُعمَّم جدول اجتماعات جميع المجموعات في بداية كل شهر. يجوز عقد الاجتماعات في "
        "طرابلس أو تونس أو عبر الإنترنت."
    ),
    "reporting_en": (
        "The group reports regularly to the Technical Cooperation Office of the Ministry of "
        "Planning on progress in its sector strategy and action plan: meetings held, "
        "decisions, projects, gaps and duplications."
    ),
    "reporting_ar": (
        "ترفع المجموعة تقارير منتظمة إلى مكتب التعاون الفني بوزارة التخطيط عن التقدم في "
        "استراتيجية القطاع وخطة عمله: الاجتماعات المنعقدة والقرارات والمشاريع والفجوات "
        "والازدواجية."
    ),
    "secretariat_en": (
        "Staff appointed by the Ministry of Planning run the secretariat: they prepare "
        "agendas, set meeting dates, send invitations, and prepare and circulate the minutes "
        "to the members and to the Ministry. The secretariat keeps the group's archive and "
        "contact list up to date."
    ),
    "secretariat_ar": (
        "يتولى موظفون تعيّنهم وزارة التخطيط مهام الأمانة: إعداد جداول الأعمال وتحديد مواعيد "
        "الاجتماعات وإرسال الدعوات وإعداد المحاضر وتعميمها على الأعضاء والوزارة. وتحافظ الأمانة "
        "على أرشيف المجموعة وقائمة الاتصال محدّثين."
    ),
}


def _group_text(swg: SWG) -> dict[str, str]:
    """The generic text with the group's own objective first."""
    text = dict(GENERIC_TEXT)
    text["objectives_en"] = (
        f"The {swg.name_en} working group aligns international support in its sector with "
        "the Government's priorities.\n" + GENERIC_TEXT["objectives_en"]
    )
    text["objectives_ar"] = (
        f"تعمل مجموعة {swg.name_ar} على مواءمة الدعم الدولي في قطاعها مع أولويات الحكومة.\n"
        + GENERIC_TEXT["objectives_ar"]
    )
    return text


def _by(email: str) -> User | None:
    return User.objects.filter(email=email).first()


@transaction.atomic
def build_demo_tors(stats: Counter) -> None:
    if TorVersion.objects.exists():
        return
    admin = _by("admin@demo.ly")
    secretariat = _by("secretariat@demo.ly") or admin
    chair = _by("chair@demo.ly") or admin
    generic = tor_draft_start(swg=None, by=secretariat)
    tor_draft_save(version=generic, sections=GENERIC_TEXT, by=secretariat)
    tor_review(version=generic, by=secretariat)
    tor_endorse(version=generic, by=admin)
    stats["tor versions"] += 1
    for swg in SWG.objects.filter(lead=SWG.Lead.MOP, is_active=True).order_by("number"):
        version = tor_draft_start(swg=swg, by=secretariat)
        tor_draft_save(version=version, sections=_group_text(swg), by=secretariat)
        stats["tor versions"] += 1
        if swg.slug in ("health", "education"):
            tor_review(version=version, by=secretariat)
        if swg.slug == "health":
            tor_endorse(version=version, by=chair)
