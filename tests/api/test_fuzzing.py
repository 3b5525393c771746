"""Property-based fuzzing of the public API against a running site: schemathesis derives requests from the
served OpenAPI description (generated from the code, /api/v2/openapi.json), valid and invalid, for every
described operation (the portal's endpoints and Wagtail's v2 pages listing and detail), with every check
(``--checks all``: no server error; status, content type, headers and body as described; invalid requests
refused, valid ones accepted; 405 with ``Allow`` for other methods …). tests/api/schemathesis.toml names the
few 400s that depend on several parameters or on the database.

The forms get arbitrary JSON as well as valid bodies; their rate limit is raised for the run, so that the
valid ones get through and are stored (429 is documented, and tested in tests/residents). The seed is fixed
so that a failure can be replayed (``FUZZ_SEED`` picks another one); ``FUZZ_EXAMPLES`` raises the number of
generated cases per operation for a longer run (README: the run against a server on its own database).
"""

import datetime
import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.request import urlopen

import pytest
from django.core import mail
from django.utils import timezone

from anmeldung.models import Registration
from bedarf.models import Wish
from newsletter.models import Subscriber
from tests.factories import make_event
from tests.sitedata import build_resident_site

pytestmark = [pytest.mark.live, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"
CONFIG = Path(__file__).with_name("schemathesis.toml")

HTTP_METHODS = {"get", "head", "post", "put", "patch", "delete", "options", "trace"}


def described_operations(base_url: str) -> int:
    """The operations of the served description (search, suggest, GeoJSON, click log, three forms, health, pages
    listing and detail): schemathesis must test each of them."""
    with urlopen(f"{base_url}/api/v2/openapi.json") as response:
        paths = json.load(response)["paths"]
    return sum(1 for item in paths.values() for method in item if method in HTTP_METHODS)


# In the suite, the coverage phase sends its invalid cases (every constraint broken, methods not described);
# the valid cases it would enumerate (every enum value of every parameter, ~900 requests) are left to the
# longer run in the README, and the fuzzing phase sends valid and invalid ones. The GeoJSON's parameters are
# the search's, read by the same function: the coverage phase goes through them once, for the search.
SUITE_SETTINGS = """
[phases.coverage.generation]
mode = "negative"

[[operations]]
include-operation-id = "searchGeojson"
phases.coverage.enabled = false
"""


def suite_config() -> Path:
    path = ARTIFACTS / "schemathesis-suite.toml"
    path.write_text(CONFIG.read_text(encoding="utf-8") + SUITE_SETTINGS, encoding="utf-8")
    return path


def schemathesis_command(base_url: str, junit: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "schemathesis.cli",
        "--config-file",
        str(suite_config()),
        "run",
        f"{base_url}/api/v2/openapi.json",
        "--url",
        base_url,
        "--checks",
        "all",
        "--max-examples",
        os.environ.get("FUZZ_EXAMPLES", "5"),
        "--seed",
        os.environ.get("FUZZ_SEED", "20261126"),
        "--phases",
        "examples,coverage,fuzzing",
        "--generation-database",
        "none",
        # one thread: with two, Hypothesis' ast.parse calls (lambda descriptions) race in CPython 3.11 and
        # schemathesis stops with "SystemError: AST constructor recursion depth mismatch" (CPython gh-106905)
        "--workers",
        "1",
        "--request-timeout",
        "20",
        "--no-color",
        "--report",
        "junit",
        "--report-junit-path",
        str(junit),
    ]


def test_public_api_answers_every_generated_request_as_documented(live_server, settings):
    site = build_resident_site()
    course = make_event(
        "Kochkurs mit Anmeldung",
        anbieter=site["awo"],
        registration_mode="portal",
        capacity=200,
        start=timezone.now() + datetime.timedelta(days=6),
    )
    settings.SPAM_RATE_LIMIT = 1_000_000  # the live server runs in this process and reads the settings
    settings.ANMELDUNG_MAX_SEATS_PER_CLIENT = 1_000_000  # one address books all the seats
    ARTIFACTS.mkdir(exist_ok=True)
    junit = ARTIFACTS / "schemathesis-junit.xml"
    # cwd: schemathesis keeps replayable crash files in .schemathesis/ there
    run = subprocess.run(
        schemathesis_command(live_server.url, junit), capture_output=True, text=True, timeout=300, cwd=ARTIFACTS
    )
    (ARTIFACTS / "schemathesis.txt").write_text(run.stdout, encoding="utf-8")
    summary = run.stdout[-6000:]
    assert run.returncode == 0, f"schemathesis found problems:\n{summary}\n{run.stderr[-2000:]}"
    operations = described_operations(live_server.url)
    assert operations >= 10, operations
    assert f"Tested: {operations}" in run.stdout and f"{operations} passed" in run.stdout, summary  # every operation
    # the forms' happy paths were reached, not only their refusals (the example registers for this course)
    assert Registration.objects.filter(slot__page=course).exists()
    assert Subscriber.objects.exists() and Wish.objects.exists()
    assert any("/newsletter/bestaetigen/" in message.body for message in mail.outbox)
