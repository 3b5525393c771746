"""LOG_FORMAT=json: one JSON object per line, without query strings or full client addresses."""

import json
import logging

from django.test import RequestFactory

from ops.jsonlog import JsonFormatter, shorten_address


def record(name="search", msg="Suche fehlgeschlagen: %s", args=("Zeitüberschreitung",), **extra):
    entry = logging.LogRecord(name, logging.ERROR, __file__, 1, msg, args, None)
    entry.__dict__.update(extra)
    return entry


def test_application_log_line_is_json_with_german_text_intact():
    line = JsonFormatter().format(record())
    entry = json.loads(line)
    assert entry["level"] == "ERROR"
    assert entry["logger"] == "search"
    assert entry["message"] == "Suche fehlgeschlagen: Zeitüberschreitung"
    assert entry["time"].endswith("+00:00")
    assert "\n" not in line


def test_request_errors_name_method_path_and_status_but_not_the_query():
    request = RequestFactory().get("/suche/", {"lat": "51.62", "lon": "13.71"})
    entry = json.loads(
        JsonFormatter().format(
            record(
                name="django.request",
                msg="Internal Server Error: %s",
                args=("/suche/",),
                request=request,
                status_code=500,
            )
        )
    )
    assert entry["method"] == "GET" and entry["path"] == "/suche/" and entry["status"] == 500
    assert "51.62" not in json.dumps(entry)


def test_exceptions_are_kept_in_one_line():
    try:
        raise ValueError("kaputt")
    except ValueError:
        import sys

        entry = logging.LogRecord("x", logging.ERROR, __file__, 1, "Fehler", (), sys.exc_info())
    line = JsonFormatter().format(entry)
    assert "\n" not in line
    assert "ValueError: kaputt" in json.loads(line)["exception"]


def test_gunicorn_access_record_becomes_structured_with_a_shortened_client_address():
    atoms = {
        "h": "203.0.113.77",
        "m": "GET",
        "U": "/suche/",
        "q": "lat=51.6",
        "s": "200",
        "B": "512",
        "M": "12",
        "a": 'Mozilla/5.0 "quoted"',
        "f": "-",
    }
    entry = json.loads(JsonFormatter().format(record(name="gunicorn.access", msg="%(h)s", args=(atoms,))))
    assert entry["message"] == "request"
    assert entry["path"] == "/suche/" and entry["status"] == "200" and entry["duration_ms"] == "12"
    assert entry["client"] == "203.0.113.0/24"
    assert entry["user_agent"] == 'Mozilla/5.0 "quoted"'
    assert "referer" not in entry and "lat=" not in json.dumps(entry)


def test_addresses_are_shortened_to_their_network():
    assert shorten_address("2001:db8:abcd:12::1") == "2001:db8:abcd::/48"
    assert shorten_address("kein-ip") == "-"
