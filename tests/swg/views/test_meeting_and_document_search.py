"""The meeting and document searches behind the searchable selects of the
correspondence and document forms (swg/views/search.py): bounded, scoped like
every read (swg/permissions.py), and the forms still validate the choice."""

import datetime as dt
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from coordination.search_select import SEARCH_LIMIT
from swg.models import Correspondence
from tests.factories import MeetingFactory, make_document


def _ids(response):
    return [r["id"] for r in response.json()["results"]]


def test_it_finds_meetings_by_title_group_or_date(client, world):
    march = timezone.make_aware(dt.datetime(2024, 3, 12, 10))
    budget = MeetingFactory(swg=world.swg_x, title_en="Budget review", starts_at=march)
    other = MeetingFactory(swg=world.swg_y, title_en="Teachers' pay")
    client.force_login(world.secretariat_x)
    assert _ids(client.get("/search/meetings/?q=budget")) == [str(budget.pk)]
    assert _ids(client.get("/search/meetings/?q=2024-03")) == [str(budget.pk)]
    assert str(other.pk) in _ids(client.get("/search/meetings/?q=education"))
    found = client.get("/search/meetings/?q=budget").json()["results"][0]
    assert found["text"] == "Health — Budget review (2024-03-12)"


def test_a_partner_finds_only_the_meetings_of_their_groups(client, world):
    health = MeetingFactory(swg=world.swg_x, title_en="Health coordination")
    client.force_login(world.partner_b)  # a member of Education only
    assert str(health.pk) not in _ids(client.get("/search/meetings/?q=coordination"))
    assert str(health.pk) not in _ids(client.get(f"/search/meetings/?swg={world.swg_x.pk}"))
    client.force_login(world.partner_a)
    assert str(health.pk) in _ids(client.get("/search/meetings/?q=coordination"))


def test_it_narrows_meetings_to_one_group(client, world):
    health = MeetingFactory(swg=world.swg_x)
    education = MeetingFactory(swg=world.swg_y)
    client.force_login(world.coordination)
    ids = _ids(client.get(f"/search/meetings/?swg={world.swg_y.pk}"))
    assert str(education.pk) in ids and str(health.pk) not in ids


def test_it_answers_at_most_the_limit_newest_first_in_fixed_queries(client, world):
    now = timezone.now()
    for days in range(SEARCH_LIMIT + 10):
        MeetingFactory(swg=world.swg_x, starts_at=now - dt.timedelta(days=days))
    client.force_login(world.secretariat_x)
    with CaptureQueriesContext(connection) as queries:
        results = client.get("/search/meetings/").json()["results"]
    assert len(results) == SEARCH_LIMIT
    assert len(queries) <= 6
    dates = [re.search(r"\((.*)\)$", r["text"]).group(1) for r in results]
    assert dates == sorted(dates, reverse=True)


def test_a_partner_finds_only_the_documents_they_may_read(client, world):
    secret = make_document(world, title="Secret budget note", visibility="secretariat")
    shared = make_document(world, title="Shared budget note", visibility="members")
    client.force_login(world.partner_a)
    ids = _ids(client.get("/search/documents/?q=budget"))
    assert str(shared.pk) in ids and str(secret.pk) not in ids
    client.force_login(world.partner_b)
    assert _ids(client.get("/search/documents/?q=budget")) == []


def test_the_searches_need_a_login(client, world):
    for url in ("/search/meetings/", "/search/documents/"):
        assert client.get(url).status_code == 302


def _correspondence(world, **fields):
    return {
        "reference": "NV-1",
        "date": timezone.localdate().isoformat(),
        "direction": "in",
        "kind": "letter",
        "channel": "direct",
        "from_organization": world.org_a.pk,
        "to_organization": world.ministry.pk,
        "subject_en": "Letter",
        "follow_up_status": "none",
        **fields,
    }


def test_the_correspondence_form_searches_meetings_and_documents(client, world):
    MeetingFactory.create_batch(30, swg=world.swg_x)
    chosen = MeetingFactory(swg=world.swg_y, title_en="Chosen meeting")
    document = make_document(world)
    client.force_login(world.coordination)
    response = client.post(
        "/correspondence/new/",
        _correspondence(world, meetings=[chosen.pk], documents=[document.pk]),
    )
    assert response.status_code == 302
    entry = Correspondence.objects.get()
    assert list(entry.meetings.all()) == [chosen]
    html = client.get(reverse("swg:correspondence_edit", args=[entry.pk])).text
    select = re.search(r'<select name="meetings".*?</select>', html, re.S).group(0)
    assert 'data-search-url="/search/meetings/"' in select and "multiple" in select
    assert re.findall(r"<option[^>]*>([^<]*)", select) == [
        f"Education — Chosen meeting ({timezone.localtime(chosen.starts_at).date()})"
    ]
    assert f'value="{chosen.pk}" selected' in select
    documents = re.search(r'<select name="documents".*?</select>', html, re.S).group(0)
    assert 'data-search-url="/search/documents/"' in documents
    assert f'value="{document.pk}" selected' in documents


def test_the_correspondence_form_rejects_an_unknown_meeting(client, world):
    client.force_login(world.coordination)
    response = client.post("/correspondence/new/", _correspondence(world, meetings=[999999]))
    assert "meetings" in response.context["form"].errors
    assert not Correspondence.objects.exists()


def test_a_document_cannot_be_filed_with_another_groups_meeting(client, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from swg.models import Document
    from tests.support.documents import pdf_bytes

    education = MeetingFactory(swg=world.swg_y)
    client.force_login(world.secretariat_x)  # files for Health only
    response = client.post(
        reverse("swg:document_upload"),
        {
            "swg": world.swg_x.pk,
            "title": "Minutes annex",
            "category": "report",
            "document_date": "2026-03-01",
            "language": "en",
            "visibility": "members",
            "meeting": education.pk,
            "file": SimpleUploadedFile("annex.pdf", pdf_bytes("Annex")),
        },
    )
    assert "meeting" in response.context["form"].errors
    assert not Document.objects.exists()


def test_the_document_forms_search_the_groups_meetings(client, world):
    MeetingFactory.create_batch(30, swg=world.swg_x)
    client.force_login(world.secretariat_x)
    html = client.get(reverse("swg:document_upload")).text
    select = re.search(r'<select name="meeting".*?</select>', html, re.S).group(0)
    assert 'data-search-url="/search/meetings/"' in select
    assert 'data-search-depends="swg"' in select
    assert len(re.findall(r"<option", select)) == 1
    document = make_document(world)
    html = client.get(reverse("swg:document_edit", args=[document.pk])).text
    select = re.search(r'<select name="meeting".*?</select>', html, re.S).group(0)
    assert f'data-search-url="/search/meetings/?swg={world.swg_x.pk}"' in select
    assert len(re.findall(r"<option", select)) == 11  # the empty choice and the latest ten
