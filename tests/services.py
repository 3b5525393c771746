"""The Elasticsearch node of the test command (scripts/test.sh), which starts beside the run.

pytest does not wait for the node to start: the tests marked ``elasticsearch`` run last (tests/conftest.py) and the
first of them in each process waits here until the node answers, or fails at once with the start's log when the
start failed.
"""

import json
import os
import time
import urllib.request
from pathlib import Path

import pytest

START_TIMEOUT = 600  # seconds; a first start on a busy machine takes one or two minutes

_ready: set[str] = set()


def node_is_healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_cluster/health?timeout=1s", timeout=5) as response:
            return json.load(response).get("status") in ("green", "yellow")
    except (OSError, ValueError):
        return False


def wait_for_elasticsearch() -> None:
    """Return once the test node answers (at once when it did before in this process or no node is set)."""
    url = os.environ.get("ELASTICSEARCH_TEST_URL", "").split(",")[0]
    if not url or url in _ready:
        return
    status = Path(os.environ.get("ELASTICSEARCH_TEST_START_STATUS", "/nonexistent"))
    log = Path(os.environ.get("ELASTICSEARCH_TEST_START_LOG", "/nonexistent"))
    deadline = time.monotonic() + START_TIMEOUT
    while not node_is_healthy(url):
        exit_status = status.read_text().strip() if status.exists() else ""
        if exit_status not in ("", "0"):
            pytest.fail(f"Elasticsearch did not start (exit {exit_status}):\n{log.read_text() if log.exists() else ''}")
        if time.monotonic() > deadline:
            pytest.fail(f"Elasticsearch at {url} did not answer within {START_TIMEOUT} s.")
        time.sleep(0.5)
    _ready.add(url)
