"""``{% load reviews %}``: the figures of one member on the annual membership
reassessment (assessment Annex 1.1), written in Python rather than in the
template: the page shows every member of the group on one form, and the
template's tags, translations and number formatting per cell cost more than the
text they write (bench/README.md)."""

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from coordination.templatetags.bidi import bdi, bdi_date
from coordination.templatetags.choices import choice_label
from coordination.web import url_for_id

register = template.Library()


@register.simple_tag
def review_row_cells(row):
    """The row's cells before the decision: the member (organization, its
    contact, since when), its role, attendance rate, action points done and
    overdue, quarterly updates missing and the last decision."""
    membership, record, review = row.membership, row.record, row.last_review
    member = (
        f'<a href="{url_for_id("swg:organization_detail", membership.organization_id)}">'
        f"{bdi(membership.organization)}</a>"
    )
    if membership.contact:
        member += f"<br><small>{bdi(membership.contact.name)}</small>"
    since = escape(gettext("since %(d)s")) % {"d": bdi_date(membership.start_date)}
    member += f'<br><small class="text-muted">{since}</small>'

    percent = record.attendance_percent
    attendance = "—" if percent is None else f"{percent}%"
    if row.low_attendance:
        attendance += (
            ' <span class="badge text-bg-warning" data-testid="low-attendance">'
            f"{escape(gettext('low attendance'))}</span>"
        )
    of_held = escape(gettext("%(a)s of %(h)s meetings")) % {
        "a": record.meetings_attended,
        "h": record.meetings_held,
    }
    attendance += f'<br><small class="text-muted">{of_held}</small>'

    overdue = ' class="overdue text-danger"' if record.actions_overdue else ""
    missing = "—" if record.updates_missing is None else record.updates_missing
    last = "—"
    if review:
        last = (
            f"{escape(choice_label(review, 'decision'))}<br>"
            f'<small class="text-muted">{bdi_date(review.decided_at)}</small>'
        )
    return mark_safe(
        f"<td>{member}</td><td>{escape(choice_label(membership, 'role'))}</td>"
        f'<td data-figure="attendance-rate">{attendance}</td>'
        f"<td>{record.actions_done}</td><td{overdue}>{record.actions_overdue}</td>"
        f"<td>{missing}</td><td>{last}</td>"
    )
