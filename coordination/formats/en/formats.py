"""English date formats (settings.FORMAT_MODULE_PATH): what ``|date:"NAME"`` and
``|bdi_date:"NAME"`` print. The names beyond Django's own (LONG_DATE_FORMAT,
WEEKDAY_DATE_FORMAT, WEEKDAY_DAY_FORMAT) are defined for both languages, so
every template asks for a name and never spells a format (docs/architecture.md,
"Text direction")."""

DATE_FORMAT = "j M Y"  # 15 Dec 2026
DATETIME_FORMAT = "j M Y, H:i"  # 15 Dec 2026, 10:00
SHORT_DATE_FORMAT = "Y-m-d"
SHORT_DATETIME_FORMAT = "Y-m-d H:i"
TIME_FORMAT = "H:i"
YEAR_MONTH_FORMAT = "F Y"  # December 2026
MONTH_DAY_FORMAT = "j F"  # 15 December
FULL_DATE_FORMAT = "j F Y"  # 15 December 2026
FULL_DATETIME_FORMAT = "j F Y, H:i"
LONG_DATE_FORMAT = "l j F Y"  # Tuesday 15 December 2026
WEEKDAY_DATE_FORMAT = "D j M Y"  # Tue 15 Dec 2026
WEEKDAY_DAY_FORMAT = "l j F"  # Tuesday 15 December
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
