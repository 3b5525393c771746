#!/usr/bin/env bash
# Local PostgreSQL cluster for development and tests, on 127.0.0.1 only.
#
#   scripts/postgres.sh start    install (apt, if missing), initdb, start, create role/db, print DATABASE_URL
#   scripts/postgres.sh stop     stop the cluster started by this script
#   scripts/postgres.sh status   print state; exit 0 if accepting connections, 3 if not running
#   scripts/postgres.sh url      print the DATABASE_URL
#
# Environment:
#   PG_PORT       TCP port (default 54329)
#   PG_BASE       runtime dir holding data/, run/ (socket) and postgres.log
#                 (default .services/postgres, or /tmp/3l-postgres-$PG_PORT when the postgres
#                 system user cannot reach the repo, e.g. a clone under /root)
#   PG_USER / PG_PASSWORD / PG_DB   application role and database (default cms / cms / cms);
#                 the role gets CREATEDB so Django can create test_<db>.
#
# PostgreSQL refuses to run as root: when this script runs as root, the server runs as the
# 'postgres' system user (created by the Debian package). Otherwise it runs as the caller.
# Tuned for tests, not durability: fsync/synchronous_commit/full_page_writes are off.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PG_PORT="${PG_PORT:-54329}"
PG_HOST=127.0.0.1
PG_USER="${PG_USER:-cms}"
PG_PASSWORD="${PG_PASSWORD:-cms}"
PG_DB="${PG_DB:-cms}"
STATE_DIR="$REPO_ROOT/.services/postgres"
DATABASE_URL="postgres://${PG_USER}:${PG_PASSWORD}@${PG_HOST}:${PG_PORT}/${PG_DB}"

SERVICE_NAME=postgres
SERVICE_USER=postgres
# shellcheck source=scripts/lib.sh
source "$REPO_ROOT/scripts/lib.sh"

as_pg() { as_service_user "$@"; }

# ---------------------------------------------------------------- binaries

