"""Property-based fuzzing of the public API against a running site: schemathesis derives requests from
the served OpenAPI description (cms/openapi.yaml), valid and invalid, and checks every answer.

No answer may be a server error, and every answer must be documented: status code, content type and
body schema. The forms (registration, newsletter, "was fehlt") get arbitrary JSON as well as valid
bodies; their rate limit is raised for the run, so that the valid ones get through and are stored
(429 is documented, and tested in tests/residents). The seed is fixed so that a failure can be replayed (``FUZZ_SEED`` picks another one);
``FUZZ_EXAMPLES`` raises the number of generated cases per operation for a longer run.
"""

import datetime
import os
import subprocess
import sys
from pathlib import Path
from urllib.request import urlopen

import pytest
import yaml
from django.core import mail
from django.utils import timezone

from anmeldung.models import Registration
from bedarf.models import Wish
from newsletter.models import Subscriber
from tests.factories import make_event
from tests.sitedata import build_resident_site

pytestmark = [pytest.mark.live, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"
CHECKS = ",".join([
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_headers_conformance",
    "response_schema_conformance",
])


def description_for_this_site(live_server, page_id: int) -> Path:
    """The served description, with the registration example pointing at this site's registrable page
    (page ids differ from run to run); everything else exactly as served."""
    with urlopen(f"{live_server.url}/api/v2/openapi.yaml") as response:
        spec = yaml.safe_load(response.read())
    spec["paths"]["/api/v2/anmeldungen/"]["post"]["requestBody"]["content"]["application/json"]["example"]["seite"] = page_id
    path = ARTIFACTS / "openapi-fuzz.yaml"
    path.write_text(yaml.safe_dump(spec, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_public_api_answers_every_generated_request_as_documented(live_server, settings):
    site = build_resident_site()
    course = make_event("Kochkurs mit Anmeldung", anbieter=site["awo"], registration_mode="portal", capacity=200,
                        start=timezone.now() + datetime.timedelta(days=6))
    settings.SPAM_RATE_LIMIT = 1_000_000  # the live server runs in this process and reads the settings
    ARTIFACTS.mkdir(exist_ok=True)
    junit = ARTIFACTS / "schemathesis-junit.xml"
    command = [
        sys.executable, "-m", "schemathesis.cli", "run", str(description_for_this_site(live_server, course.pk)),
        "--url", live_server.url,
        "--checks", CHECKS,
        "--max-examples", os.environ.get("FUZZ_EXAMPLES", "12"),
        "--seed", os.environ.get("FUZZ_SEED", "20261126"),
        "--phases", "examples,coverage,fuzzing,stateful",
        "--generation-database", "none",
        "--workers", "2",
        "--request-timeout", "20",
        "--no-color",
        "--report", "junit", "--report-junit-path", str(junit),
    ]
    # cwd: schemathesis keeps replayable crash files in .schemathesis/ there
    run = subprocess.run(command, capture_output=True, text=True, timeout=300, cwd=ARTIFACTS)
    summary = run.stdout[-6000:]
    assert run.returncode == 0, f"schemathesis found problems:\n{summary}\n{run.stderr[-2000:]}"
    assert "Tested: 9" in run.stdout, summary  # every documented operation was exercised
    # the forms' happy paths were reached, not only their refusals
    assert Registration.objects.filter(slot__page=course).exists()
    assert Subscriber.objects.exists() and Wish.objects.exists()
    assert any("/newsletter/bestaetigen/" in message.body for message in mail.outbox)
