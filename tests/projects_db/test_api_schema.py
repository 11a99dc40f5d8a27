"""Schema-driven tests: schemathesis generates requests from the OpenAPI
document and sends them to the WSGI app in-process; none may be a server error."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings

from projects_db.services.tokens import api_token_regenerate
from tests.factories import build_world, make_project

schema = schemathesis.openapi.from_dict(SchemaGenerator().get_schema(request=None, public=True))
APP = get_wsgi_application()


@pytest.fixture
def token(db):
    # As Django's test client does: the in-process WSGI app must not close the
    # test's database connection at the end of each request.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    world = build_world()
    make_project(owner=world.org_a, swg=world.swg_x, publish=True)
    make_project(owner=world.org_b, swg=world.swg_y)
    yield api_token_regenerate(user=world.partner_a).key
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_it_answers_without_server_errors(case, token):
    from schemathesis.checks import not_a_server_error

    case.call_and_validate(
        app=APP, headers={"Authorization": f"Token {token}"}, checks=[not_a_server_error]
    )