# Prints the bin dir of PostgreSQL major version $1, or of the newest installed one.
find_bindir() {
    local want="${1:-}" d v best="" bestv=-1
    for d in /usr/lib/postgresql/*/bin; do
        [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] || continue
        v="$(basename "$(dirname "$d")")"
        if [ -n "$want" ]; then
            [ "$v" = "$want" ] && { echo "$d"; return 0; }
            continue
        fi
        case "$v" in ''|*[!0-9]*) continue ;; esac
        if [ "$v" -gt "$bestv" ]; then
            best="$d"
            bestv="$v"
        fi
    done
    [ -z "$want" ] && [ -n "$best" ] && { echo "$best"; return 0; }
    return 1
}

ensure_installed() {
    if ! find_bindir >/dev/null; then
        is_root || die "PostgreSQL server binaries not found; install them (apt-get install postgresql) or run as root"
        # (the Debian package may also create/start its own 'main' cluster on 5432; we don't use it)
        apt_install postgresql
        find_bindir >/dev/null || die "apt-get installed postgresql but no initdb was found"
    fi
    ensure_service_user
}

# ---------------------------------------------------------------- layout

choose_base() {
    choose_base_dir "${PG_BASE:-}" "$STATE_DIR" "/tmp/3l-postgres-${PG_PORT}"
    chmod 755 "$BASE"
    DATA="$BASE/data"
    PG_LOG="$BASE/postgres.log"
    SOCK_DIR="$BASE/run"
    # unix socket paths are limited to ~107 bytes
    if [ $(( ${#SOCK_DIR} + 20 )) -gt 100 ]; then
        SOCK_DIR="/tmp/3l-postgres-${PG_PORT}.sock"
    fi
}

prepare_dirs() {
    mkdir -p "$SOCK_DIR"
    touch "$PG_LOG"
    if is_root; then
        chown "$SERVICE_USER:" "$SOCK_DIR" "$PG_LOG"
        [ -d "$DATA" ] && chown -R "$SERVICE_USER:" "$DATA"
    fi
    chmod 700 "$SOCK_DIR"
}

psql_super() {
    as_pg "$BINDIR/psql" -X -q -v ON_ERROR_STOP=1 -h "$SOCK_DIR" -p "$PG_PORT" -U postgres -d postgres "$@"
}

server_running() {
    [ -f "$DATA/postmaster.pid" ] && as_pg "$BINDIR/pg_ctl" -D "$DATA" status >/dev/null 2>&1
}

accepting() {
    pg_isready_bin -q -h "$PG_HOST" -p "$PG_PORT" -t 2
}

pg_isready_bin() {
    "$BINDIR/pg_isready" "$@"
}

init_cluster() {
    [ -f "$DATA/PG_VERSION" ] && return 0
    log "initdb $DATA"
    mkdir -p "$DATA"
    if is_root; then chown "$SERVICE_USER:" "$DATA"; fi
    chmod 700 "$DATA"
    as_pg "$BINDIR/initdb" -D "$DATA" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
        --encoding=UTF8 --locale=C.UTF-8 >>"$PG_LOG" 2>&1 || {
        tail -n 20 "$PG_LOG" >&2
        die "initdb failed"
    }
}

write_config() {
    local conf="$DATA/local-dev.conf"
    cat >"$conf" <<EOF
# Written by scripts/postgres.sh on every start - edits are overwritten.
listen_addresses = '$PG_HOST'
port = $PG_PORT
unix_socket_directories = '$SOCK_DIR'
unix_socket_permissions = 0700
max_connections = 100
shared_buffers = 128MB
# test database: speed over durability
fsync = off
synchronous_commit = off
full_page_writes = off
logging_collector = off
EOF
    grep -q "^include_if_exists = 'local-dev.conf'" "$DATA/postgresql.conf" ||
        echo "include_if_exists = 'local-dev.conf'" >>"$DATA/postgresql.conf"
    cat >"$DATA/pg_hba.conf" <<EOF
# Written by scripts/postgres.sh. The unix socket lives in a 0700 directory owned by the server user.
# TYPE  DATABASE  USER  ADDRESS        METHOD
local   all       all                  trust
host    all       all   127.0.0.1/32   scram-sha-256
host    all       all   ::1/128        scram-sha-256
EOF
    if is_root; then chown "$SERVICE_USER:" "$conf" "$DATA/pg_hba.conf"; fi
}

ensure_role_and_db() {
    local pw="${PG_PASSWORD//\'/\'\'}"
    psql_super <<EOF
SET password_encryption = 'scram-sha-256';
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_USER') THEN
    CREATE ROLE "$PG_USER" LOGIN CREATEDB PASSWORD '$pw';
  ELSE
    ALTER ROLE "$PG_USER" LOGIN CREATEDB PASSWORD '$pw';
  END IF;
END
\$\$;
EOF
    if [ "$(psql_super -tAc "SELECT 1 FROM pg_database WHERE datname = '$PG_DB'")" != "1" ]; then
        log "creating database $PG_DB"
        psql_super -c "CREATE DATABASE \"$PG_DB\" OWNER \"$PG_USER\" ENCODING 'UTF8' TEMPLATE template0"
    fi
}

check_version_match() {
    local datver
    datver="$(cat "$DATA/PG_VERSION")"
    if [ "$(basename "$(dirname "$BINDIR")")" != "$datver" ]; then
        BINDIR="$(find_bindir "$datver")" ||
            die "$DATA was created by PostgreSQL $datver, whose binaries are not installed (delete $DATA to re-create it)"
    fi
}

# ---------------------------------------------------------------- commands

cmd_start() {
    lock_state_dir "$STATE_DIR" 300

    ensure_installed
    BINDIR="$(find_bindir)"
    choose_base
    prepare_dirs
    init_cluster
    check_version_match

    if server_running; then
        log "already running (data $DATA)"
    else
        if accepting; then
            die "port $PG_PORT is already used by another server (set PG_PORT to another port)"
        fi
        write_config
        log "starting PostgreSQL $(basename "$(dirname "$BINDIR")") on $PG_HOST:$PG_PORT (data $DATA, log $PG_LOG)"
        as_pg "$BINDIR/pg_ctl" -D "$DATA" -l "$PG_LOG" -w -t 60 start >/dev/null 9>&- || {
            tail -n 30 "$PG_LOG" >&2
            die "pg_ctl start failed"
        }
    fi
    wait_until 60 "" accepting || die "PostgreSQL is not accepting connections on $PG_HOST:$PG_PORT (see $PG_LOG)"
    ensure_role_and_db
    echo "$BASE" >"$STATE_DIR/base_path"
    echo "$DATABASE_URL"
}

locate_existing() {
    BINDIR="$(find_bindir)" || { log "PostgreSQL is not installed"; return 1; }
    if [ -n "${PG_BASE:-}" ]; then
        choose_base
    elif [ -s "$STATE_DIR/base_path" ]; then
        BASE="$(cat "$STATE_DIR/base_path")"
        DATA="$BASE/data"
        PG_LOG="$BASE/postgres.log"
    else
        choose_base
    fi
    [ -f "$DATA/PG_VERSION" ] || return 1
    check_version_match
}

cmd_stop() {
    if ! locate_existing || ! server_running; then
        log "not running"
        return 0
    fi
    log "stopping (data $DATA)"
    as_pg "$BINDIR/pg_ctl" -D "$DATA" -m fast -w -t 60 stop >/dev/null
    log "stopped"
}

cmd_status() {
    if locate_existing && server_running; then
        if accepting; then
            echo "running at $DATABASE_URL (data $DATA)"
            return 0
        fi
        echo "running but not accepting connections on $PG_HOST:$PG_PORT (data $DATA)"
        return 1
    fi
    echo "not running"
    return 3
}

case "${1:-}" in
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    url) echo "$DATABASE_URL" ;;
    *)
        echo "usage: $0 {start|stop|status|url}" >&2
        exit 2
        ;;
esac
