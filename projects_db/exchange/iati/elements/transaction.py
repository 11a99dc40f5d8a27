"""<transaction>: pledges, commitments, disbursements, expenditure and
incoming funds, with value date, currency, description and the providing and
receiving organizations."""

import datetime as dt

from django.utils.translation import gettext as _

from ....models import Transaction
from ...records import amount_text, parse_amount
from .common import narratives, read_narratives, sub, write_organization

KEPT = {str(t.value) for t in Transaction.Type}


def write(activity, project) -> None:
    for item in project.transactions.all():
        element = sub(activity, "transaction")
        sub(element, "transaction-type", code=item.type)
        sub(element, "transaction-date", iso_date=item.value_date.isoformat())
        value = sub(
            element, "value", currency=item.currency, value_date=item.value_date.isoformat()
        )
        value.text = amount_text(item.value)
        if item.description:
            narratives(sub(element, "description"), en=item.description)
        if item.provider:
            write_organization(element, "provider-org", item.provider)
        if item.receiver:
            write_organization(element, "receiver-org", item.receiver)


def read(activity, record, context) -> None:
    record.transactions = []
    record.transaction_types = frozenset(t.value for t in Transaction.Type)
    default = record.fields.get("currency", "USD")
    for element in activity.findall("transaction"):
        kind = element.find("transaction-type")
        code = kind.get("code") if kind is not None else ""
        if not context.coded("transaction", code, "TransactionType"):
            continue
        if code not in KEPT:
            context.fail(
                "transaction",
                _("Transactions of type %(code)s are not kept by the portal.") % {"code": code},
            )
            continue
        value = element.find("value")
        try:
            amount = parse_amount((value.text or "").strip())
            day = dt.date.fromisoformat(
                value.get("value-date") or element.find("transaction-date").get("iso-date")
            )
        except ValueError as error:
            context.fail("transaction", str(error))
            continue
        except AttributeError:
            context.fail("transaction", _("A transaction needs a date and a value."))
            continue
        currency = value.get("currency") or default
        if not context.coded("transaction", currency, "Currency"):
            continue
        en, ar = read_narratives(element.find("description"))
        record.transactions.append(
            {
                "type": int(code),
                "value_date": day,
                "value": amount,
                "currency": currency,
                "description": (en or ar)[:300],
                "provider": context.organization(element.find("provider-org")),
                "receiver": context.organization(element.find("receiver-org")),
            }
        )
