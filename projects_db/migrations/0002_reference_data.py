"""Reference data of the project database, carried here so that a later edit
of live code cannot change what a fresh install gets (STYLE habit 9).

- Libya's 22 districts (ISO 3166-2:LY), English and Arabic names.
- National priorities: the areas of the January 2012 conference on aid
  coordination "in support of Libyan priorities" (assessment, introduction)
  and the sectors of the CoM strategic framework (§4 key function b). Required
  funding is left empty for MoP to fill in.
- Exchange rates: approximate annual averages, to be checked against the
  Central Bank of Libya and the ECB and corrected in the admin.
"""

from decimal import Decimal

from django.db import migrations

DISTRICTS = [
    ("LY-BA", "Benghazi", "بنغازي"),
    ("LY-BU", "Al Butnan", "البطنان"),
    ("LY-DR", "Darnah", "درنة"),
    ("LY-GT", "Ghat", "غات"),
    ("LY-JA", "Al Jabal al Akhdar", "الجبل الأخضر"),
    ("LY-JG", "Al Jabal al Gharbi", "الجبل الغربي"),
    ("LY-JI", "Al Jifarah", "الجفارة"),
    ("LY-JU", "Al Jufrah", "الجفرة"),
    ("LY-KF", "Al Kufrah", "الكفرة"),
    ("LY-MB", "Al Marqab", "المرقب"),
    ("LY-MI", "Misratah", "مصراتة"),
    ("LY-MJ", "Al Marj", "المرج"),
    ("LY-MQ", "Murzuq", "مرزق"),
    ("LY-NL", "Nalut", "نالوت"),
    ("LY-NQ", "An Nuqat al Khams", "النقاط الخمس"),
    ("LY-SB", "Sabha", "سبها"),
    ("LY-SR", "Surt", "سرت"),
    ("LY-TB", "Tarabulus", "طرابلس"),
    ("LY-WA", "Al Wahat", "الواحات"),
    ("LY-WD", "Wadi al Hayat", "وادي الحياة"),
    ("LY-WS", "Wadi ash Shati'", "وادي الشاطئ"),
    ("LY-ZA", "Az Zawiyah", "الزاوية"),
]

PRIORITIES = [
    ("NP-01", "Security and stabilisation", "الأمن والاستقرار"),
    ("NP-02", "Democratic transition and elections", "التحول الديمقراطي والانتخابات"),
    ("NP-03", "Transitional justice and rule of law", "العدالة الانتقالية وسيادة القانون"),
    (
        "NP-04",
        "Public administration reform and e-government",
        "إصلاح الإدارة العامة والحكومة الإلكترونية",
    ),
    (
        "NP-05",
        "Social services delivery: health and education",
        "تقديم الخدمات الاجتماعية: الصحة والتعليم",
    ),
    ("NP-06", "Economic recovery and diversification", "التعافي والتنويع الاقتصادي"),
    ("NP-07", "Civil society and media strengthening", "تعزيز المجتمع المدني والإعلام"),
    ("NP-08", "Human resource development", "تنمية الموارد البشرية"),
]

SOURCE = "Approximate annual average (seed); check and correct"
RATES = {
    "USD": {2022: "1", 2023: "1", 2024: "1", 2025: "1"},
    "EUR": {2022: "1.0530", 2023: "1.0813", 2024: "1.0820", 2025: "1.1300"},
    "GBP": {2022: "1.2370", 2023: "1.2435", 2024: "1.2780", 2025: "1.3200"},
    "LYD": {2022: "0.2079", 2023: "0.2075", 2024: "0.2070", 2025: "0.1850"},
}


def seed(apps, schema_editor):
    District = apps.get_model("projects_db", "District")
    NationalPriority = apps.get_model("projects_db", "NationalPriority")
    ExchangeRate = apps.get_model("projects_db", "ExchangeRate")
    for code, en, ar in DISTRICTS:
        District.objects.update_or_create(code=code, defaults={"name_en": en, "name_ar": ar})
    for order, (code, en, ar) in enumerate(PRIORITIES, start=1):
        NationalPriority.objects.get_or_create(
            code=code, defaults={"name_en": en, "name_ar": ar, "order": order}
        )
    for currency, years in RATES.items():
        for year, rate in years.items():
            ExchangeRate.objects.get_or_create(
                currency=currency,
                year=year,
                defaults={"rate_to_usd": Decimal(rate), "source": SOURCE},
            )


class Migration(migrations.Migration):
    dependencies = [("projects_db", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
