"""<budget>: a budget line (type 1 original), its status (indicative or
committed), period and value with currency and value date."""

import datetime as dt

from django.utils.translation import gettext as _

from ...records import amount_text, parse_amount
from .common import sub


def write(activity, project) -> None:
    for line in project.budgets.all():
        element = sub(activity, "budget", type="1", status=line.status)
        sub(element, "period-start", iso_date=line.period_start.isoformat())
        sub(element, "period-end", iso_date=line.period_end.isoformat())
        value = sub(
            element, "value", currency=line.currency, value_date=line.period_start.isoformat()
        )
        value.text = amount_text(line.value)


def read(activity, record, context) -> None:
    record.budgets = []
    default = record.fields.get("currency", "USD")
    for element in activity.findall("budget"):
        status = element.get("status") or "1"
        if not context.coded("budget", status, "BudgetStatus"):
            continue
        value = element.find("value")
        try:
            start = dt.date.fromisoformat(element.find("period-start").get("iso-date"))
            end = dt.date.fromisoformat(element.find("period-end").get("iso-date"))
            amount = parse_amount((value.text or "").strip())
        except ValueError as error:
            context.fail("budget", str(error))
            continue
        except AttributeError:
            context.fail("budget", _("A budget needs a period start, end and value."))
            continue
        currency = value.get("currency") or default
        if not context.coded("budget", currency, "Currency"):
            continue
        record.budgets.append(
            {
                "period_start": start,
                "period_end": end,
                "value": amount,
                "currency": currency,
                "status": int(status),
            }
        )
