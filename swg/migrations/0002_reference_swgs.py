"""The seven MoP sector working groups and the legacy groups they replace.

Sources: assessment §4.4 (the seven groups and the subsectors requested by MoP)
and §4.1-4.3 (the UNSMIL-led, UNCT-led and Government-led groups). History rows
carry the assessment's date, so the structure "as of" any later date is readable.

This migration carries its own copy of the data and of the loader, and uses only
the historical models: what a fresh install gets never changes when the live
``swg/reference_data.py`` (which the tests use after a flush) is edited.
"""

import datetime as dt
from zoneinfo import ZoneInfo

from django.db import migrations

ASSESSMENT_DATE = dt.date(2013, 1, 14)
RECORDED_AT = dt.datetime(2013, 1, 14, 9, tzinfo=ZoneInfo("Africa/Tripoli"))
CHANGE_REASON = "Reference data (assessment 2013)"

# (number, slug, English, Arabic, [(subsector slug, English, Arabic)])
SWGS = [
    (1, "security", "Security", "الأمن", []),
    (
        2,
        "political-support",
        "Political Support",
        "الدعم السياسي",
        [
            ("election", "Election", "الانتخابات"),
            ("constitution", "Constitution", "الدستور"),
            (
                "democratic-institutions",
                "Democratic Institutions Building",
                "بناء المؤسسات الديمقراطية",
            ),
        ],
    ),
    (3, "health", "Health", "الصحة", []),
    (4, "education", "Education", "التعليم", []),
    (
        5,
        "economic-reform",
        "Economic Reform (Economic Recovery and Diversity)",
        "الإصلاح الاقتصادي (التعافي والتنويع الاقتصادي)",
        [
            ("agriculture", "Agriculture", "الزراعة"),
            ("energy", "Energy", "الطاقة"),
            ("tourism", "Tourism", "السياحة"),
            ("employment", "Employment", "التشغيل"),
            ("sme", "Medium and Small Enterprise", "المشروعات الصغرى والمتوسطة"),
        ],
    ),
    (
        6,
        "institutional-building",
        "Institutional Building and Human Resource Development",
        "البناء المؤسسي وتنمية الموارد البشرية",
        [
            ("public-administration", "Public Administration", "الإدارة العامة"),
            ("public-financial-management", "Public Financial Management", "إدارة المالية العامة"),
            ("statistics", "National Bureau of Statistics", "المكتب الوطني للإحصاء"),
            ("institutional-building", "Institutional Building", "البناء المؤسسي"),
            ("capacity-building", "Capacity Building", "بناء القدرات"),
        ],
    ),
    (
        7,
        "justice-human-rights",
        "Justice and Human Rights",
        "العدالة وحقوق الإنسان",
        [
            ("human-rights", "Human Rights", "حقوق الإنسان"),
            ("transitional-justice", "Transitional Justice", "العدالة الانتقالية"),
            ("rule-of-law", "Rule of Law", "سيادة القانون"),
            ("social-protection", "Social Protection", "الحماية الاجتماعية"),
            ("women-empowerment", "Women Empowerment", "تمكين المرأة"),
        ],
    ),
]

