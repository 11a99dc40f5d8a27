"""The labels of outbox purposes (coordination/outbox.py): each sending app
registers its own, "Sent messages" shows them in the reader's language."""

import pytest
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from coordination import outbox

SENT_BY_THE_PORTAL = [
    "meeting.invitation",
    "meeting.update",
    "meeting.cancellation",
    "minutes.circulated",
    "schedule.monthly",
    "password_reset",
    "quarterly.opening",
    "quarterly.reminder",
    "quarterly.escalation",
]


@pytest.mark.parametrize("purpose", SENT_BY_THE_PORTAL)
def test_every_purpose_the_portal_sends_has_a_label(purpose):
    assert outbox.outbox_purpose_label(purpose) != purpose


def test_it_shows_an_unregistered_code_as_it_is():
    assert outbox.outbox_purpose_label("made.up") == "made.up"


def test_it_refuses_a_second_label_for_one_code():
    with pytest.raises(ValueError):
        outbox.outbox_purpose_register("minutes.circulated", _("Something else"))


def test_it_gives_the_label_in_the_active_language():
    with translation.override("ar"):
        label = outbox.outbox_purpose_label("minutes.circulated")
    assert label != "minutes.circulated"
