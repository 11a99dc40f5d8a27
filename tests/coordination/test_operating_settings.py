"""What README "Operating in production" promises the settings support:
persistent database connections and one JSON object per log line."""

import json
import logging

from coordination.logs import JsonFormatter
from tests.support.settings_process import settings_under


def test_it_keeps_database_connections_for_the_seconds_set():
    values = settings_under({"CONN_MAX_AGE": "60"}, "DATABASES")
    assert values["DATABASES"]["default"]["CONN_MAX_AGE"] == 60
    assert values["DATABASES"]["default"]["CONN_HEALTH_CHECKS"] is True


def test_it_closes_database_connections_after_each_request_by_default():
    values = settings_under({}, "DATABASES")
    assert values["DATABASES"]["default"]["CONN_MAX_AGE"] == 0


def test_it_writes_json_log_lines_when_asked():
    values = settings_under({"LOG_FORMAT": "json"}, "LOGGING")
    assert values["LOGGING"]["handlers"]["console"]["formatter"] == "json"
    record = logging.LogRecord("swg", logging.WARNING, __file__, 1, "Sent %s", ("نعم",), None)
    line = json.loads(JsonFormatter().format(record))
    assert line["level"] == "WARNING" and line["logger"] == "swg"
    assert line["message"] == "Sent نعم" and line["time"].endswith("+00:00")
