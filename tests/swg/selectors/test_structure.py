"""Reads for the groups' structure: the groups a group replaced and was replaced by."""

from swg.models import SWG
from swg.selectors.structure import swg_lineage


def test_lineage_reads_both_directions_in_one_query(world, django_assert_num_queries):
    nutrition = SWG.objects.create(name_en="Nutrition", slug="nutrition", is_active=False)
    wash = SWG.objects.create(name_en="WASH", slug="wash", number=9)
    nutrition.replaced_by.add(world.swg_x)
    world.swg_x.replaced_by.add(wash, world.swg_y)

    with django_assert_num_queries(1):
        replaced_by, replaces = swg_lineage(swg=world.swg_x)

    assert replaced_by == list(world.swg_x.replaced_by.all())
    assert {wash, world.swg_y} <= set(replaced_by)
    assert replaces == list(world.swg_x.replaces.all())
    assert nutrition in replaces


def test_lineage_of_a_group_never_restructured_is_empty(world):
    newcomer = SWG.objects.create(name_en="Newcomer", slug="newcomer")

    assert swg_lineage(swg=newcomer) == ([], [])
