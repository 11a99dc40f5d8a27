"""The chair's annual membership reassessment (assessment Annex 1.1: "reassess
membership on an annual basis ... against frequent absences, scarce
contributions ... and lack of cooperation in providing requested significant
data")."""

import datetime as dt

import pytest
from django.utils import timezone

from swg.models import Membership, MembershipReview
from swg.services.attendance import attendance_record
from swg.services.meetings import meeting_mark_held
from swg.services.reviews import membership_reviews_record
from tests.factories import ContactFactory, OrganizationFactory, held_meeting, make_meeting
from tests.support.clients import as_chair

URL = "/swg/health/reassessment/"


def _who(world):
    return Membership.objects.get(swg=world.swg_x, organization=world.org_a)


@pytest.fixture(autouse=True)
def _members_for_two_years(world):
    Membership.objects.filter(swg=world.swg_x).update(
        start_date=timezone.localdate() - dt.timedelta(days=730)
    )


def _two_meetings_who_at_one(world):
    held_meeting(world, days_ago=100)  # WHO present
    meeting = make_meeting(world, days_ago=40, invite=(world.contact_a, world.contact_gov))
    attendance_record(
        meeting=meeting, entries=[(world.contact_a, "absent"), (world.contact_gov, "present")]
    )
    meeting_mark_held(meeting=meeting)
    held_meeting(world, days_ago=400)  # more than a year ago: not counted


def test_it_shows_each_members_attendance_rate(client, world):
    _two_meetings_who_at_one(world)
    as_chair(client, world)
    response = client.get(URL)
    assert response.status_code == 200
    row = response.text.split(f'data-membership="{_who(world).pk}"')[1].split("</tr>")[0]
    assert 'data-figure="attendance-rate">50%' in row
    assert "1 of 2 meetings" in row


def test_it_leaves_out_the_chair(client, world):
    as_chair(client, world)
    response = client.get(URL)
    chair = Membership.objects.get(swg=world.swg_x, role=Membership.Role.CHAIR)
    assert f'data-membership="{chair.pk}"' not in response.text


def test_it_shows_a_dash_while_nothing_counts_quarterly_updates(client, world, monkeypatch):
    monkeypatch.setattr("swg.selectors.reviews._updates_missing", None)
    as_chair(client, world)
    row = client.get(URL).text.split(f'data-membership="{_who(world).pk}"')[1].split("</tr>")[0]
    assert "<td>—</td>" in row


def test_it_ends_a_membership_on_the_chairs_decision(client, world):
    _two_meetings_who_at_one(world)
    membership = _who(world)
    as_chair(client, world)
    response = client.post(
        f"{URL}record/",
        {f"m{membership.pk}-decision": "end", f"m{membership.pk}-note": "Rarely attends"},
        follow=True,
    )
    assert "1 decision recorded." in response.text
    membership.refresh_from_db()
    assert membership.end_date == timezone.localdate()
    assert "Rarely attends" in membership.end_reason
    review = MembershipReview.objects.get(membership=membership)
    assert (review.decision, review.meetings_held, review.meetings_attended) == ("end", 2, 1)
    assert review.updates_missing == 0 and review.decided_by == world.chair
    # The ended member stays in the group's history and in the decisions recorded.
    assert Membership.objects.filter(pk=membership.pk).exists()
    assert "Rarely attends" in response.text


def test_it_refuses_to_end_without_a_reason(client, world):
    membership = _who(world)
    as_chair(client, world)
    response = client.post(f"{URL}record/", {f"m{membership.pk}-decision": "end"})
    assert response.status_code == 400
    assert "Give the reason" in response.text
    membership.refresh_from_db()
    assert membership.end_date is None
    assert not MembershipReview.objects.exists()


def test_it_keeps_the_history_of_decisions(client, world):
    membership = _who(world)
    membership_reviews_record(
        swg=world.swg_x, decisions=[(membership, "warn", "Send the data")], by=world.chair
    )
    membership_reviews_record(swg=world.swg_x, decisions=[(membership, "keep", "")], by=world.chair)
    assert MembershipReview.objects.filter(membership=membership).count() == 2
    as_chair(client, world)
    response = client.get(URL)
    assert "Send the data" in response.text


