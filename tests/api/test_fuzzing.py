"""Property-based fuzzing of the public API against a running site: schemathesis derives requests from
the served OpenAPI description (cms/openapi.yaml), valid and invalid, and checks every answer.

No answer may be a server error, and every answer must be documented: status code, content type and
body schema. The seed is fixed so that a failure can be replayed (``FUZZ_SEED`` picks another one);
``FUZZ_EXAMPLES`` raises the number of generated cases per operation for a longer run.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

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


def test_public_api_answers_every_generated_request_as_documented(live_server):
    build_resident_site()
    ARTIFACTS.mkdir(exist_ok=True)
    junit = ARTIFACTS / "schemathesis-junit.xml"
    command = [
        sys.executable, "-m", "schemathesis.cli", "run", f"{live_server.url}/api/v2/openapi.yaml",
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
    assert "Tested: 5" in run.stdout, summary  # every documented operation was exercised
