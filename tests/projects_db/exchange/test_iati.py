"""IATI activity XML 2.03 (DESIGN §3 "Exchange"): exports valid against the
official schema, imports checked against it and the codelists, problems
named at activity and element, hostile XML refused before parsing."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from lxml import etree

from projects_db.exchange import iati
from projects_db.exchange.iati import standard
from projects_db.models import Project, ProjectParticipant, Transaction
from projects_db.selectors.exchange import export_queryset
from projects_db.services import exchange
from swg.models import Organization
from tests.factories import make_project

# A donor's activity as a real publisher writes it, after the standard's own
# example (iati-activities example 2.03: AA-AAA-123456789-ABC123), moved to
# Libya: the reporting organization is unknown to the portal, so the file is
# imported for one of ours; its implementing partner is new.
DONOR_FILE = """<?xml version="1.0" encoding="UTF-8"?>
<iati-activities version="2.03" generated-datetime="2026-02-01T10:00:00Z">
 <iati-activity last-updated-datetime="2026-01-15T09:00:00Z" xml:lang="en"
     default-currency="EUR" humanitarian="0" hierarchy="1">
  <iati-identifier>AA-AAA-123456789-ABC123</iati-identifier>
  <reporting-org ref="AA-AAA-123456789" type="40" secondary-reporter="0">
   <narrative>Agency A</narrative>
  </reporting-org>
  <title>
   <narrative>Water and sanitation in the south of Libya</narrative>
   <narrative xml:lang="ar">المياه والصرف الصحي في جنوب ليبيا</narrative>
  </title>
  <description type="1">
   <narrative>Rehabilitation of water networks in Sabha and Murzuq.</narrative>
  </description>
  <description type="2">
   <narrative>Safe water for 40,000 people.</narrative>
  </description>
  <participating-org ref="AA-AAA-123456789" role="1" type="40">
   <narrative>Agency A</narrative>
  </participating-org>
  <participating-org ref="BB-BBB-123456789" role="4" type="21" activity-id="BB-BBB-123456789-1234">
   <narrative>Water Engineers Without Borders</narrative>
  </participating-org>
  <other-identifier ref="ABC123-XYZ" type="A1">
   <owner-org ref="AA-AAA-123456789"><narrative>Agency A</narrative></owner-org>
  </other-identifier>
  <activity-status code="2"/>
  <activity-date iso-date="2026-01-01" type="1"/>
  <activity-date iso-date="2026-01-15" type="2"/>
  <activity-date iso-date="2027-12-31" type="3"/>
  <contact-info type="1">
   <organisation><narrative>Agency A</narrative></organisation>
   <email>transparency@example.org</email>
  </contact-info>
  <activity-scope code="3"/>
  <recipient-country code="LY" percentage="100"/>
  <location ref="AA-AAA-123456789-1">
   <name><narrative>Sabha</narrative></name>
   <point srsName="http://www.opengis.net/def/crs/EPSG/0/4326"><pos>27.03 14.43</pos></point>
  </location>
  <location ref="LY-MQ"><name><narrative>Murzuq</narrative></name></location>
  <sector vocabulary="1" code="14030" percentage="100"/>
  <collaboration-type code="1"/>
  <default-flow-type code="10"/>
  <default-finance-type code="110"/>
  <default-aid-type code="C01" vocabulary="1"/>
  <default-tied-status code="5"/>
  <budget type="1" status="2">
   <period-start iso-date="2026-01-01"/>
   <period-end iso-date="2026-12-31"/>
   <value currency="EUR" value-date="2026-01-01">1500000</value>
  </budget>
  <transaction>
   <transaction-type code="2"/>
   <transaction-date iso-date="2026-01-10"/>
   <value currency="EUR" value-date="2026-01-10">1500000</value>
   <description><narrative>Grant agreement signed</narrative></description>
   <provider-org ref="AA-AAA-123456789" type="40"><narrative>Agency A</narrative></provider-org>
   <receiver-org ref="BB-BBB-123456789" type="21"><narrative>Water Engineers Without Borders</narrative></receiver-org>
  </transaction>
  <transaction ref="1234">
   <transaction-type code="3"/>
   <transaction-date iso-date="2026-03-01"/>
   <value currency="EUR" value-date="2026-03-01">250000.50</value>
  </transaction>
 </iati-activity>
