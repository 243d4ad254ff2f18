#!/usr/bin/env bash
# A throwaway PostgreSQL for the test suite, on loopback, in a temporary folder.
#
#   eval "$(scripts/pg_test_server.sh start)"   # exports EVENTSCOPE_TEST_PG and PG_TEST_DIR
#   scripts/pg_test_server.sh stop "$PG_TEST_DIR"
#
# Uses Debian's postgresql package (binaries under /usr/lib/postgresql/*/bin). PostgreSQL
# refuses to run as root, so as root the server runs as the unprivileged `postgres` user.
set -euo pipefail

FIRST_PORT="${PG_TEST_PORT:-55432}"

pg_bin() {
    local dir
    if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
        dirname "$(command -v pg_ctl)"
        return
    fi
    dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
    if [ -z "$dir" ]; then
        echo "pg_test_server: PostgreSQL not installed (apt-get install -y postgresql)" >&2
        exit 1
    fi
    echo "$dir"
}

free_port() {
    local port
    for port in $(seq "$FIRST_PORT" $((FIRST_PORT + 100))); do
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return
        fi
    done
    echo "pg_test_server: no free port from $FIRST_PORT" >&2
    exit 1
}

as_server_user() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

start() {
    local bin dir port
    bin="$(pg_bin)"
    port="$(free_port)"
    dir="$(mktemp -d "${TMPDIR:-/tmp}/eventscope-pg.XXXXXX")"
    if [ "$(id -u)" -eq 0 ]; then
        chown postgres "$dir"
    fi
    as_server_user "$bin/initdb" -D "$dir/data" -U eventscope --auth=trust \
        --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 1; }
    as_server_user "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off" start >/dev/null \
        || { cat "$dir/server.log" >&2; exit 1; }
    echo "export PG_TEST_DIR=$dir"
    echo "export EVENTSCOPE_TEST_PG=postgresql://eventscope@127.0.0.1:$port/postgres"
}

stop() {
    local dir="${1:?usage: pg_test_server.sh stop DIR}"
    if [ -d "$dir/data" ]; then
        as_server_user "$(pg_bin)/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    case "$dir" in
        "${TMPDIR:-/tmp}"/eventscope-pg.*) rm -rf "$dir" ;;
    esac
}

case "${1:-}" in
    start) start ;;
    stop) shift; stop "$@" ;;
    *) echo "usage: $0 start | stop DIR" >&2; exit 2 ;;
esac
