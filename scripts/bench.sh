#!/usr/bin/env bash
# Search benchmark at scale (not part of the test suite): a database and an index of its own,
# PostgreSQL's database engine against Elasticsearch in one run. Usage: make bench [DOCS=100000]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PG_URL="$(bash scripts/postgres.sh start)"
ES_URL="$(bash scripts/elasticsearch.sh start)"
export DATABASE_URL="${PG_URL%/*}/cms_bench" ELASTICSEARCH_URL="$ES_URL" ELASTICSEARCH_INDEX_PREFIX=bench_
export DJANGO_SETTINGS_MODULE=cms.settings.dev DEBUG=0 ALLOWED_HOSTS=testserver,localhost LOG_LEVEL=ERROR
PGPASSWORD=cms psql -h 127.0.0.1 -p "${PG_PORT:-54329}" -U cms -d cms -tAc \
    "SELECT 1 FROM pg_database WHERE datname='cms_bench'" | grep -q 1 || \
    PGPASSWORD=cms createdb -h 127.0.0.1 -p "${PG_PORT:-54329}" -U cms cms_bench
.venv/bin/python manage.py migrate --noinput -v0
.venv/bin/python -m bench benchmark_search --documents "${DOCS:-100000}" --requests "${REQUESTS:-200}" ${BENCH_ARGS:-}
