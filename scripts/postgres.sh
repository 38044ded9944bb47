#!/usr/bin/env bash
# A throwaway PostgreSQL server owned by the project, for tests and benchmarks.
#   scripts/postgres.sh start DIR PORT   prints the DATABASE_URL of a fresh server
#   scripts/postgres.sh stop DIR
# PostgreSQL refuses to run as root, so as root the server runs as a system user made for it.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

action="$1"; dir="$2"; port="${3:-54329}"
RUN_AS="practice-pg"

pg_bin() {
    local found
    found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [ -z "$found" ]; then
        ensure_apt pg_ctl=postgresql >&2
        found=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    fi
    echo "$found"
}

as_owner() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u "$RUN_AS" -- "$@"; else "$@"; fi
}

case "$action" in
start)
    bin=$(pg_bin)
    if [ "$(id -u)" -eq 0 ] && ! id "$RUN_AS" >/dev/null 2>&1; then
        useradd --system --no-create-home --shell /usr/sbin/nologin "$RUN_AS"
    fi
    rm -rf "$dir"; mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown "$RUN_AS" "$dir"
    as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log"
    # Durability off: this server holds only test data and speed matters more.
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start -o \
        "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" >&2
    echo "postgres://postgres@127.0.0.1:$port/practice"
    ;;
stop)
    bin=$(pg_bin)
    [ -f "$dir/data/postmaster.pid" ] && as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >&2 || true
    ;;
*)
    echo "usage: $0 start DIR [PORT] | stop DIR" >&2; exit 2;;
esac
