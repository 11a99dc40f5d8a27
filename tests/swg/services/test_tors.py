"""Terms of reference: draft → reviewed by MoP → endorsed by the chair; only a
draft is written; a new draft starts from the endorsed text (DESIGN §3)."""

import pytest
from django.core.exceptions import ValidationError

from swg.models import TorVersion
from swg.services.tors import tor_draft_save, tor_draft_start, tor_endorse, tor_review
from tests.factories import make_tor, tor_text


def _state(version):
    version.refresh_from_db()
    return version.status, version.objectives_en, version.reviewed_by_id, version.endorsed_by_id


def test_it_starts_an_empty_first_draft(world):
    draft = tor_draft_start(swg=world.swg_x, by=world.secretariat_x)
    assert (draft.number, draft.status, draft.objectives_en) == (1, "draft", "")
    assert draft.history.first().history_user == world.secretariat_x


def test_a_groups_first_draft_starts_from_the_endorsed_generic_tor(world):
    generic = make_tor(world, swg=False, status="endorsed", text=tor_text("generic"))
    draft = tor_draft_start(swg=world.swg_x, by=world.secretariat_x)
    assert draft.based_on == generic
    assert draft.objectives_ar == "نص القسم objectives (generic)."


def test_a_new_draft_starts_from_the_endorsed_version(world):
    endorsed = make_tor(world, status="endorsed")
    draft = tor_draft_start(swg=world.swg_x, by=world.secretariat_x)
    assert (draft.number, draft.based_on, draft.status) == (2, endorsed, "draft")
    assert draft.secretariat_en == endorsed.secretariat_en


def test_it_refuses_a_second_version_under_way(world):
    make_tor(world, status="reviewed")
    with pytest.raises(ValidationError, match="already under way"):
        tor_draft_start(swg=world.swg_x, by=world.secretariat_x)
    assert TorVersion.objects.count() == 1


def test_review_needs_every_section_written(world):
    draft = tor_draft_start(swg=world.swg_x, by=world.secretariat_x)
    tor_draft_save(version=draft, sections={**tor_text(), "meetings_en": "", "meetings_ar": ""})
    with pytest.raises(ValidationError, match="Missing: Meetings."):
        tor_review(version=draft, by=world.secretariat_x)
    assert _state(draft)[0] == "draft"


def test_endorsing_a_version_never_reviewed_is_refused_and_changes_nothing(world):
    draft = tor_draft_start(swg=world.swg_x, by=world.secretariat_x)
    tor_draft_save(version=draft, sections=tor_text())
    before = _state(draft)
    with pytest.raises(ValidationError, match="has not been reviewed by MoP"):
        tor_endorse(version=draft, by=world.chair)
    assert _state(draft) == before


def test_editing_an_endorsed_version_is_refused_and_changes_nothing(world):
    endorsed = make_tor(world, status="endorsed")
    before = _state(endorsed)
    with pytest.raises(ValidationError, match="has been endorsed and cannot be edited"):
        tor_draft_save(version=endorsed, sections={"objectives_en": "Rewritten"})
    assert _state(endorsed) == before


def test_the_chair_endorses_a_reviewed_version_and_it_supersedes_the_last(world):
    first = make_tor(world, status="endorsed")
    second = tor_draft_start(swg=world.swg_x, by=world.secretariat_x)
    tor_draft_save(version=second, sections=tor_text("v2"))
    tor_review(version=second, by=world.secretariat_y)
    second = tor_endorse(version=second, by=world.chair)
    first.refresh_from_db()
    assert (first.status, second.status) == ("superseded", "endorsed")
    assert second.endorsed_by == world.chair and second.endorsed_at is not None
    assert second.reviewed_by == world.secretariat_y


def test_editing_a_reviewed_version_takes_it_back_to_draft(world):
    reviewed = make_tor(world, status="reviewed")
    tor_draft_save(version=reviewed, sections={"objectives_en": "Sharper objectives."})
    status, objectives, reviewed_by, _endorsed = _state(reviewed)
    assert (status, objectives, reviewed_by) == ("draft", "Sharper objectives.", None)


def test_every_change_is_kept_in_history(world):
    version = make_tor(world, status="endorsed")
    assert [h.status for h in version.history.order_by("history_date")] == [
        "draft",
        "draft",
        "reviewed",
        "endorsed",
    ]