</iati-activities>
"""


def _check(content, by=None, **options):
    if isinstance(content, str):
        content = content.encode("utf-8")
    return exchange.projects_check(io.BytesIO(content), name="file.xml", by=by, options=options)


def _export(projects=None) -> bytes:
    return iati.export_activities(export_queryset(projects or Project.objects.order_by("pk")))


def test_the_export_is_valid_against_the_official_schema(world):
    make_project(
        owner=world.org_a,
        swg=world.swg_x,
        comments="Phase 2 in 2027",
        iati_identifier="XM-DAC-41114-LBY-1",
    )
    make_project(
        owner=world.org_b,
        swg=world.swg_y,
        title_ar="",
        participants=[],
        nationwide=True,
        districts=[],
    )
    tree = etree.ElementTree(etree.fromstring(_export()))
    assert standard.schema_errors(tree) == []


def test_an_exported_file_imports_back_unchanged(world):
    project = make_project(
        owner=world.org_a,
        swg=world.swg_x,
        transactions=[
            {
                "type": Transaction.Type.PLEDGE,
                "value": Decimal("12.50"),
                "currency": "EUR",
                "value_date": dt.date(2025, 3, 1),
                "description": "First pledge",
                "provider": world.org_b,
            },
        ],
    )
    make_project(
        owner=world.org_b,
        swg=world.swg_y,
        iati_identifier="XM-DAC-7-1",
        nationwide=True,
        districts=[],
    )
    before = Project.history.count()
    result = _check(_export(), by=world.coordination)
    assert result.errors == []
    assert result.preview["counts"] == {"new": 0, "changed": 0, "unchanged": 2}
    exchange.projects_write(result, by=world.coordination)
    assert Project.history.count() == before
    project.refresh_from_db()
    assert project.iati_identifier == ""  # the portal's made-up identifier is not stored


def test_a_donor_file_is_previewed_and_imported_for_an_organization(world):
    result = _check(
        DONOR_FILE, by=world.coordination, organization=world.org_a.pk, swg=world.swg_x.pk
    )
    assert result.errors == []
    assert result.preview["counts"]["new"] == 1
    assert result.preview["organizations"] == ["Agency A", "Water Engineers Without Borders"]
    exchange.projects_write(result, by=world.coordination)
    project = Project.objects.get(iati_identifier="AA-AAA-123456789-ABC123")
    assert project.owner == world.org_a and project.swg == world.swg_x
    assert project.title_ar == "المياه والصرف الصحي في جنوب ليبيا"
    assert project.currency == "EUR" and project.dac_sector == "14030"
    assert sorted(d.code for d in project.districts.all()) == ["LY-MQ", "LY-SB"]
    roles = {(p.organization.name_en, p.role) for p in project.participants.all()}
    assert ("Water Engineers Without Borders", ProjectParticipant.Role.IMPLEMENTING) in roles
    assert Organization.objects.filter(name_en="Agency A").count() == 1
    disbursement = project.transactions.get(type=Transaction.Type.DISBURSEMENT)
    assert disbursement.value == Decimal("250000.50")
    # Re-importing the same file updates the same project, by its IATI identifier.
    again = _check(
        DONOR_FILE, by=world.coordination, organization=world.org_a.pk, swg=world.swg_x.pk
    )
    assert again.preview["counts"] == {"new": 0, "changed": 0, "unchanged": 1}


def test_a_changed_activity_updates_its_project_by_iati_identifier(world):
    options = {"organization": world.org_a.pk, "swg": world.swg_x.pk}
    exchange.projects_write(_check(DONOR_FILE, **options), by=None)
    changed = DONOR_FILE.replace('<activity-status code="2"/>', '<activity-status code="3"/>')
    result = _check(changed, **options)
    assert result.preview["changed"][0]["changes"] == ["status"]
    exchange.projects_write(result, by=None)
    assert Project.objects.get().status == Project.Status.FINALISATION


def _problems(content, **options):
    result = _check(content, by=None, **{"organization": None, **options})
    return [(e["row"], e["column"], e["message"]) for e in result.errors]


def test_a_schema_failure_is_named_at_its_activity_and_element(world):
    broken = DONOR_FILE.replace('<activity-status code="2"/>', "")
    ((row, column, message),) = _problems(broken, swg=world.swg_x.pk)
    assert row == 1 and column.startswith("schema, line")
    assert "activity-date" in message or "activity-status" in message


def test_an_unknown_code_is_named_with_its_codelist(world):
    bad = DONOR_FILE.replace('<activity-status code="2"/>', '<activity-status code="9"/>')
    bad = bad.replace(
        'currency="EUR" value-date="2026-03-01"', 'currency="XXY" value-date="2026-03-01"'
    )
    problems = _problems(bad, organization=world.org_a.pk, swg=world.swg_x.pk)
    assert ("1", "<activity-status>") == (str(problems[0][0]), problems[0][1])
    assert "ActivityStatus" in problems[0][2]
    assert any(p[1] == "<transaction>" and "Currency" in p[2] for p in problems)


def test_an_end_before_the_start_is_named_at_the_activity_date(world):
    bad = DONOR_FILE.replace('iso-date="2027-12-31" type="3"', 'iso-date="2025-12-31" type="3"')
    problems = _problems(bad, organization=world.org_a.pk, swg=world.swg_x.pk)
    assert problems == [(1, "<activity-date>", problems[0][2])]
    assert "before the start" in problems[0][2]


def test_an_unknown_reporting_organization_needs_the_file_to_name_one(world):
    problems = _problems(DONOR_FILE, swg=world.swg_x.pk)
    assert problems[0][1] == "<reporting-org>"


def test_iati_version_1_is_refused(world):
    old = DONOR_FILE.replace('version="2.03"', 'version="1.05"')
    with pytest.raises(ValueError, match="version 1.05"):
        _check(old)


def test_an_xml_bomb_is_refused_before_parsing(world):
    entities = '<!ENTITY a0 "lol">' + "".join(
        f'<!ENTITY a{n} "{f"&a{n - 1};" * 10}">' for n in range(1, 10)
    )
    bomb = f'<?xml version="1.0"?><!DOCTYPE iati-activities [{entities}]>' + (
        DONOR_FILE.split("?>", 1)[1].replace("Agency A", "&a9;")
    )
    with pytest.raises(ValueError, match="entities"):
        _check(bomb)


def test_an_external_entity_is_refused(world, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("do not read")
    xxe = (
        f'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file://{secret}">]>'
        + DONOR_FILE.split("?>", 1)[1].replace("Agency A", "&xxe;")
    )
    with pytest.raises(ValueError, match="entities"):
        _check(xxe)


def test_the_parser_itself_expands_no_entity():
    # Even past the declaration check, lxml is told not to resolve entities.
    parsed = etree.fromstring(
        b'<!DOCTYPE x [<!ENTITY e "expanded">]><x>&e;</x>', parser=standard.safe_parser()
    )
    assert "expanded" not in (parsed.text or "")


def test_a_file_that_is_not_xml_is_refused(world):
    with pytest.raises(ValueError, match="well-formed"):
        _check("<iati-activities version='2.03'><iati-activity>")


def test_a_file_too_big_is_refused(world, settings):
    settings.IMPORT_MAX_BYTES = 1000
    with pytest.raises(ValueError, match="larger than"):
        _check(DONOR_FILE)


def test_a_changed_budget_status_or_transaction_description_is_a_change(world):
    options = {"organization": world.org_a.pk, "swg": world.swg_x.pk}
    exchange.projects_write(_check(DONOR_FILE, **options), by=None)
    changed = DONOR_FILE.replace('<budget type="1" status="2">', '<budget type="1" status="1">')
    changed = changed.replace("Grant agreement signed", "Grant agreement amended")
    result = _check(changed, **options)
    assert result.preview["changed"][0]["changes"] == ["budgets", "transactions"]
    exchange.projects_write(result, by=None)
    project = Project.objects.get()
    assert project.budgets.get().status == 1
    assert project.transactions.filter(description="Grant agreement amended").exists()
