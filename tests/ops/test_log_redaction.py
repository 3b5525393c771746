"""Access logs carry no tokens (issue 14, finding 10): a logged cancellation or invitation link is no key.

The tokens (base64 of a registration id and an e-mail address, valid up to a year) appeared in gunicorn's
access log and in the JSON request log. Both now show "[entfernt]" in their place.
"""

import datetime
import json
import logging
from types import SimpleNamespace

from django.test import RequestFactory
from gunicorn.config import Config

from anmeldung import services
from anmeldung.models import Slot
from ops.jsonlog import REDACTED, JsonFormatter, RedactingGunicornLogger, redact_path
from tests.factories import make_event


def gunicorn_atoms(path: str, referer: str = "-") -> dict:
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": path,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "PATH_INFO": path.split("?")[0],
        "QUERY_STRING": "",
        "REMOTE_ADDR": "203.0.113.5",
        "HTTP_REFERER": referer,
    }
    response = SimpleNamespace(status="200 OK", headers=[], sent=100)
    return RedactingGunicornLogger(Config()).atoms(response, [], environ, datetime.timedelta(milliseconds=5))


def test_cancellation_token_is_gone_from_gunicorns_access_log_plain_and_json(portal):
    registration = services.register(
        Slot.objects.get(page=make_event("Kurs", registration_mode="portal", capacity=3)),
        name="Anna Muster",
        email="anna@example.org",
    )
    path = services.cancel_url(registration).split("testserver", 1)[1]
    token = path.rstrip("/").rsplit("/", 1)[1]
    atoms = gunicorn_atoms(path, referer=f"https://3l-elbe-elster.de{path}")
    plain = Config().access_log_format % atoms
    record = logging.LogRecord("gunicorn.access", logging.INFO, __file__, 1, "%(h)s", (atoms,), None)
    line = JsonFormatter().format(record)
    for logged in (plain, line, atoms["r"], atoms["f"]):
        assert token not in logged and REDACTED in logged
    assert json.loads(line)["path"] == f"/anmeldung/abmelden/{REDACTED}/"


def test_every_token_url_of_the_portal_is_redacted_and_other_paths_stay(portal):
    for path in (
        "/anmeldung/abmelden/MTIz:abc/",
        "/anmeldung/daten-loeschen/eyJhIjoxfQ:1x:sig/",
        "/newsletter/bestaetigen/MQ:1tX:sig/",
        "/newsletter/abmelden/3f2a9c/",
        "/bewertung/MTIzNA:sig/",
        "/zugang/passwort/MTI/c3d-4f1e2a/",
        "/admin/password_reset/confirm/MTI/c3d-4f1e2a/",
    ):
        assert redact_path(path).count(REDACTED) >= 1, path
        assert "sig" not in redact_path(path) and "4f1e2a" not in redact_path(path), path
    for path in ("/veranstaltungen/", "/suche/", "/anbieter/vhs/", "/gibt/es/nicht/"):
        assert redact_path(path) == path


def test_json_request_log_redacts_the_path_of_a_failed_request():
    request = RequestFactory().get("/anmeldung/abmelden/MTIz:geheim/")
    record = logging.LogRecord(
        "django.request", logging.ERROR, __file__, 1, "Internal Server Error: %s", (request.path,), None
    )
    record.request, record.status_code = request, 500
    entry = json.loads(JsonFormatter().format(record))
    assert entry["path"] == f"/anmeldung/abmelden/{REDACTED}/" and "geheim" not in json.dumps(entry)
