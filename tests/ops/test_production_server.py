"""The production stack as it is deployed: gunicorn with gunicorn.conf.py, the production settings,
WhiteNoise serving collected, hashed and compressed static files, JSON logs, the deploy checks."""

import gzip
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.live


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str, headers: dict | None = None):
    """(status, headers, body) without following redirects."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(urllib.request.Request(url, headers=headers or {}), timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


@pytest.fixture(scope="module")
def production_env(tmp_path_factory):
    base = tmp_path_factory.mktemp("production")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": "production-smoke-test-" + "k" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{base / 'db.sqlite3'}",
        "STATIC_ROOT": str(base / "static"),
        "CACHE_LOCATION": str(base / "cache"),
        "LOG_FORMAT": "json",
        "WEB_CONCURRENCY": "1",
    }
    for name in ("ELASTICSEARCH_URL", "CACHE_BACKEND", "DJANGO_ALLOW_ASYNC_UNSAFE"):
        env.pop(name, None)
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=REPO, env=env, check=True, timeout=180
    )
    return env, base


@pytest.fixture(scope="module")
def gunicorn(production_env):
    env, base = production_env
    port = free_port()
    env = {**env, "GUNICORN_BIND": f"127.0.0.1:{port}"}
    stdout, stderr = open(base / "access.log", "w"), open(base / "error.log", "w")
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py"], cwd=REPO, env=env, stdout=stdout, stderr=stderr
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90  # loading Django and Wagtail takes long on a busy machine
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if process.poll() is not None:
                    pytest.fail(f"gunicorn exited: {(base / 'error.log').read_text()[-2000:]}")
                time.sleep(0.1)
        yield url, base
    finally:
        process.terminate()
        process.wait(timeout=20)
        stdout.close()
        stderr.close()


def test_deploy_checks_pass_on_the_production_settings(production_env):
    env, _ = production_env
    check = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=REPO,
        env={**env, "ALLOWED_HOSTS": "3l-elbe-elster.de"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert check.returncode == 0, check.stdout + check.stderr


def test_health_over_gunicorn_with_security_headers(gunicorn):
    url, _ = gunicorn
    status, headers, body = fetch(f"{url}/health/", {"X-Forwarded-Proto": "https"})
    assert status == 200
    assert json.loads(body)["checks"]["database"]["status"] == "ok"
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert "upgrade-insecure-requests" in headers["Content-Security-Policy"]


def test_plain_http_is_redirected_to_https_except_the_health_probe(gunicorn):
    url, _ = gunicorn
    status, headers, _ = fetch(f"{url}/suche/")
    assert (
        status == 301
        and headers["Location"].startswith("https://127.0.0.1")
        and headers["Location"].endswith("/suche/")
    )
    assert fetch(f"{url}/health/")[0] == 200


def test_static_files_are_hashed_compressed_and_cached_for_a_year(gunicorn):
    url, base = gunicorn
    manifest = json.loads((base / "static" / "staticfiles.json").read_text())["paths"]
    hashed = manifest["css/portal.css"]
    assert hashed != "css/portal.css"
    assert (base / "static" / f"{hashed}.gz").exists()
    status, headers, body = fetch(f"{url}/static/{hashed}", {"Accept-Encoding": "gzip", "X-Forwarded-Proto": "https"})
    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    assert "max-age=315360000" in headers["Cache-Control"] and "immutable" in headers["Cache-Control"]
    assert b".site-header" in gzip.decompress(body)
    assert manifest["search/js/search.js"] != "search/js/search.js"


def test_logs_are_json_lines_without_query_strings(gunicorn):
    url, base = gunicorn
    fetch(f"{url}/health/?lat=51.62&lon=13.71", {"X-Forwarded-Proto": "https"})
    time.sleep(0.3)
    lines = [json.loads(line) for line in (base / "access.log").read_text().splitlines() if line.strip()]
    health = [entry for entry in lines if entry.get("path") == "/health/"]
    assert health and health[-1]["status"] == "200" and health[-1]["client"] == "127.0.0.0/24"
    assert "51.62" not in (base / "access.log").read_text()
    errors = [json.loads(line) for line in (base / "error.log").read_text().splitlines() if line.strip()]
    assert any("Booting worker" in entry["message"] or "Listening at" in entry["message"] for entry in errors)
