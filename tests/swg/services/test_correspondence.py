"""The correspondence register's writes and reference numbers
(swg/services/correspondence.py, swg/selectors/correspondence.py)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from swg.models import Correspondence
from swg.selectors.correspondence import correspondence_reference_suggest
from swg.services.correspondence import correspondence_record, correspondence_update


def record(world, reference="OUT-2026-001", date=dt.date(2026, 3, 1), **overrides):
    return correspondence_record(
        **{
            "reference": reference,
            "date": date,
            "direction": Correspondence.Direction.OUTGOING,
            "from_organization": world.ministry,
            "to_organization": world.org_a,
            "subject_en": "Request for a meeting",
            "channel": Correspondence.Channel.MFA,
            "kind": Correspondence.Kind.NOTE_VERBALE,
            "by": world.secretariat_x,
            **overrides,
        }
    )


def test_it_records_an_entry_with_its_year(world):
    entry = record(world)
    assert entry.year == 2026
    assert entry.history.count() == 1


def test_a_duplicate_reference_in_the_same_year_is_rejected(world):
    record(world)
    with pytest.raises(ValidationError) as error:
        record(world, reference="out-2026-001 ")
    assert "reference" in error.value.message_dict
    assert Correspondence.objects.count() == 1


def test_the_same_reference_in_another_year_is_accepted(world):
    record(world, reference="NV-12", date=dt.date(2025, 6, 1))
    record(world, reference="NV-12", date=dt.date(2026, 6, 1))
    assert Correspondence.objects.count() == 2


def test_an_entry_keeps_its_reference_when_edited(world):
    entry = record(world)
    correspondence_update(entry=entry, subject_en="Request for two meetings", by=world.chair)
    entry.refresh_from_db()
    assert entry.subject_en == "Request for two meetings"
    assert entry.history.count() == 2


def test_it_needs_a_subject(world):
    with pytest.raises(ValidationError):
        record(world, subject_en="", subject_ar="")


def test_an_open_follow_up_needs_a_due_date(world):
    with pytest.raises(ValidationError) as error:
        record(world, follow_up_status=Correspondence.FollowUp.OPEN)
    assert "follow_up_due" in error.value.message_dict


def test_it_suggests_the_next_free_number_of_the_year(world):
    assert correspondence_reference_suggest(year=2026) == "OUT-2026-001"
    record(world, reference="OUT-2026-001")
    record(world, reference="IN-2026-007", direction=Correspondence.Direction.INCOMING)
    record(world, reference="OUT-2025-030", date=dt.date(2025, 1, 5))
    assert correspondence_reference_suggest(year=2026, direction="in") == "IN-2026-008"
    assert correspondence_reference_suggest(year=2026) == "OUT-2026-008"


def test_an_overdue_follow_up_is_marked(world):
    entry = record(
        world,
        follow_up_status=Correspondence.FollowUp.OPEN,
        follow_up_due=dt.date(2020, 1, 1),
    )
    assert entry.is_overdue
