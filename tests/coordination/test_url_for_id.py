"""``coordination.web.url_for_id`` and ``|url_for_id``: a row's address from a
route reversed once, the same as ``reverse()`` gives."""

from django.template import Context, Template
from django.urls import reverse, set_script_prefix

from coordination.web import url_for_id


def test_it_gives_the_address_reverse_gives():
    assert url_for_id("swg:meeting_detail", 42) == reverse("swg:meeting_detail", args=[42])
    assert url_for_id("swg:meeting_detail", 7) == "/meetings/7/"


def test_it_puts_the_id_after_the_other_arguments():
    assert url_for_id("swg:membership_edit", 5, "health") == reverse(
        "swg:membership_edit", args=["health", 5]
    )
    assert url_for_id("swg:membership_edit", 5, "education") == "/swg/education/members/5/edit/"


def test_it_follows_the_script_prefix():
    set_script_prefix("/portal/")
    try:
        assert url_for_id("swg:meeting_detail", 3) == "/portal/meetings/3/"
    finally:
        set_script_prefix("/")


def test_the_filter_writes_the_address():
    template = Template("{% load row_urls %}{{ pk|url_for_id:'swg:action_point_detail' }}")

    assert template.render(Context({"pk": 9})) == reverse("swg:action_point_detail", args=[9])
