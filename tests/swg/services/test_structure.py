"""Restructuring services record who made each step (swg/services/structure.py)."""

import datetime as dt
import re
from django.utils import timezone
from swg.models import SWG, Membership, StructureChange, Subsector
from swg.selectors.structure import swg_as_of
from swg.services.structure import swg_rename








def test_the_service_records_who_renamed(world):
    swg_rename(swg=world.swg_x, name_en="Public Health", name_ar="", by=world.coordination)
    change = StructureChange.objects.get(swg=world.swg_x, kind="rename")
    assert change.made_by == world.coordination
    assert world.swg_x.history.latest().history_user == world.coordination
