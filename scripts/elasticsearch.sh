#!/usr/bin/env bash
# Local single-node Elasticsearch 8 for development and tests, on 127.0.0.1 only.
#
#   scripts/elasticsearch.sh start    fetch (Maven), start, wait until green/yellow, print URL
#   scripts/elasticsearch.sh stop     stop the node started by this script
#   scripts/elasticsearch.sh status   print state; exit 0 if healthy, 3 if not running, 1 otherwise
#   scripts/elasticsearch.sh url      print the URL (http://127.0.0.1:$ES_PORT)
#
# Environment:
#   ES_PORT            HTTP port (default 9201)
#   ES_BASE_PATH       runtime dir holding the unpacked distribution, data/ and logs/
#                      (default .services/elasticsearch, or /tmp/3l-elasticsearch-$ES_PORT when
#                      the unprivileged service user cannot reach the repo, e.g. a clone under /root)
#   ES_HEAP_MIN/ES_HEAP_MAX  JVM heap (default 512m / 1g)
#   ES_RUN_USER        user that runs the node when this script runs as root (default elasticsearch;
#                      created on the fly - Elasticsearch refuses to run as root)
#   ES_START_TIMEOUT   seconds to wait for the cluster to become green/yellow (default 180)
#   ES_JIT             full (default): the JVM's JIT compilers, for benchmarks and long runs; quick: only the
#                      first tier (-XX:TieredStopAtLevel=1), for a short-lived node (make test: a third of the
#                      CPU). A running node started with the other one is restarted.
#
# What runs: Elastic's official Elasticsearch 8 "integ-test-zip" distribution from Maven Central
# (see services/elasticsearch/pom.xml) plus the small dev-extras plugin compiled from
# services/elasticsearch/dev-extras/ (GET / and the analysis-common tokenizers/filters).
# Security is disabled: plain http, no auth. State (pid, es.log) lives in .services/elasticsearch/.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ES_PORT="${ES_PORT:-9201}"
ES_HOST=127.0.0.1
URL="http://${ES_HOST}:${ES_PORT}"
STATE_DIR="$REPO_ROOT/.services/elasticsearch"
PID_FILE="$STATE_DIR/pid"
LOG_FILE="$STATE_DIR/es.log"
POM="$REPO_ROOT/services/elasticsearch/pom.xml"
PLUGIN_SRC_DIR="$REPO_ROOT/services/elasticsearch/dev-extras"
ES_HEAP_MIN="${ES_HEAP_MIN:-512m}"
ES_HEAP_MAX="${ES_HEAP_MAX:-1g}"
ES_START_TIMEOUT="${ES_START_TIMEOUT:-180}"
ES_JIT="${ES_JIT:-full}"
JIT_FILE="$STATE_DIR/jit"

SERVICE_NAME=elasticsearch
SERVICE_USER="${ES_RUN_USER:-elasticsearch}"
# shellcheck source=scripts/lib.sh
source "$REPO_ROOT/scripts/lib.sh"
case "$ES_JIT" in
    quick | full) ;;
    *) die "ES_JIT must be quick or full, not '$ES_JIT'" ;;
esac

health_json() {
    curl -fsS --max-time 5 "$URL/_cluster/health?timeout=1s" 2>/dev/null || true
}

is_healthy() {
    health_json | grep -Eq '"status":"(green|yellow)"'
}

# the JIT setting of the node this script started (a node started before it was recorded ran the default)
running_jit() {
    cat "$JIT_FILE" 2>/dev/null || echo full
}

read_pid() {
    [ -s "$PID_FILE" ] && tr -dc '0-9' <"$PID_FILE" || true
}

# ---------------------------------------------------------------- prerequisites

java_major() {
    "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -n1
}

