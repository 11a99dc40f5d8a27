"""IATI activity XML 2.03 (DESIGN §3 "Exchange"): projects out as a file that
is valid against the official schema, and an uploaded file in as
``ProjectRecord``s, checked against the same schema and codelists
(``standard``), with every problem named at its activity and element.

The mapping is one module per element in ``elements``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _
from lxml import etree

from ..records import Directory, Problems, ProjectRecord
from .elements import ELEMENTS
from .elements.common import Context
from .standard import VERSION, XML_LANG, IatiRejected, parse, schema_errors

__all__ = ["IatiRejected", "export_activities", "read_activities", "PLACES"]

# Where a rule that spans fields is reported.
PLACES = {
    "title_en": "<title>",
    "planned_end": "<activity-date>",
    "actual_end": "<activity-date>",
    "status_reason": "<activity-status>",
    "budgets": "<budget>",
    "owner": "<reporting-org>",
    "iati_identifier": "<iati-identifier>",
    "id": "<other-identifier>",
}


def export_activities(projects: Iterable, *, now: dt.datetime | None = None) -> bytes:
    """The projects as an ``iati-activities`` document (UTF-8 bytes). Read
    relations through ``selectors.exchange.export_queryset``."""
    now = (now or timezone.now()).replace(microsecond=0)
    root = etree.Element(
        "iati-activities", version=VERSION, **{"generated-datetime": now.isoformat()}
    )
    for project in projects:
        activity = etree.SubElement(
            root,
            "iati-activity",
            **{
                "last-updated-datetime": project.updated_at.replace(microsecond=0).isoformat(),
                XML_LANG: "en",
                "default-currency": project.currency,
            },
        )
        for element in ELEMENTS:
            element.write(activity, project)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _label(number: int, identifier: str) -> str:
    if identifier:
        return _("Activity %(number)s (%(identifier)s)") % {
            "number": number,
            "identifier": identifier,
        }
    return _("Activity %(number)s") % {"number": number}


def read_activities(
    file: BinaryIO, *, directory: Directory
) -> Iterator[tuple[ProjectRecord, Problems]]:
    """Each activity of an uploaded file as a record with its problems.
    Raises ``IatiRejected`` for a file refused as a whole (too big, not XML,
    a DTD or entity, not IATI 2, too many activities)."""
    limit = settings.IMPORT_MAX_BYTES
    content = file.read(limit + 1)
    if len(content) > limit:
        raise IatiRejected(
            _("The file is larger than %(limit)s.") % {"limit": filesizeformat(limit)}
        )
    tree = parse(content)
    activities = tree.getroot().findall("iati-activity")
    if len(activities) > settings.IMPORT_MAX_ROWS:
        raise IatiRejected(
            _("The file has more than %(limit)s activities; split it.")
            % {"limit": settings.IMPORT_MAX_ROWS}
        )
    if not activities:
        raise IatiRejected(_("The file has no iati-activity element."))
    starts = [activity.sourceline for activity in activities]
    by_activity: dict[int, list[tuple[int, str]]] = {}
    outside = []
    for line, message in schema_errors(tree):
        index = max((i for i, start in enumerate(starts) if start <= line), default=None)
        if index is None:
            outside.append(_("line %(line)s: %(message)s") % {"line": line, "message": message})
        else:
            by_activity.setdefault(index, []).append((line, message))
    if outside:
        raise IatiRejected(
            _("The file does not follow the IATI 2.03 activity schema: %(errors)s")
            % {"errors": "; ".join(outside[:5])}
        )
    return _records(activities, by_activity, directory)


def _records(activities, by_activity, directory) -> Iterator[tuple[ProjectRecord, Problems]]:
    for index, activity in enumerate(activities):
        number = index + 1
        identifier = (activity.findtext("iati-identifier") or "").strip()
        record = ProjectRecord(number=number, where=_label(number, identifier))
        problems = Problems()
        errors = by_activity.get(index)
        if errors:
            record.fields["iati_identifier"] = identifier
            record.unread = True
            for line, message in errors:
                problems.add(_("schema, line %(line)s") % {"line": line}, message)
            yield record, problems
            continue
        record.fields["currency"] = (activity.get("default-currency") or "USD").strip()
        context = Context(directory, problems)
        context.coded("iati-activity default-currency", record.fields["currency"], "Currency")
        for element in ELEMENTS:
            element.read(activity, record, context)
        yield record, problems
