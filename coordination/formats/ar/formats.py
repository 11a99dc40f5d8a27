"""Arabic date formats (settings.FORMAT_MODULE_PATH): day before month, month
names from Django's Arabic catalogue, 24-hour times as in the English pages
(meetings are in Tripoli time, shown the same to everyone). Amounts keep the
point as decimal separator, as in the ministry's budget tables and the partners'
spreadsheets, instead of Django's Arabic "1.234,5"."""

DATE_FORMAT = "j F Y"  # 15 ديسمبر 2026
DATETIME_FORMAT = "j F Y، H:i"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
TIME_FORMAT = "H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
FULL_DATE_FORMAT = "j F Y"
FULL_DATETIME_FORMAT = "j F Y، H:i"
LONG_DATE_FORMAT = "l j F Y"  # الثلاثاء 15 ديسمبر 2026
WEEKDAY_DATE_FORMAT = "l j F Y"
WEEKDAY_DAY_FORMAT = "l j F"
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
