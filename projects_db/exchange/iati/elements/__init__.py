"""One module per IATI activity element (after akvo-rsr's IATI exports: one
mapping per element), each with ``write(activity, project)``, which appends
the element(s) for the project, and ``read(activity, record, context)``,
which fills the ``ProjectRecord`` from them and reports problems at the
element. ``ELEMENTS`` lists them in the order the 2.03 schema requires.
"""

from . import (
    activity_date,
    activity_status,
    budget,
    description,
    iati_identifier,
    location,
    other_identifier,
    participating_org,
    recipient_country,
    reporting_org,
    sector,
    tag,
    title,
    transaction,
)

ELEMENTS = [
    iati_identifier,
    reporting_org,
    title,
    description,
    participating_org,
    other_identifier,
    activity_status,
    activity_date,
    recipient_country,
    location,
    sector,
    tag,
    budget,
    transaction,
]
