"""The "Sent messages" page fits a 1,366 px laptop screen without sideways
scrolling, long addresses and subjects included (swg/views/outbox.py)."""

import pytest

from coordination.models import OutboxMessage
from tests.factories import PASSWORD, UserFactory
from tests.support.browser import BROWSER_DB, login

pytestmark = [pytest.mark.browser, *BROWSER_DB]

WIDTH = """() => {
  const wrap = document.querySelector('[data-testid=outbox]').parentElement;
  return [document.documentElement.scrollWidth, window.innerWidth,
          wrap.scrollWidth, wrap.clientWidth];
}"""


@pytest.mark.parametrize("language", ["en", "ar"])
def test_it_fits_a_laptop_screen(page, live_server, language):
    user = UserFactory(email="coord@example.org", kind="coordination", language=language)
    for n, status in enumerate(["sent", "failed", "queued"]):
        OutboxMessage.objects.create(
            purpose="meeting.cancellation",
            object_key=f"meeting:{n}",
            recipient_email=f"abdulrahman.almahdi.benkhalifa{n}@ministry-of-health.gov.ly",
            recipient_name="Dr Abdulrahman Mohammed Al-Mahdi Ben Khalifa",
            subject="Cancelled: Institutional Building and Human Resource Development SWG"
            " — quarterly review of the national capacity-building programme",
            body_text="…",
            status=status,
            attempts=5 if status == "failed" else 1,
            last_error="The connection to the mail server was lost while it was receiving"
            " the message."
            if status == "failed"
            else "",
        )
    page.set_viewport_size({"width": 1366, "height": 768})
    login(page, live_server, user.email, PASSWORD)
    page.goto(f"{live_server.url}/outbox/")
    document_width, screen, table_width, table_box = page.evaluate(WIDTH)
    assert document_width <= screen
    assert table_width <= table_box