# (lead, slug, English, Arabic, slugs of the MoP groups that replace it)
LEGACY = [
    ("unsmil", "unsmil-security", "Security", "الأمن", ["security"]),
    (
        "unsmil",
        "unsmil-gnc-political",
        "GNC/Political Affairs",
        "المؤتمر الوطني العام/الشؤون السياسية",
        ["political-support"],
    ),
    ("unsmil", "unsmil-women", "Women Empowerment", "تمكين المرأة", ["justice-human-rights"]),
    (
        "unsmil",
        "unsmil-hr-tj-rol",
        "Human Rights/Transitional Justice/Rule of Law",
        "حقوق الإنسان/العدالة الانتقالية/سيادة القانون",
        ["justice-human-rights"],
    ),
    ("unsmil", "unsmil-elections", "Elections", "الانتخابات", ["political-support"]),
    (
        "unsmil",
        "unsmil-constitution",
        "Constitutional Support",
        "دعم العملية الدستورية",
        ["political-support"],
    ),
    (
        "unct",
        "unct-social-services",
        "Social Services (including Health and Education)",
        "الخدمات الاجتماعية (بما فيها الصحة والتعليم)",
        ["health", "education"],
    ),
    (
        "unct",
        "unct-economic-recovery",
        "Economic Recovery",
        "التعافي الاقتصادي",
        ["economic-reform"],
    ),
    (
        "unct",
        "unct-governance",
        "Governance and Public Administration",
        "الحوكمة والإدارة العامة",
        ["institutional-building"],
    ),
    (
        "unct",
        "unct-culture-tourism",
        "Culture and Tourism",
        "الثقافة والسياحة",
        ["economic-reform"],
    ),
    (
        "government",
        "gov-education",
        "Education/Scientific Research",
        "التعليم/البحث العلمي",
        ["education"],
    ),
    ("government", "gov-health-environment", "Health and Environment", "الصحة والبيئة", ["health"]),
    (
        "government",
        "gov-justice-hr",
        "Justice and Human Rights",
        "العدالة وحقوق الإنسان",
        ["justice-human-rights"],
    ),
    (
        "government",
        "gov-economic-recovery",
        "Economic Recovery",
        "التعافي الاقتصادي",
        ["economic-reform"],
    ),
    (
        "government",
        "gov-infrastructure",
        "Infrastructure Reconstruction",
        "إعادة إعمار البنية التحتية",
        ["economic-reform"],
    ),
    (
        "government",
        "gov-culture-tourism",
        "Culture and Tourism",
        "الثقافة والسياحة",
        ["economic-reform"],
    ),
    (
        "government",
        "gov-capacity",
        "Capacity Development",
        "تنمية القدرات",
        ["institutional-building"],
    ),
]


SWG_FIELDS = [
    "name_en",
    "name_ar",
    "slug",
    "number",
    "lead",
    "description_en",
    "description_ar",
    "is_active",
    "active_from",
    "active_until",
]


def _swg_history(apps, swg):
    apps.get_model("swg", "HistoricalSWG").objects.create(
        id=swg.pk,
        history_date=RECORDED_AT,
        history_type="+",
        history_change_reason=CHANGE_REASON,
        **{field: getattr(swg, field) for field in SWG_FIELDS},
    )


def _subsectors(apps, swg, subsectors):
    Subsector = apps.get_model("swg", "Subsector")
    HistoricalSubsector = apps.get_model("swg", "HistoricalSubsector")
    for order, (slug, en, ar) in enumerate(subsectors, start=1):
        sub = Subsector.objects.create(
            swg=swg, slug=slug, name_en=en, name_ar=ar, order=order, is_active=True
        )
        HistoricalSubsector.objects.create(
            id=sub.pk,
            swg_id=swg.pk,
            slug=slug,
            name_en=en,
            name_ar=ar,
            order=order,
            is_active=True,
            history_type="+",
            history_date=RECORDED_AT,
        )


def load(apps, schema_editor):
    SWG = apps.get_model("swg", "SWG")
    StructureChange = apps.get_model("swg", "StructureChange")
    by_slug = {}
    for number, slug, en, ar, subsectors in SWGS:
        swg, created = SWG.objects.get_or_create(
            slug=slug,
            defaults={
                "number": number,
                "name_en": en,
                "name_ar": ar,
                "lead": "mop",
                "is_active": True,
                "active_from": ASSESSMENT_DATE,
            },
        )
        by_slug[slug] = swg
        if not created:
            continue
        _swg_history(apps, swg)
        StructureChange.objects.create(
            kind="create",
            swg=swg,
            effective_on=ASSESSMENT_DATE,
            summary_en=f"Created as {en} (assessment §4.4)",
            summary_ar=f"أُنشئت باسم {ar} (التقييم، الفقرة 4.4)",
        )
        _subsectors(apps, swg, subsectors)
    for lead, slug, en, ar, replaced_by in LEGACY:
        swg, created = SWG.objects.get_or_create(
            slug=slug,
            defaults={
                "name_en": en,
                "name_ar": ar,
                "lead": lead,
                "is_active": False,
                "active_until": ASSESSMENT_DATE,
            },
        )
        if not created:
            continue
        _swg_history(apps, swg)
        successors = [by_slug[s] for s in replaced_by]
        swg.replaced_by.set(successors)
        StructureChange.objects.create(
            kind="retire",
            swg=swg,
            effective_on=ASSESSMENT_DATE,
            summary_en="Replaced by the MoP structure: " + ", ".join(s.name_en for s in successors),
            summary_ar="حلّت محلها هيكلية وزارة التخطيط: "
            + "، ".join(s.name_ar for s in successors),
        )


class Migration(migrations.Migration):
    dependencies = [("swg", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
