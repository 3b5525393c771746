#!/usr/bin/env bash
# The whole test suite: checks, then pytest on SQLite and on a real PostgreSQL.
# The search contract runs against the database engine in both runs and against the real
# Elasticsearch node once, in the PostgreSQL run (the production-like combination).
# Starts the services it needs (idempotently) through scripts/postgres.sh and scripts/elasticsearch.sh.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
BIN=.venv/bin

echo "== services"
PG_URL="$(bash scripts/postgres.sh start)"
echo "PostgreSQL: $PG_URL"
ELASTICSEARCH_TEST_URL="$(bash scripts/elasticsearch.sh start)"
export ELASTICSEARCH_TEST_URL
echo "Elasticsearch: $ELASTICSEARCH_TEST_URL"

echo "== checks"
export DJANGO_SETTINGS_MODULE=cms.settings.test
$BIN/python manage.py check --fail-level WARNING
$BIN/python manage.py makemigrations --check --dry-run
SECRET_KEY="check-deploy-only-$(date +%s)-a-long-random-looking-value-for-the-check" \
ALLOWED_HOSTS=3l-elbe-elster.de DJANGO_SETTINGS_MODULE=cms.settings.production \
    $BIN/python manage.py check --deploy --fail-level WARNING

status=0
echo "== pytest on SQLite"
# the parallel overbooking test needs PostgreSQL's row locks: it runs in the PostgreSQL run only
$BIN/pytest -m "not elasticsearch and not postgres" "$@" || status=$?
echo "== pytest on PostgreSQL, with Elasticsearch"
DATABASE_URL="$PG_URL" $BIN/pytest "$@" || status=$?
exit $status
