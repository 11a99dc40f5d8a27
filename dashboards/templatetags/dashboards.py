from django import template

register = template.Library()


@register.filter
def percent(value):
    """A share (0–1) as a percentage; "–" when there was nothing to share."""
    if value is None:
        return "–"
    return f"{value * 100:.0f}%"


@register.filter
def dash(value):
    return "–" if value is None else value
