#!/usr/bin/env bash
# Load benchmark (not part of the test suite): the site under gunicorn with the production settings and the
# large demo content, driven by wrk (Debian's package, installed here if missing). A database and an index
# prefix of their own; the demo content is loaded once and reused (load_demo_content is idempotent).
#
#   make loadbench [LOADBENCH_SCALE=4000] [LOADBENCH_RELOAD=1] [LOADBENCH_ARGS="--seconds 15"]
#
# LOADBENCH_RELOAD=1 drops the benchmark's database first (fresh content with today's dates; not with
# LOADBENCH_DATABASE_URL).
# LOADBENCH_DATABASE_URL uses an existing PostgreSQL database instead of the one scripts/postgres.sh starts.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
BIN=.venv/bin
SCALE="${LOADBENCH_SCALE:-4000}"
STATE=.services/loadbench

SERVICE_NAME=loadbench
source scripts/lib.sh
ensure_command wrk wrk

if [ -n "${LOADBENCH_DATABASE_URL:-}" ]; then
    export DATABASE_URL="$LOADBENCH_DATABASE_URL"
else
    PG_URL="$(bash scripts/postgres.sh start)"
    export DATABASE_URL="${PG_URL%/*}/cms_loadbench" PGPASSWORD=cms
    PSQL=(-h 127.0.0.1 -p "${PG_PORT:-54329}" -U cms)
    if [ "${LOADBENCH_RELOAD:-0}" = 1 ]; then
        dropdb "${PSQL[@]}" --if-exists cms_loadbench
    fi
    psql "${PSQL[@]}" -d cms -tAc "SELECT 1 FROM pg_database WHERE datname='cms_loadbench'" | grep -q 1 ||
        createdb "${PSQL[@]}" cms_loadbench
fi
export ELASTICSEARCH_URL="$(bash scripts/elasticsearch.sh start)" ELASTICSEARCH_INDEX_PREFIX=load_

# The production stack as deployed (README "Production set-up"); gunicorn runs on loopback only.
export DJANGO_SETTINGS_MODULE=cms.settings.production ALLOWED_HOSTS=127.0.0.1 LOG_LEVEL=WARNING
export SECRET_KEY="loadbench-only-$(hostname)-a-long-random-looking-value-for-the-benchmark-run"
# the full-page cache is skipped for requests with this header: only here, so that the uncached figures measure
# rendering (bench/benchmark_load.py); never set it in production
export CACHE_PAGE_BYPASS_HEADER=X-Loadbench-Render
export STATIC_ROOT="$PWD/$STATE/static" CACHE_LOCATION="$PWD/$STATE/cache" MEDIA_ROOT="$PWD/$STATE/media"
# a cold, empty cache per run: the content version in a kept cache could outlive a reloaded database
rm -rf "$STATE/cache"
mkdir -p "$STATE"

echo "== database, demo content (scale $SCALE, kept between runs), static files"
$BIN/python manage.py migrate --noinput -v0
$BIN/python manage.py collectstatic --noinput -v0
$BIN/python -m bench benchmark_load --scale "$SCALE" ${LOADBENCH_ARGS:-}
