"""The demo archive and register (swg/demo/archive.py): loaded once, searchable."""

import pytest
from django.core.management import call_command

from swg.models import Correspondence, Document, DocumentVersion

pytestmark = pytest.mark.django_db


def test_it_loads_the_demo_archive_once():
    call_command("load_demo")
    assert Document.objects.filter(visibility="secretariat").exists()
    assert Correspondence.objects.filter(kind="note_verbale", channel="mfa").count() >= 3
    assert Correspondence.objects.filter(follow_up_status="open").exists()
    assert not DocumentVersion.objects.filter(extraction="pending").exists()
    assert Document.objects.filter(search_text__contains="سلسلة التبريد").exists()
    documents, entries = Document.history.count(), Correspondence.history.count()
    call_command("load_demo")
    assert (Document.history.count(), Correspondence.history.count()) == (documents, entries)
