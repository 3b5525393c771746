#!/usr/bin/env bash
# The whole test suite: checks, then every test on PostgreSQL with the real Elasticsearch node (the production
# combination). The search contract runs against the database engine and against the node; the tests against a
# running site - real browser (Chromium, axe-core), API fuzzing (schemathesis), the production stack under
# gunicorn - run here too. `make test-sqlite` runs the suite on the embedded default (SQLite, no services);
# CI runs it after this.
# Starts the services it needs (idempotently) through scripts/postgres.sh and scripts/elasticsearch.sh;
# TEST_DATABASE_URL uses an existing PostgreSQL instead (the role needs CREATEDB).
# Installs the browser test tools idempotently: Debian's chromium-headless-shell and wrk (apt), axe-core (npm ci).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
BIN=.venv/bin
# every process (checks, test workers, live servers) reuses the bytecode the first one wrote (see Makefile)
unset PYTHONDONTWRITEBYTECODE

SERVICE_NAME=test
source scripts/lib.sh

# The services start in the background while the Python packages and the tools are installed and the checks
# run; their logs are shown once they are up.
echo "== services (starting in the background)"
mkdir -p .services
if [ -z "${TEST_DATABASE_URL:-}" ]; then
    bash scripts/postgres.sh start >.services/postgres.url 2>.services/postgres.start.log &
    postgres_pid=$!
fi
# pytest does not wait for the node: its first start (Maven, the plugin's compilation, the JVM) takes longer than
# the installs and checks, and the tests that need it run last and wait for it (tests/services.py). The start's
# exit status goes to a file, so that they fail at once, with its log, when it fails. The node lives for the run:
# the JIT's first tier only (ES_JIT=quick, scripts/elasticsearch.sh), a third of the CPU of the default compilers.
rm -f .services/elasticsearch.status
( set +e; ES_JIT="${ES_JIT:-quick}" ES_START_TIMEOUT="${ES_START_TIMEOUT:-600}" bash scripts/elasticsearch.sh start \
      >.services/elasticsearch.url 2>.services/elasticsearch.start.log
  echo $? >.services/elasticsearch.status ) &

echo "== Python packages ($(date +%T))"
${MAKE:-make} --no-print-directory install

echo "== browser test tools"
# Chromium's headless shell: the browser engine without the desktop browser, about half the CPU (tests/browser)
if ! dpkg -s chromium-headless-shell >/dev/null 2>&1; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "chromium-headless-shell is missing: run 'sudo apt-get install -y chromium-headless-shell' once" >&2
        exit 1
    fi
    apt_install chromium-headless-shell
fi
echo "Chromium (headless shell): $(dpkg-query -W -f '${Version}' chromium-headless-shell)"
# wrk: the load benchmark's generator; a live test checks that its report is read right
ensure_command wrk wrk
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund --loglevel=error
fi
echo "axe-core: $(node -p 'require("./node_modules/axe-core/package.json").version')"

echo "== checks ($(date +%T))"
# side by side (each is one process on one core); their output in this order, and any failure stops the run
export DJANGO_SETTINGS_MODULE=cms.settings.test
checks_dir="$(mktemp -d)"
check_pids=()
run_check() {  # name, command...
    local name="$1"; shift
    ( set +e; "$@" >"$checks_dir/$name.out" 2>&1; echo $? >"$checks_dir/$name.rc" ) &
    check_pids+=($!)
}
run_check 1-ruff bash -c "$BIN/ruff check . && $BIN/ruff format --check ."
run_check 2-imports $BIN/lint-imports --no-cache
run_check 3-django $BIN/python manage.py check --fail-level WARNING
run_check 4-migrations $BIN/python manage.py makemigrations --check --dry-run
run_check 5-deploy env SECRET_KEY="check-deploy-only-$(date +%s)-a-long-random-looking-value-for-the-check" \
    ALLOWED_HOSTS=3l-elbe-elster.de DJANGO_SETTINGS_MODULE=cms.settings.production \
    $BIN/python manage.py check --deploy --fail-level WARNING
wait "${check_pids[@]}"  # not the services, which start on
failed=0
for out in "$checks_dir"/*.out; do
    name="$(basename "$out" .out)"
    cat "$out"
    rc="$(cat "$checks_dir/$name.rc")"
    [ "$rc" -eq 0 ] || { echo "check ${name#*-} failed (exit $rc)" >&2; failed=1; }
done
rm -rf "$checks_dir"
[ "$failed" -eq 0 ] || exit 1

echo "== services ($(date +%T))"
if [ -n "${TEST_DATABASE_URL:-}" ]; then
    PG_URL="$TEST_DATABASE_URL"
else
    wait "$postgres_pid" || { cat .services/postgres.start.log >&2; echo "PostgreSQL did not start" >&2; exit 1; }
    cat .services/postgres.start.log
    PG_URL="$(cat .services/postgres.url)"
fi
echo "PostgreSQL: ${PG_URL%%:*}://…@${PG_URL##*@}"
ELASTICSEARCH_TEST_URL="$(bash scripts/elasticsearch.sh url)"
ELASTICSEARCH_TEST_START_STATUS="$PWD/.services/elasticsearch.status"
ELASTICSEARCH_TEST_START_LOG="$PWD/.services/elasticsearch.start.log"
export ELASTICSEARCH_TEST_URL ELASTICSEARCH_TEST_START_STATUS ELASTICSEARCH_TEST_START_LOG
if [ -s .services/elasticsearch.status ]; then cat .services/elasticsearch.start.log; fi
echo "Elasticsearch: $ELASTICSEARCH_TEST_URL ($([ -s .services/elasticsearch.status ] && echo "up" || echo "starting"))"

echo "== pytest on PostgreSQL, with Elasticsearch, the browser and the live-server tests: the whole suite ($(date +%T))"
# three workers on two cores: much of a test's time here is spent waiting for PostgreSQL, the node or Chromium
DATABASE_URL="$PG_URL" exec $BIN/pytest -n "${PYTEST_WORKERS:-3}" "$@"
