"""``{% load row_urls %}``: ``{{ meeting.pk|url_for_id:"swg:meeting_detail" }}`` is
``{% url "swg:meeting_detail" meeting.pk %}`` for lists: the route is reversed once
and each row's id put in its place (``coordination.web.url_for_id``). For a route
whose only argument is the id."""

from django import template

from coordination import web

register = template.Library()


@register.filter
def url_for_id(pk, name):
    return web.url_for_id(name, pk)
