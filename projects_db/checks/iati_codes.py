import re

from django.utils.translation import gettext as _

from . import ERROR, WARNING

# IATI: an activity identifier is the reporting organisation's identifier and
# a local id, with no spaces.
IATI_IDENTIFIER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:/\-]*$")
DAC_CODE = re.compile(r"^\d{5}$")
CURRENCY = re.compile(r"^[A-Z]{3}$")


def check(project, *, known_currencies: frozenset[str] = frozenset()) -> list[tuple[str, str]]:
    found = []
    if project.iati_identifier and not IATI_IDENTIFIER.match(project.iati_identifier):
        found.append((ERROR, _("The IATI identifier may not contain spaces or other signs.")))
    if project.dac_sector and not DAC_CODE.match(project.dac_sector):
        found.append((ERROR, _("The OECD DAC sector code has five digits.")))
    roles = project.participants.model.Role.values
    if any(p.role not in roles for p in project.participants.all()):
        found.append((ERROR, _("A participant's role is not an IATI organisation role.")))
    types = project.transactions.model.Type.values
    if any(t.type not in types for t in project.transactions.all()):
        found.append((ERROR, _("A transaction type is not an IATI transaction type.")))
    currencies = {project.currency}
    currencies |= {b.currency for b in project.budgets.all()}
    currencies |= {t.currency for t in project.transactions.all()}
    for code in sorted(currencies):
        if not CURRENCY.match(code or ""):
            found.append((ERROR, _("%(code)s is not an ISO 4217 currency code.") % {"code": code}))
        elif known_currencies and code not in known_currencies:
            found.append(
                (
                    WARNING,
                    _(
                        "There is no exchange rate for %(code)s: its amounts are left out of the totals in USD."
                    )
                    % {"code": code},
                )
            )
    return found
