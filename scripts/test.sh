#!/usr/bin/env bash
# The whole test suite: checks, then pytest on SQLite and on a real PostgreSQL.
# The search contract runs against the database engine in both runs and against the real
# Elasticsearch node once, in the PostgreSQL run (the production-like combination). The tests against a
# running site - real browser (Chromium, axe-core), API fuzzing (schemathesis), the production stack
# under gunicorn - run once too, in the PostgreSQL run.
# Starts the services it needs (idempotently) through scripts/postgres.sh and scripts/elasticsearch.sh;
# TEST_DATABASE_URL uses an existing PostgreSQL instead (the role needs CREATEDB).
# Installs the browser test tools idempotently: Debian's chromium (apt) and axe-core (npm ci), and wrk (apt).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
BIN=.venv/bin

echo "== services"
PG_URL="${TEST_DATABASE_URL:-$(bash scripts/postgres.sh start)}"
echo "PostgreSQL: ${PG_URL%%:*}://…@${PG_URL##*@}"
ELASTICSEARCH_TEST_URL="$(bash scripts/elasticsearch.sh start)"
export ELASTICSEARCH_TEST_URL
echo "Elasticsearch: $ELASTICSEARCH_TEST_URL"

echo "== browser test tools"
if ! dpkg -s chromium >/dev/null 2>&1; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "chromium is missing: run 'sudo apt-get install -y chromium' once" >&2
        exit 1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
fi
echo "Chromium: $(dpkg-query -W -f '${Version}' chromium)"
# wrk: the load benchmark's generator; a live test checks that its report is read right
SERVICE_NAME=test
source scripts/lib.sh
ensure_command wrk wrk
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund --loglevel=error
fi
echo "axe-core: $(node -p 'require("./node_modules/axe-core/package.json").version')"

echo "== checks"
$BIN/ruff check .
$BIN/lint-imports --no-cache
export DJANGO_SETTINGS_MODULE=cms.settings.test
$BIN/python manage.py check --fail-level WARNING
$BIN/python manage.py makemigrations --check --dry-run
SECRET_KEY="check-deploy-only-$(date +%s)-a-long-random-looking-value-for-the-check" \
ALLOWED_HOSTS=3l-elbe-elster.de DJANGO_SETTINGS_MODULE=cms.settings.production \
    $BIN/python manage.py check --deploy --fail-level WARNING

status=0
echo "== pytest on SQLite"
# the parallel overbooking test needs PostgreSQL's row locks: it runs in the PostgreSQL run only
$BIN/pytest -n "${PYTEST_WORKERS:-2}" -m "not elasticsearch and not browser and not live and not postgres" "$@" || status=$?
echo "== pytest on PostgreSQL, with Elasticsearch, the browser and the live-server tests"
DATABASE_URL="$PG_URL" $BIN/pytest -n "${PYTEST_WORKERS:-2}" "$@" || status=$?
exit $status
