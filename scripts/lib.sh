# Shared by scripts/postgres.sh and scripts/elasticsearch.sh (and test.sh/loadbench.sh for ensure_command);
# sourced, never run on its own.
#
# The sourcing script sets, before calling anything here:
#   SERVICE_NAME   prefix of its log lines ("postgres", "elasticsearch")
#   SERVICE_USER   the unprivileged OS user that runs the server when the script runs as root
#                  (PostgreSQL and Elasticsearch both refuse to run as root)
#
# Contract kept by both scripts: logs go to stderr, stdout carries only the printed URL, and
# `start` is idempotent (a running server is reused, not started twice).

log() { printf '[%s] %s\n' "$SERVICE_NAME" "$*" >&2; }
die() { printf '[%s] ERROR: %s\n' "$SERVICE_NAME" "$*" >&2; exit 1; }

is_root() { [ "$(id -u)" -eq 0 ]; }

# Run a command as the service user (only differs from the caller when we are root), from a
# directory that user can read.
as_service_user() {
    if is_root; then
        (cd / && runuser -u "$SERVICE_USER" -- "$@")
    else
        (cd / && "$@")
    fi
}

# The command prefix that runs a long-lived server as the service user: RUN_AS=(runuser -u … --) or ().
service_user_prefix() {
    RUN_AS=()
    if is_root; then RUN_AS=(runuser -u "$SERVICE_USER" --); fi
}

# One apt-get at a time: test.sh starts PostgreSQL and Elasticsearch side by side, and both may install packages.
apt_install() {
    is_root || die "missing $*; install it (apt-get install $*) or run as root"
    log "installing $* via apt-get"
    (
        flock 9
        DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >&2
    ) 9>/tmp/3l-apt.lock
}

# Install PACKAGE with apt when COMMAND is not on the PATH (as root; otherwise say how).
ensure_command() {
    command -v "$1" >/dev/null 2>&1 || apt_install "$2"
}

# As root, create the service user as a system user without home or shell if it is missing.
ensure_service_user() {
    if is_root && ! id -u "$SERVICE_USER" >/dev/null 2>&1; then
        log "creating system user '$SERVICE_USER' (${SERVICE_NAME} refuses to run as root)"
        useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin \
            --user-group "$SERVICE_USER"
    fi
}

# lock_state_dir DIR SECONDS: one start at a time per state dir (the lock is fd 9; close it with
# 9>&- for the server process, so that the server does not hold it).
lock_state_dir() {
    mkdir -p "$1"
    exec 9>"$1/.lock"
    flock -w "$2" 9 || die "could not get $1/.lock"
}

# choose_base_dir OVERRIDE STATE_DIR FALLBACK: sets BASE, the runtime dir the server writes to.
# OVERRIDE if given; else STATE_DIR (in the repo), unless as root the service user cannot reach it
# (a clone under /root): then FALLBACK under /tmp, made world-readable.
choose_base_dir() {
    local override="$1" state_dir="$2" fallback="$3"
    if [ -n "$override" ]; then
        mkdir -p "$override"
        BASE="$(cd "$override" && pwd)"
        return
    fi
    BASE="$state_dir"
    mkdir -p "$BASE"
    if is_root && ! as_service_user test -x "$BASE" 2>/dev/null; then
        log "user '$SERVICE_USER' cannot reach $BASE; using $fallback as runtime dir"
        BASE="$fallback"
        mkdir -p "$BASE"
        chmod 755 "$BASE"
    fi
}

pid_alive() {
    [ -n "$1" ] && kill -0 "$1" 2>/dev/null
}

# wait_until SECONDS PID COMMAND...: run COMMAND every second until it succeeds (0). Gives up with 2
# as soon as PID (if not empty) has exited, with 1 after SECONDS (COMMAND gets one last try then).
wait_until() {
    local deadline=$((SECONDS + $1)) pid="$2"
    shift 2
    while [ "$SECONDS" -lt "$deadline" ]; do
        "$@" && return 0
        if [ -n "$pid" ] && ! pid_alive "$pid"; then
            return 2
        fi
        sleep 1
    done
    "$@"
}
