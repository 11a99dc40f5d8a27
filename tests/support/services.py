"""The services CI provides (PostgreSQL, Redis, Chromium, SMTP, a Celery worker):
a test that needs one skips on a developer machine without it and fails in CI,
where ``REQUIRE_SERVICES=1`` says every service must be there."""

import os

import pytest

REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES", "").lower() in {"1", "true", "yes"}


def need(condition: bool, what: str):
    """Skip locally when a service is absent; fail in CI."""
    if condition:
        return
    if REQUIRE_SERVICES:
        pytest.fail(f"{what} is required in CI but is not available")
    pytest.skip(f"{what} is not available")
