"""Reads of the terms of reference: the reader's language with a visible
fallback, and the side-by-side difference per section and language."""

from swg.selectors.tors import text_diff, tor_diff, tor_sections
from swg.services.tors import tor_draft_save, tor_draft_start
from tests.factories import make_tor, tor_text


def test_sections_are_in_the_readers_language(world):
    version = make_tor(world)
    sections = tor_sections(version=version, language="ar")
    assert [s.key for s in sections] == [
        "objectives",
        "membership",
        "roles",
        "meetings",
        "reporting",
        "secretariat",
    ]
    assert sections[0].text == "نص القسم objectives (v1)." and not sections[0].fell_back


def test_a_section_missing_in_the_readers_language_falls_back_visibly(world):
    version = make_tor(world, text={**tor_text(), "roles_ar": ""})
    roles = tor_sections(version=version, language="ar")[2]
    assert (roles.text, roles.language, roles.fell_back) == ("The group's roles (v1).", "en", True)


def test_the_difference_marks_changed_words_line_by_line():
    rows = text_diff("Meet monthly.\nIn Tripoli.", "Meet every two months.\nIn Tripoli.")
    assert rows[0].changed and not rows[1].changed
    assert ("monthly.", True) in rows[0].old
    assert ("every two months.", True) in rows[0].new
    assert ("Meet ", False) in rows[0].new


def test_added_and_removed_lines_have_one_side():
    rows = text_diff("A\nB", "A\nC\nD")
    assert [(bool(r.old), bool(r.new), r.changed) for r in rows] == [
        (True, True, False),
        (True, True, True),
        (False, True, True),
    ]


def test_it_compares_every_section_in_each_language(world):
    old = make_tor(world, status="endorsed")
    new = tor_draft_start(swg=world.swg_x, by=world.secretariat_x)
    new = tor_draft_save(version=new, sections={"meetings_ar": "تجتمع المجموعة شهرياً."})
    diffs = tor_diff(old=old, new=new)
    assert len(diffs) == 12
    changed = [(d.key, d.language) for d in diffs if d.changed]
    assert changed == [("meetings", "ar")]