# Elasticsearch 8.14 runs on Java 17..23 (it still needs the SecurityManager, gone in 24).
# We also need javac (to build the dev-extras plugin), so look for a full JDK.
find_java_home() {
    local cand major
    local -a cands=()
    [ -n "${ES_JAVA_HOME:-}" ] && cands+=("$ES_JAVA_HOME")
    [ -n "${JAVA_HOME:-}" ] && cands+=("$JAVA_HOME")
    if command -v javac >/dev/null 2>&1; then
        cands+=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")")
    fi
    for cand in /usr/lib/jvm/*; do cands+=("$cand"); done
    for cand in "${cands[@]}"; do
        [ -x "$cand/bin/java" ] && [ -x "$cand/bin/javac" ] && [ -x "$cand/bin/jar" ] || continue
        major="$(java_major "$cand")"
        case "$major" in
            17|18|19|20|21|22|23) echo "$cand"; return 0 ;;
        esac
    done
    return 1
}

ensure_tools() {
    command -v curl >/dev/null 2>&1 || apt_install curl ca-certificates
    if ! JAVA_HOME_ES="$(find_java_home)"; then
        apt_install openjdk-17-jdk-headless
        JAVA_HOME_ES="$(find_java_home)" || die "no JDK 17..23 found (need java, javac, jar)"
    fi
    command -v mvn >/dev/null 2>&1 || apt_install maven
    ensure_service_user
}

es_version() {
    sed -n 's:.*<elasticsearch.version>\(.*\)</elasticsearch.version>.*:\1:p' "$POM" | head -n1
}

# Download (Maven, cached in ~/.m2) and unpack the distribution into $BASE/dist/.
ensure_distribution() {
    local version
    version="$(es_version)"
    [ -n "$version" ] || die "cannot read elasticsearch.version from $POM"
    ES_HOME="$BASE/dist/elasticsearch-$version"
    if [ -x "$ES_HOME/bin/elasticsearch" ] && [ -f "$ES_HOME/lib/elasticsearch-$version.jar" ]; then
        return
    fi
    log "resolving Elasticsearch $version with Maven (first start only)"
    local tmp="$BASE/dist/.unpack.$$"
    rm -rf "$tmp"
    mkdir -p "$tmp"
    if ! JAVA_HOME="$JAVA_HOME_ES" mvn -B -q -f "$POM" dependency:unpack-dependencies \
        -DoutputDirectory="$tmp" -Dmdep.overWriteIfNewer=true >"$STATE_DIR/maven.log" 2>&1; then
        cat "$STATE_DIR/maven.log" >&2
        rm -rf "$tmp"
        die "Maven could not fetch the Elasticsearch distribution (see above)"
    fi
    [ -x "$tmp/elasticsearch-$version/bin/elasticsearch" ] || die "unexpected archive layout in $tmp"
    rm -rf "$ES_HOME"
    mv "$tmp/elasticsearch-$version" "$ES_HOME"
    rm -rf "$tmp" "$STATE_DIR/maven-target"
}

# Compile services/elasticsearch/dev-extras against this exact distribution.
ensure_plugin() {
    local plugin_dir="$ES_HOME/plugins/dev-extras"
    local version sum
    version="$(basename "$ES_HOME")"
    version="${version#elasticsearch-}"
    sum="$(cat "$PLUGIN_SRC_DIR"/*.java | sha256sum | cut -c1-64)-$version"
    if [ -f "$plugin_dir/dev-extras.jar" ] && [ "$(cat "$plugin_dir/.source-sha" 2>/dev/null)" = "$sum" ]; then
        return
    fi
    log "compiling dev-extras plugin against Elasticsearch $version"
    local build="$BASE/plugin-build"
    rm -rf "$build" "$plugin_dir"
    mkdir -p "$build/classes" "$plugin_dir"
    "$JAVA_HOME_ES/bin/javac" -nowarn --release 17 -encoding UTF-8 -cp "$ES_HOME/lib/*" \
        -d "$build/classes" "$PLUGIN_SRC_DIR"/*.java
    "$JAVA_HOME_ES/bin/jar" --create --file "$plugin_dir/dev-extras.jar" -C "$build/classes" .
    cat >"$plugin_dir/plugin-descriptor.properties" <<EOF
description=Local dev/test extras: GET / and analysis-common tokenizers/filters (services/elasticsearch/dev-extras)
version=1.0.0
name=dev-extras
classname=localdev.elasticsearch.DevExtrasPlugin
java.version=17
elasticsearch.version=$version
EOF
    echo "$sum" >"$plugin_dir/.source-sha"
    rm -rf "$build"
}

write_config() {
    mkdir -p "$BASE/data" "$BASE/logs" "$BASE/tmp" "$BASE/run"
    cat >"$ES_HOME/config/elasticsearch.yml" <<EOF
# Written by scripts/elasticsearch.sh on every start - edits are overwritten.
cluster.name: local-dev
node.name: node-1
path.data: $BASE/data
path.logs: $BASE/logs
network.host: $ES_HOST
http.port: $ES_PORT
# a fixed transport port of its own, so that it never takes another node's HTTP port
transport.port: $((ES_PORT + 100))
discovery.type: single-node
xpack.security.enabled: false
action.destructive_requires_name: false
cluster.routing.allocation.disk.threshold_enabled: false
EOF
    mkdir -p "$ES_HOME/config/jvm.options.d"
    cat >"$ES_HOME/config/jvm.options.d/local-dev.options" <<EOF
# Written by scripts/elasticsearch.sh
-Xms$ES_HEAP_MIN
-Xmx$ES_HEAP_MAX
# no GC log files (the default keeps up to 2 GB of them); JVM warnings still go to es.log
-Xlog:disable
-Xlog:all=warning:stderr:utctime,level,tags
EOF
    if [ "$ES_JIT" = quick ]; then
        cat >>"$ES_HOME/config/jvm.options.d/local-dev.options" <<EOF
# ES_JIT=quick: only the JIT's first tier. On the suite's Elasticsearch tests the node spent 39 and 46 s of CPU
# instead of 118 and 95 s with the default compilers (mostly compiling), and started in 9 s of CPU instead of 20.
-XX:TieredStopAtLevel=1
EOF
    fi
    if is_root; then
        chown -R "$SERVICE_USER:" "$BASE/data" "$BASE/logs" "$BASE/tmp" "$BASE/run" "$ES_HOME"
    fi
}

# ---------------------------------------------------------------- commands

wait_healthy() {
    local status=0
    wait_until "$ES_START_TIMEOUT" "$1" is_healthy || status=$?
    case "$status" in
        0) return 0 ;;
        2) log "Elasticsearch exited during start-up; last lines of $LOG_FILE:" ;;
        *) log "timed out after ${ES_START_TIMEOUT}s waiting for $URL/_cluster/health; last lines of $LOG_FILE:" ;;
    esac
    tail -n 40 "$LOG_FILE" >&2 || true
    return 1
}

# A node on our port whose data directory is gone was left running by a checkout that has since been deleted
# (its services not stopped first): it answers health checks, but its indices are in deleted files and it fails
# once it writes. Stops it and returns 0; returns 1 for any other node, which is used as it is.
stop_orphaned_node() {
    local info data pid
    info="$(curl -fsS --max-time 5 "$URL/_nodes/_local?filter_path=nodes.*.settings.path.data,nodes.*.process.id" \
        2>/dev/null || true)"
    data="$(printf '%s' "$info" | sed -n 's/.*"data":\[\{0,1\}"\([^"]*\)".*/\1/p')"
    pid="$(printf '%s' "$info" | sed -n 's/.*"process":{"id":\([0-9]*\)}.*/\1/p')"
    if [ -z "$data" ] || [ -z "$pid" ] || [ -d "$data" ] || ! pid_alive "$pid"; then
        return 1
    fi
    log "the Elasticsearch on $URL (pid $pid) belongs to a deleted checkout: its data directory $data is gone; stopping it"
    stop_process "$pid"
    return 0
}

