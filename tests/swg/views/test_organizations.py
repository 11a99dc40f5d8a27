"""An organization's page: who changed the organization, and what (django-simple-history)."""

from django.forms.models import model_to_dict


def _organization_form(org, **changes):
    data = model_to_dict(org, exclude=["id"])
    data["parent"] = data["parent"] or ""
    data["is_active"] = "on" if data["is_active"] else ""
    return {**data, **changes}


def test_it_records_the_user_who_edited_an_organization(client, world):
    client.force_login(world.partner_a)
    response = client.post(
        f"/organizations/{world.org_a.pk}/edit/",
        _organization_form(world.org_a, website="https://www.who.int/libya"),
    )
    assert response.status_code == 302
    assert world.org_a.history.latest().history_user == world.partner_a


def test_it_shows_who_changed_which_organization_field(client, world):
    client.force_login(world.secretariat_y)
    client.post(
        f"/organizations/{world.org_a.pk}/edit/",
        _organization_form(world.org_a, acronym="WHO-LY"),
    )
    client.force_login(world.coordination)
    html = client.get(f"/organizations/{world.org_a.pk}/").content.decode()
    assert world.secretariat_y.full_name in html
    assert "<strong>acronym</strong>: <bdi>WHO</bdi> → <bdi>WHO-LY</bdi>" in html
