"""Restructuring services record who made each step (swg/services/structure.py)."""

from swg.models import StructureChange
from swg.services.structure import swg_rename


def test_the_service_records_who_renamed(world):
    swg_rename(swg=world.swg_x, name_en="Public Health", name_ar="", by=world.coordination)
    change = StructureChange.objects.get(swg=world.swg_x, kind="rename")
    assert change.made_by == world.coordination
    assert world.swg_x.history.latest().history_user == world.coordination
