"""Demo results frameworks for Health and Economic Reform, written for the demo
in the shape of the LIBMITAF logframe (strategic objective → specific
objectives → indicators; reference: LIBMITAF interim report 2022, chapter 6).
The goals, indicators and figures are invented."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal

from django.db import transaction

from accounts.models import User
from swg.models import SWG

from ..models import NationalPriority, Project, SectorGoal
from ..services.results import (
    goal_save,
    indicator_save,
    measurement_record,
    objective_save,
    target_set,
)

# fmt: off
# swg slug -> [(goal en, goal ar, [(objective en, objective ar, [indicator])])]
# indicator: (name en, name ar, unit, baseline (value, year), priority,
#             DAC codes of the linked projects, {period: target}, {period: value})
# A period is (year, quarter), quarter 0 the whole year.
FRAMEWORKS = {
    "health": [(
        "People in every district reach basic health services",
        "وصول السكان في جميع المناطق إلى الخدمات الصحية الأساسية",
        [(
            "Primary health care centres in the south are open and staffed",
            "مراكز الرعاية الصحية الأولية في الجنوب مفتوحة ومزودة بالعاملين",
            [("Primary health care centres open in the southern districts",
              "مراكز الرعاية الصحية الأولية العاملة في المناطق الجنوبية",
              "centres", (41, 2024), "NP-05", ["12220"],
              {(2025, 0): 55, (2026, 0): 70, (2027, 0): 85},
              {(2025, 1): 44, (2025, 2): 47, (2025, 3): 51, (2025, 4): 53,
               (2026, 1): 58, (2026, 2): 61}),
             ("Share of births attended by a skilled midwife",
              "نسبة الولادات التي تشرف عليها قابلة مؤهلة",
              "%", (62, 2024), "NP-05", ["13020"],
              {(2025, 0): 68, (2026, 0): 75},
              {(2025, 0): 66, (2026, 2): 71})],
        ), (
            "Children are protected by routine immunisation",
            "حماية الأطفال بالتطعيم الروتيني",
            [("Children under one fully immunised (measles, DTP3)",
              "الأطفال دون السنة الذين أكملوا التطعيم (الحصبة والثلاثي)",
              "%", (71, 2024), "NP-05", ["12250"],
              {(2025, 0): 78, (2026, 0): 85},
              {(2025, 2): 73, (2025, 4): 77, (2026, 2): 80})],
        )],
    )],
    "economic-reform": [(
        "A diversified economy that creates jobs outside the oil sector",
        "اقتصاد متنوع يوفر فرص العمل خارج قطاع النفط",
        [(
            "Young people find work in small and medium enterprises",
            "الشباب يجدون عملاً في المشروعات الصغرى والمتوسطة",
            [("Young people placed in jobs after vocational training",
              "الشباب الذين التحقوا بعمل بعد التدريب المهني",
              "people", (0, 2024), "NP-06", ["16020"],
              {(2025, 0): 1500, (2026, 0): 4000},
              {(2025, 1): 210, (2025, 2): 540, (2025, 3): 880, (2025, 4): 1320,
               (2026, 1): 1750, (2026, 2): 2300}),
             ("Small enterprises given start-up grants or loans",
              "المشروعات الصغيرة التي حصلت على منح أو قروض تأسيس",
              "enterprises", (0, 2024), "NP-06", ["25030"],
              {(2026, 0): 600},
              {(2025, 4): 180, (2026, 2): 340})],
        ), (
            "Electricity supply is reliable for homes and businesses",
            "إمدادات كهرباء موثوقة للمنازل والأعمال",
            [("Average hours of load shedding a day in the summer peak",
              "متوسط ساعات تخفيف الأحمال يومياً في ذروة الصيف",
              "hours/day", (9, 2024), "NP-06", ["23110"],
              {(2025, 0): 6, (2026, 0): 3},
              {(2025, 3): 7, (2026, 3): 4})],
        )],
    )],
}
# fmt: on


def _period(key: tuple[int, int]) -> dict:
    return {"year": key[0], "quarter": key[1]}


@transaction.atomic
def build_demo_results() -> dict:
    """Load the demo frameworks once; a group that has goals is left alone."""
    stats: Counter = Counter()
    by = User.objects.filter(email="secretariat@demo.ly").first()
    priorities = {p.code: p for p in NationalPriority.objects.all()}
    for slug, goals in FRAMEWORKS.items():
        swg = SWG.objects.filter(slug=slug).first()
        if swg is None or SectorGoal.objects.filter(swg=swg).exists():
            continue
        for goal_order, (goal_en, goal_ar, objectives) in enumerate(goals, start=1):
            goal = goal_save(swg=swg, by=by, text_en=goal_en, text_ar=goal_ar, order=goal_order)
            stats["SectorGoal created"] += 1
            for order, (obj_en, obj_ar, indicators) in enumerate(objectives, start=1):
                objective = objective_save(
                    goal=goal, by=by, text_en=obj_en, text_ar=obj_ar, order=order
                )
                stats["Objective created"] += 1
                for name_en, name_ar, unit, base, code, dacs, targets, values in indicators:
                    indicator = indicator_save(
                        swg=swg,
                        by=by,
                        objective=objective,
                        name_en=name_en,
                        name_ar=name_ar,
                        unit=unit,
                        baseline_value=Decimal(base[0]),
                        baseline_date=dt.date(base[1], 12, 31),
                        national_priority=priorities.get(code),
                        projects=list(
                            Project.objects.filter(swg=swg, dac_sector__in=dacs, state="published")
                        ),
                    )
                    stats["Indicator created"] += 1
                    for key, value in targets.items():
                        target_set(indicator=indicator, value=Decimal(value), by=by, **_period(key))
                    for key, value in values.items():
                        measurement_record(
                            indicator=indicator, value=Decimal(value), by=by, **_period(key)
                        )
                    stats["IndicatorMeasurement created"] += len(values)
    return dict(stats)
