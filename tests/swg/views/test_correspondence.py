"""The register's pages (swg/views/correspondence.py): ministry staff and the
coordination team only; filters, overdue follow-ups, the XLSX export."""

import datetime as dt
import io

from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from swg.models import Correspondence
from swg.services.correspondence import correspondence_record


def entry(world, reference, **overrides):
    return correspondence_record(
        **{
            "reference": reference,
            "date": timezone.localdate(),
            "direction": Correspondence.Direction.INCOMING,
            "from_organization": world.org_a,
            "to_organization": world.ministry,
            "subject_en": f"Letter {reference}",
            "channel": Correspondence.Channel.MFA,
            "kind": Correspondence.Kind.NOTE_VERBALE,
            **overrides,
        }
    )


def test_partners_do_not_see_the_register(client, world):
    item = entry(world, "IN-1")
    for user in (world.partner_a, world.partner_b):
        client.force_login(user)
        assert client.get(reverse("swg:correspondence_list")).status_code == 403
        assert client.get(item.get_absolute_url()).status_code == 404


def test_the_list_highlights_an_overdue_follow_up(client, world):
    entry(
        world,
        "IN-1",
        follow_up_status=Correspondence.FollowUp.OPEN,
        follow_up_due=timezone.localdate() - dt.timedelta(days=3),
    )
    entry(world, "IN-2")
    client.force_login(world.secretariat_y)
    response = client.get(reverse("swg:correspondence_list"))
    assert response.content.count(b'class="table-danger"') == 1
    overdue = client.get(reverse("swg:correspondence_list"), {"overdue": "true"})
    assert [e.reference for e in overdue.context["page"]] == ["IN-1"]


def test_the_form_suggests_a_reference(client, world):
    entry(world, f"IN-{timezone.localdate().year}-004")
    client.force_login(world.coordination)
    response = client.get(reverse("swg:correspondence_create"))
    year = timezone.localdate().year
    assert response.context["form"].initial["reference"] == f"OUT-{year}-005"


def test_a_duplicate_reference_is_rejected_at_the_field(client, world):
    entry(world, "NV-12")
    client.force_login(world.secretariat_x)
    response = client.post(
        reverse("swg:correspondence_create"),
        {
            "reference": "NV-12",
            "date": timezone.localdate().isoformat(),
            "direction": "out",
            "kind": "letter",
            "channel": "direct",
            "from_organization": world.ministry.pk,
            "to_organization": world.org_b.pk,
            "subject_en": "Reply",
            "follow_up_status": "none",
        },
    )
    assert response.status_code == 400
    assert "reference" in response.context["form"].errors
    assert Correspondence.objects.count() == 1


def test_the_export_is_a_workbook_of_the_filtered_list(client, world):
    entry(world, "IN-1", subject_ar="مذكرة شفوية")
    entry(world, "OUT-2", direction=Correspondence.Direction.OUTGOING)
    client.force_login(world.chair)
    response = client.get(reverse("swg:correspondence_export"), {"direction": "in"})
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.values)
    # The chair reads the portal in Arabic: so do the column headings.
    assert world.chair.language == "ar"
    assert rows[0][0] == "الرقم المرجعي"
    assert [row[0] for row in rows[1:]] == ["IN-1"]
    assert rows[1][8] == "مذكرة شفوية"