def test_it_lets_the_secretariat_look_but_not_decide(client, world):
    membership = _who(world)
    client.force_login(world.secretariat_x)
    response = client.get(URL)
    assert response.status_code == 200
    assert "Record the decisions" not in response.text
    response = client.post(f"{URL}record/", {f"m{membership.pk}-decision": "keep"})
    assert response.status_code == 403


def test_it_refuses_partners_and_other_secretariats(client, world):
    for user, status in (
        (world.partner_a, 403),
        (world.partner_b, 404),
        (world.secretariat_y, 403),
    ):
        client.force_login(user)
        assert client.get(URL).status_code == status


def test_it_shows_the_page_in_a_fixed_number_of_queries(
    client, world, django_assert_max_num_queries
):
    _two_meetings_who_at_one(world)
    for _n in range(8):
        org = OrganizationFactory()
        Membership.objects.create(
            swg=world.swg_x, organization=org, contact=ContactFactory(organization=org)
        )
        membership_reviews_record(
            swg=world.swg_x, decisions=[(_who(world), "keep", "")], by=world.chair
        )
    as_chair(client, world)
    # Ten, and three for the quarterly updates missing (projects_db's count).
    with django_assert_max_num_queries(12):
        assert client.get(URL).status_code == 200


# ------------------------------------------------------------ one form for every member


def _second_member(world) -> Membership:
    """Another member of the Health group, for two years."""
    return Membership.objects.create(
        swg=world.swg_x,
        organization=world.org_b,
        start_date=timezone.localdate() - dt.timedelta(days=730),
    )


def test_it_records_the_decisions_of_several_members_in_one_form(client, world):
    other = _second_member(world)
    who = _who(world)
    as_chair(client, world)
    response = client.post(
        f"{URL}record/",
        {
            f"m{who.pk}-decision": "warn",
            f"m{who.pk}-note": "Two meetings missed",
            f"m{other.pk}-decision": "end",
            f"m{other.pk}-note": "Has not attended for a year",
        },
        follow=True,
    )
    assert "2 decisions recorded." in response.text
    assert dict(MembershipReview.objects.values_list("membership", "decision")) == {
        who.pk: "warn",
        other.pk: "end",
    }
    other.refresh_from_db()
    assert other.end_date == timezone.localdate()
    assert MembershipReview.history.count() == 2


def test_it_records_nothing_when_one_row_is_wrong(client, world):
    other = _second_member(world)
    who = _who(world)
    as_chair(client, world)
    response = client.post(
        f"{URL}record/", {f"m{who.pk}-decision": "keep", f"m{other.pk}-decision": "end"}
    )
    assert response.status_code == 400
    assert "Give the reason for ending the membership." in response.text
    assert f'name="m{who.pk}-decision" value="keep" checked' in response.text
    assert not MembershipReview.objects.exists()


def test_it_highlights_low_attendance(client, world):
    # WHO came to one of the two meetings (50 %); an organization that came to none is low.
    _two_meetings_who_at_one(world)
    absent = OrganizationFactory(acronym="ABS")
    Membership.objects.create(
        swg=world.swg_x,
        organization=absent,
        start_date=timezone.localdate() - dt.timedelta(days=730),
    )
    as_chair(client, world)
    html = client.get(URL).text
    low = Membership.objects.get(swg=world.swg_x, organization=absent)
    assert f'data-membership="{low.pk}" class="table-warning low-attendance"' in html
    assert f'data-membership="{_who(world).pk}">' in html


def test_it_shows_hundreds_of_members_in_the_same_number_of_queries(
    client, world, django_assert_num_queries
):
    def count_queries():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL).status_code == 200
        return len(queries)

    _two_meetings_who_at_one(world)
    as_chair(client, world)
    few = count_queries()
    orgs = OrganizationFactory.create_batch(300)
    Membership.objects.bulk_create(Membership(swg=world.swg_x, organization=o) for o in orgs)
    assert count_queries() == few
    response = client.get(URL)
    assert response.text.count('name="m') >= 2 * 300
