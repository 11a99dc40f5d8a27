from .projects import DuplicatePair, Project, ProjectBudget, ProjectParticipant, Transaction
from .reference import CURRENCIES, District, ExchangeRate, NationalPriority
from .results import (
    Indicator,
    IndicatorMeasurement,
    IndicatorTarget,
    Objective,
    SectorGoal,
    period_key,
    period_label,
)
from .updates import (
    IndicatorValue,
    QuarterlyUpdate,
    QuarterSetting,
    default_deadline,
    quarter_end,
    quarter_of,
    quarter_start,
)

__all__ = [
    "CURRENCIES",
    "District",
    "DuplicatePair",
    "ExchangeRate",
    "Indicator",
    "IndicatorMeasurement",
    "IndicatorTarget",
    "IndicatorValue",
    "NationalPriority",
    "Objective",
    "Project",
    "ProjectBudget",
    "ProjectParticipant",
    "QuarterSetting",
    "QuarterlyUpdate",
    "SectorGoal",
    "Transaction",
    "default_deadline",
    "period_key",
    "period_label",
    "quarter_end",
    "quarter_of",
    "quarter_start",
]