# stop_process PID: SIGTERM, then SIGKILL if the node has not shut down within a minute.
stop_process() {
    local pid="$1" i
    kill -TERM "$pid" 2>/dev/null || true
    for i in $(seq 1 600); do
        pid_alive "$pid" || return 0
        sleep 0.1
    done
    log "pid $pid still running after 60s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    sleep 1
}

cmd_start() {
    lock_state_dir "$STATE_DIR" 600

    local pid
    pid="$(read_pid)"
    if pid_alive "$pid"; then
        if ! is_healthy && ! wait_healthy "$pid"; then
            die "process $pid is running but $URL is not healthy"
        fi
        if [ "$(running_jit)" = "$ES_JIT" ]; then
            log "already running (pid $pid)"
            echo "$URL"
            return 0
        fi
        log "running with ES_JIT=$(running_jit); restarting it with ES_JIT=$ES_JIT"
        cmd_stop
    fi
    rm -f "$PID_FILE"
    if is_healthy; then
        if ! curl -fsSI --max-time 5 "$URL/" 2>/dev/null | grep -qi '^x-elastic-product: *Elasticsearch'; then
            die "port $ES_PORT is taken by something that is not Elasticsearch"
        fi
        if ! stop_orphaned_node; then
            log "an Elasticsearch not started by this script already answers on $URL; using it"
            echo "$URL"
            return 0
        fi
    fi
    if curl -s --max-time 3 -o /dev/null "$URL/" 2>/dev/null; then
        die "port $ES_PORT is already in use (set ES_PORT to another port)"
    fi

    local t0=$SECONDS
    ensure_tools
    choose_base_dir "${ES_BASE_PATH:-}" "$STATE_DIR" "/tmp/3l-elasticsearch-${ES_PORT}"
    ensure_distribution
    ensure_plugin
    write_config

    log "starting Elasticsearch on $URL (heap $ES_HEAP_MIN..$ES_HEAP_MAX, data $BASE/data, log $LOG_FILE)"
    rm -f "$BASE/run/es.pid"
    {
        echo "===== $(date -u +%Y-%m-%dT%H:%M:%SZ) start (port $ES_PORT, home $ES_HOME)"
    } >>"$LOG_FILE"
    service_user_prefix
    # Foreground mode in its own session, so the server's console log ends up in es.log and
    # the node survives the calling shell. The server itself writes its pid (-p).
    ES_JAVA_HOME="$JAVA_HOME_ES" ES_PATH_CONF="$ES_HOME/config" ES_TMPDIR="$BASE/tmp" ES_JAVA_OPTS="${ES_JAVA_OPTS:-}" \
        setsid nohup "${RUN_AS[@]}" "$ES_HOME/bin/elasticsearch" -p "$BASE/run/es.pid" \
        >>"$LOG_FILE" 2>&1 </dev/null 9>&- &
    local launcher=$!

    if ! wait_healthy "$launcher"; then
        if [ -s "$BASE/run/es.pid" ]; then
            kill "$(cat "$BASE/run/es.pid")" 2>/dev/null || true
        fi
        die "Elasticsearch did not start"
    fi
    # the server writes its pid file once it is up
    local i
    for i in $(seq 1 30); do
        [ -s "$BASE/run/es.pid" ] && break
        sleep 0.2
    done
    if [ -s "$BASE/run/es.pid" ]; then
        tr -dc '0-9' <"$BASE/run/es.pid" >"$PID_FILE"
    else
        echo "$launcher" >"$PID_FILE"
    fi
    echo "$BASE" >"$STATE_DIR/base_path"
    echo "$ES_JIT" >"$JIT_FILE"
    log "ready after $((SECONDS - t0))s (pid $(cat "$PID_FILE"))"
    echo "$URL"
}

cmd_stop() {
    mkdir -p "$STATE_DIR"
    local pid
    pid="$(read_pid)"
    if ! pid_alive "$pid"; then
        rm -f "$PID_FILE"
        log "not running"
        return 0
    fi
    log "stopping pid $pid"
    stop_process "$pid"
    rm -f "$PID_FILE"
    log "stopped"
}

cmd_status() {
    local pid
    pid="$(read_pid)"
    if pid_alive "$pid"; then
        local h
        h="$(health_json)"
        if echo "$h" | grep -Eq '"status":"(green|yellow)"'; then
            echo "running (pid $pid) at $URL: $h"
            return 0
        fi
        echo "running (pid $pid) but $URL is not healthy: ${h:-no answer}"
        return 1
    fi
    if is_healthy; then
        echo "an Elasticsearch not started by this script answers at $URL"
        return 0
    fi
    echo "not running"
    return 3
}

case "${1:-}" in
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    url) echo "$URL" ;;
    *)
        echo "usage: $0 {start|stop|status|url}" >&2
        exit 2
        ;;
esac
