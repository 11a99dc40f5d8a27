"""A contact's page: who changed the contact, and what (django-simple-history)."""

from django.forms.models import model_to_dict
from django.utils import timezone, translation
from django.utils.formats import date_format


def _contact_form(contact, **changes):
    data = model_to_dict(contact, exclude=["id"])
    data["is_active"] = "on" if data["is_active"] else ""
    return {**data, **changes}


def test_it_records_the_user_who_edited_a_contact(client, world):
    client.force_login(world.secretariat_x)
    response = client.post(
        f"/contacts/{world.contact_a.pk}/edit/",
        _contact_form(world.contact_a, title_en="Health adviser"),
    )
    assert response.status_code == 302
    latest = world.contact_a.history.latest()
    assert (latest.history_user, latest.history_type, latest.title_en) == (
        world.secretariat_x,
        "~",
        "Health adviser",
    )


def test_it_shows_who_changed_which_contact_field(client, world):
    client.force_login(world.secretariat_x)
    client.post(
        f"/contacts/{world.contact_a.pk}/edit/",
        _contact_form(world.contact_a, title_en="Health adviser"),
    )
    client.force_login(world.coordination)
    html = client.get(f"/contacts/{world.contact_a.pk}/").content.decode()
    assert "Change history" in html
    assert world.secretariat_x.full_name in html
    assert "<strong>job title (English)</strong>: <bdi>—</bdi> → <bdi>Health adviser</bdi>" in html


def test_it_records_a_partner_editing_their_own_people(client, world):
    client.force_login(world.partner_a)
    client.post(
        f"/contacts/{world.contact_a.pk}/edit/",
        _contact_form(world.contact_a, mobile="+218 91 000 0000"),
    )
    assert world.contact_a.history.latest().history_user == world.partner_a
    client.force_login(world.secretariat_x)
    html = client.get(f"/contacts/{world.contact_a.pk}/").content.decode()
    assert world.partner_a.full_name in html
    assert "<strong>mobile</strong>: <bdi>—</bdi> → <bdi>+218 91 000 0000</bdi>" in html


def test_it_hides_the_history_from_partners(client, world):
    client.force_login(world.partner_a)
    html = client.get(f"/contacts/{world.contact_a.pk}/").content.decode()
    assert "Change history" not in html


def test_the_history_shows_times_and_values_in_the_arabic_format(client, world):
    client.force_login(world.secretariat_x)
    client.post(
        f"/contacts/{world.contact_a.pk}/edit/",
        _contact_form(world.contact_a, title_en="Health adviser"),
    )
    world.secretariat_x.language = "ar"
    world.secretariat_x.save()
    html = client.get(f"/contacts/{world.contact_a.pk}/").content.decode()
    when = timezone.localtime(world.contact_a.history.latest().history_date)
    with translation.override("ar"):
        arabic_when = date_format(when, "DATETIME_FORMAT")
    assert f"<td><bdi>{arabic_when}</bdi></td>" in html
    assert "→ <bdi>Health adviser</bdi>" in html


def test_it_saves_a_name_without_direction_controls(client, world):
    # "\u202e" + "dahhaH animA" would read as "Amina Haddah" in a list or an email.
    client.force_login(world.secretariat_x)
    client.post(
        f"/contacts/{world.contact_a.pk}/edit/",
        _contact_form(world.contact_a, name_en="Amina\u202e Haddad\u202c"),
    )
    world.contact_a.refresh_from_db()
    assert world.contact_a.name_en == "Amina Haddad"
