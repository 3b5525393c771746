"""docs/deployment.md, Dockerfile and compose.yaml stay in step with the code they describe.

Docker cannot run on these machines, so the container files are checked statically: they parse, name only
environment variables the code reads, and install what production needs without the test tools.
"""

import functools
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
NOT_PROJECT_CODE = {".venv", "tests", "node_modules", ".services", "frontend", "scripts"}
# os.environ.get("X"), os.environ["X"], os.environ.setdefault("X", env_bool("X"), env_list("X"), "X" in os.environ
ENV_READ = re.compile(
    r'(?:os\.environ(?:\.get|\.setdefault)?\s*[\[(]\s*|\benv_(?:bool|list)\(\s*)"([A-Z][A-Z0-9_]*)"'
    r'|"([A-Z][A-Z0-9_]*)"\s+(?:not\s+)?in\s+os\.environ'
)
TEST_TOOLS = ("pytest", "pytest-django", "schemathesis", "playwright", "moto")


def project_files():
    """The project's Python files: the folders that hold none are not walked (.venv alone has tens of thousands)."""
    for folder, subfolders, files in os.walk(REPO):
        subfolders[:] = [name for name in subfolders if name not in NOT_PROJECT_CODE]
        for name in files:
            if name.endswith(".py"):
                yield Path(folder, name)


@functools.cache  # four tests compare with it; the files do not change during a run
def variables_read_by_the_code() -> frozenset[str]:
    names = set()
    for path in project_files():
        for match in ENV_READ.finditer(path.read_text()):
            names.add(match.group(1) or match.group(2))
    return frozenset(names)


def documented_variables() -> set[str]:
    text = (REPO / "docs" / "deployment.md").read_text()
    table = text.split("\n## Environment variables\n", 1)[1].split("\n## ", 1)[0]
    names = set()
    for row in table.splitlines():
        if row.startswith("| `"):
            first_cell = row.split("|")[1]
            names.update(re.findall(r"`([A-Z][A-Z0-9_]*)`", first_cell))
    return names


def runtime_requirements() -> list[str]:
    """requirements.txt above the "# tests" line: what the Dockerfile and docs install in production."""
    lines = (REPO / "requirements.txt").read_text().split("\n# tests", 1)[0].splitlines()
    return [line.split("#")[0].strip() for line in lines if line.split("#")[0].strip()]


def test_the_scanner_finds_the_known_variables():
    # guards the regular expression: if it stopped matching, the next tests would pass on nothing
    assert {
        "SECRET_KEY",
        "DATABASE_URL",
        "MEDIA_STORAGE",
        "GUNICORN_BIND",
        "ADMIN_PASSWORD",
        "DJANGO_SETTINGS_MODULE",
        "CACHE_BACKEND",
        "SPAM_TRUST_X_REAL_IP",
    } <= variables_read_by_the_code()


def test_every_environment_variable_is_documented():
    assert variables_read_by_the_code() - documented_variables() == set()


def test_the_documentation_lists_no_variable_the_code_does_not_read():
    assert documented_variables() - variables_read_by_the_code() == set()


def compose() -> dict:
    return yaml.safe_load((REPO / "compose.yaml").read_text())


def test_compose_describes_web_postgres_and_a_secured_elasticsearch():
    services = compose()["services"]
    assert services["postgres"]["image"] == "postgres:15"
    elastic = services["elasticsearch"]
    assert elastic["image"].endswith("elasticsearch:8.14.3")
    assert elastic["environment"]["xpack.security.enabled"] == "true"
    assert services["minio"]["profiles"] == ["minio"]  # optional
    web = services["web"]
    assert web["environment"]["DJANGO_SETTINGS_MODULE"] == "cms.settings.production"
    assert web["ports"] == ["127.0.0.1:8000:8000"]
    assert {name: dep["condition"] for name, dep in web["depends_on"].items()} == {
        "postgres": "service_healthy",
        "elasticsearch": "service_healthy",
    }
    # the site logs into Elasticsearch with the password the node was started with
    assert web["environment"]["ELASTICSEARCH_PASSWORD"].startswith("${ELASTIC_PASSWORD")
    assert elastic["environment"]["ELASTIC_PASSWORD"].startswith("${ELASTIC_PASSWORD")


def test_compose_sets_only_variables_the_site_reads():
    assert set(compose()["services"]["web"]["environment"]) - variables_read_by_the_code() == set()


def test_compose_example_environment_covers_every_required_value():
    text = (REPO / "compose.yaml").read_text()
    required = set(re.findall(r"\$\{([A-Z_]+):\?", text))
    example = {
        line.split("=")[0]
        for line in (REPO / "compose.env.example").read_text().splitlines()
        if "=" in line and not line.startswith("#")
    }
    assert required and required <= example


def test_dockerfile_installs_the_runtime_requirements_without_test_tools():
    dockerfile = (REPO / "Dockerfile").read_text()
    assert dockerfile.startswith("#") and "\nFROM python:3.11-slim\n" in dockerfile
    assert "sed '/^# tests/,$d' requirements.txt" in dockerfile
    packages = {re.split(r"[\[<>=]", line)[0].lower() for line in runtime_requirements()}
    assert {"django", "wagtail", "gunicorn", "whitenoise", "psycopg", "django-storages", "elasticsearch"} <= packages
    assert packages.isdisjoint(TEST_TOOLS)
    user = re.findall(r"^USER (\S+)$", dockerfile, re.MULTILINE)
    assert user and user[-1] not in ("root", "0")
    assert dockerfile.rstrip().splitlines()[-1] == 'CMD ["gunicorn", "-c", "gunicorn.conf.py"]'


@pytest.mark.live
def test_the_image_build_step_collects_static_files_without_any_service(tmp_path):
    """The Dockerfile's collectstatic line with only the image's environment: no database, no search."""
    dockerfile = (REPO / "Dockerfile").read_text()
    env_block = re.search(r"^ENV (.+?)\n\n", dockerfile, re.MULTILINE | re.DOTALL).group(1)
    image_env = dict(re.findall(r"([A-Z_]+)=(\S+)", env_block))
    command = re.search(r"^RUN (SECRET_KEY=\S+) (python manage\.py collectstatic[^\\\n]*)", dockerfile, re.MULTILINE)
    secret = command.group(1).split("=", 1)
    env = {"PATH": os.environ["PATH"], **image_env, secret[0]: secret[1], "STATIC_ROOT": str(tmp_path / "static")}
    args = command.group(2).split()
    result = subprocess.run([sys.executable, *args[1:]], cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    manifest = tmp_path / "static" / "staticfiles.json"
    assert manifest.exists()  # hashed names for WhiteNoise (CompressedManifestStaticFilesStorage)
    assert list((tmp_path / "static").rglob("*.css.gz"))
