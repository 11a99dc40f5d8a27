"""The per-meeting figures (DESIGN §4 government participation)."""

from swg.selectors.attendance import meeting_attendance_figures
from swg.services.attendance import attendance_record
from tests.factories import make_meeting


def test_it_says_no_government_when_no_ministry_came(world):
    meeting = make_meeting(world, invite=(world.contact_a, world.contact_gov))
    attendance_record(
        meeting=meeting, entries=[(world.contact_a, "present"), (world.contact_gov, "absent")]
    )
    figures = meeting_attendance_figures(meeting=meeting)
    assert not figures.government_present
    assert figures.absent == 1
