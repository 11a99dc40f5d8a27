"""Reads for the directory of organizations."""

from ..models import Membership, Organization


def organization_detail(*, organization: Organization):
    memberships = (
        Membership.objects.filter(organization=organization)
        .select_related("swg", "contact")
        .order_by("end_date", "swg__number")
    )
    focal_points = organization.focal_points.select_related("contact", "swg").order_by(
        "ended_on", "-appointed_on"
    )
    contacts = organization.contacts.order_by("name_en")
    children = organization.children.order_by("name_en")
    return {
        "memberships": memberships,
        "focal_points": focal_points,
        "contacts": contacts,
        "children": children,
    }
