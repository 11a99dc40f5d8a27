from .projects import DuplicatePair, Project, ProjectBudget, ProjectParticipant, Transaction
from .reference import CURRENCIES, District, ExchangeRate, NationalPriority
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
    "IndicatorValue",
    "NationalPriority",
    "Project",
    "ProjectBudget",
    "ProjectParticipant",
    "QuarterSetting",
    "QuarterlyUpdate",
    "Transaction",
    "default_deadline",
    "quarter_end",
    "quarter_of",
    "quarter_start",
]
