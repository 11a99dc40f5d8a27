"""<recipient-country>: Libya, the whole of every project of the portal."""

from django.utils.translation import gettext as _

from .common import sub

LIBYA = "LY"


def write(activity, project) -> None:
    sub(activity, "recipient-country", code=LIBYA, percentage="100")


def read(activity, record, context) -> None:
    countries = [e.get("code") for e in activity.findall("recipient-country")]
    if countries and LIBYA not in countries:
        context.fail(
            "recipient-country",
            _("The activity is not in Libya (%(codes)s).") % {"codes": ", ".join(countries)},
        )
