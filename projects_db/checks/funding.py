from django.utils import timezone
from django.utils.translation import gettext as _

from . import WARNING


def check(project) -> list[tuple[str, str]]:
    transactions = list(project.transactions.all())
    kind = project.transactions.model.Type
    found = []
    if project.status != project.Status.PIPELINE and not any(
        t.type in (kind.COMMITMENT, kind.PLEDGE) for t in transactions
    ):
        found.append((WARNING, _("Record the commitment (or pledge) that funds the project.")))
    today = timezone.localdate()
    if any(t.type == kind.DISBURSEMENT and t.value_date > today for t in transactions):
        found.append((WARNING, _("A disbursement is dated in the future.")))
    return found
