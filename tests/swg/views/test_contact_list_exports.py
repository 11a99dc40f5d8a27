"""Contact lists as CSV, XLSX and vCard (DESIGN §3), within the user's reach."""

import csv
import io

import vobject
from openpyxl import load_workbook

from swg.models import Membership
from swg.services.memberships import membership_add
from tests.factories import ContactFactory


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def _csv_rows(response):
    return list(csv.DictReader(io.StringIO(_body(response).decode("utf-8-sig"))))


def test_it_exports_the_swg_list_as_csv_with_tasks(client, world):
    client.force_login(world.secretariat_x)
    response = client.get("/swg/health/contacts.csv")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="health-contacts-')
    rows = {row["email"]: row for row in _csv_rows(response)}
    assert set(rows) == {"amina@who.example", "khaled@moh.example"}
    amina = rows["amina@who.example"]
    assert amina["name_ar"] == "أمينة حداد"
    assert amina["task_en"] == "Technical advice on primary health care"
    assert (amina["swg"], amina["role"]) == ("Health", "Technical lead agency")


def test_it_exports_the_swg_list_as_xlsx(client, world):
    client.force_login(world.chair)
    response = client.get("/swg/health/contacts.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(_body(response))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:6] == ("name_en", "name_ar", "title_en", "title_ar", "organization", "email")
    assert rows[0][-2:] == ("task_en", "task_ar")
    assert {"أمينة حداد", "خالد بن عمر"} <= {row[1] for row in rows[1:]}


def test_it_exports_the_swg_list_as_vcards(client, world):
    client.force_login(world.partner_a)
    response = client.get("/swg/health/contacts.vcf")
    assert response["Content-Type"].startswith("text/vcard")
    cards = list(vobject.readComponents(_body(response).decode("utf-8")))
    by_email = {card.email.value: card for card in cards}
    assert set(by_email) == {"amina@who.example", "khaled@moh.example"}
    amina = by_email["amina@who.example"]
    assert amina.fn.value == "Amina Haddad"
    assert amina.nickname.value == "أمينة حداد"
    assert amina.note.value == "Technical advice on primary health care"


def test_it_writes_an_arabic_only_name_into_the_vcard(client, world):
    salem = ContactFactory(
        organization=world.ministry, name_en="", name_ar="سالم المبروك", email="salem@moh.example"
    )
    membership_add(swg=world.swg_x, role=Membership.Role.MEMBER, contact=salem)
    client.force_login(world.secretariat_x)
    response = client.get("/swg/health/contacts.vcf")
    cards = {c.email.value: c for c in vobject.readComponents(_body(response).decode())}
    assert cards["salem@moh.example"].fn.value == "سالم المبروك"


def test_it_hides_health_from_a_non_member(client, world):
    client.force_login(world.partner_b)
    for fmt in ("csv", "xlsx", "vcf"):
        assert client.get(f"/swg/health/contacts.{fmt}").status_code == 404


def test_it_answers_404_for_an_unknown_format(client, world):
    client.force_login(world.secretariat_x)
    assert client.get("/swg/health/contacts.pdf").status_code == 404
    assert client.get("/contacts/export.pdf").status_code == 404


def test_it_limits_the_all_contacts_export_to_a_partners_reach(client, world):
    # Scope: their organization's people and the people of their SWGs (Education).
    client.force_login(world.partner_b)
    emails = {row["email"] for row in _csv_rows(client.get("/contacts/export.csv"))}
    assert emails == {"marco@eud.example"}


def test_it_includes_the_people_of_a_partners_groups(client, world):
    client.force_login(world.partner_a)
    emails = {row["email"] for row in _csv_rows(client.get("/contacts/export.csv"))}
    assert emails == {"amina@who.example", "khaled@moh.example"}


def test_it_exports_every_contact_for_the_coordination_team(client, world):
    client.force_login(world.coordination)
    response = client.get("/contacts/export.xlsx")
    rows = list(load_workbook(io.BytesIO(_body(response))).active.iter_rows(values_only=True))
    assert "task_en" not in rows[0]
    assert {row[5] for row in rows[1:]} == {
        "amina@who.example",
        "marco@eud.example",
        "khaled@moh.example",
    }


def test_it_applies_the_list_filter_to_the_export(client, world):
    client.force_login(world.coordination)
    rows = _csv_rows(client.get("/contacts/export.csv?q=Rossi"))
    assert [row["name_ar"] for row in rows] == ["ماركو روسي"]
