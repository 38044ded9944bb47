#!/usr/bin/env bash
# Two stateless app servers, one PostgreSQL, one Redis (and the lead worker when leads has one),
# all on this machine, driven by bench/multi_server.py, which checks what must be shared is
# shared and prints its figures. Everything it starts is stopped on exit.
#   bench/multi_server.sh            (make multi-server)
set -euo pipefail
source "$(dirname "$0")/../scripts/lib.sh"
cd "$ROOT"

ensure_venv requirements-dev.txt
ensure_apt redis-server=redis-server

work="$(mktemp -d /tmp/practice-multi-XXXXXX)"
chmod 755 "$work"  # PostgreSQL runs as its own user and must reach its folder
base=$(( 30000 + $$ % 20000 ))
pg_port=$base; redis_port=$(( base + 1 )); port_a=$(( base + 2 )); port_b=$(( base + 3 ))
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    scripts/postgres.sh stop "$work/pg"
    rm -rf "$work"
}
trap cleanup EXIT

say "PostgreSQL on $pg_port, Redis on $redis_port"
DATABASE_URL=$(scripts/postgres.sh start "$work/pg" "$pg_port")
redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --dir "$work" >"$work/redis.log" 2>&1 &
pids+=($!)

export DATABASE_URL
export REDIS_URL="redis://127.0.0.1:$redis_port/0"
export DJANGO_SETTINGS_MODULE=practice.settings.production
DJANGO_SECRET_KEY="$("$VENV/bin/python" -c 'import secrets; print(secrets.token_urlsafe(50))')"
export DJANGO_SECRET_KEY
LEADS_IP_HASH_KEY="$("$VENV/bin/python" -c 'import secrets; print(secrets.token_urlsafe(50))')"
export LEADS_IP_HASH_KEY
export DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost
# Production refuses an http:// admin address (passkeys are bound to it: otp_webauthn.E031).
export WAGTAILADMIN_BASE_URL=https://localhost
export DJANGO_STATIC_ROOT="$work/static" DJANGO_MEDIA_ROOT="$work/media"
export DJANGO_LOG_LEVEL=WARNING WEB_LOG_LEVEL=warning WEB_ACCESS_LOG="$work/access.log" WEB_HOST=127.0.0.1
export DJANGO_EMAIL_BACKEND=django.core.mail.backends.locmem.EmailBackend
export WEB_CONCURRENCY=2 WEB_THREADS=4
# This script stands for the proxy in front (it says X-Forwarded-Proto: https): believed only from a
# listed proxy (practice.http.TrustedSchemeApplication).
export TRUSTED_PROXIES=127.0.0.1
# Every request comes from 127.0.0.1: the per-address limit (shared through Redis) would stop the run.
export LEADS_RATE_LIMIT=1000/m

manage() { "$VENV/bin/python" manage.py "$@"; }
"$VENV/bin/python" -c "import psycopg; psycopg.connect('${DATABASE_URL%/*}/postgres', autocommit=True).execute('CREATE DATABASE practice')"
say "Migrating, collecting static files, loading the demo practice"
manage migrate --no-input -v 0
manage collectstatic --no-input -v 0
# The demo app exists only in the development settings (never in production).
DJANGO_SETTINGS_MODULE=practice.settings.dev manage load_demo >/dev/null

for port in "$port_a" "$port_b"; do
    PORT=$port "$VENV/bin/python" -m practice.server >"$work/web-$port.log" 2>&1 &
    pids+=($!)
done
if manage shell -c "from django.conf import settings; raise SystemExit('leads' not in getattr(settings, 'TASKS', {}))" >/dev/null 2>&1; then
    say "Starting the lead worker"
    manage db_worker --backend leads --queue-name leads --interval 0.2 >"$work/worker.log" 2>&1 &
    pids+=($!)
    export MULTI_WORKER=1
fi

status=0
PYTHONPATH="$ROOT" "$VENV/bin/python" bench/multi_server.py "http://127.0.0.1:$port_a" "http://127.0.0.1:$port_b" "$REDIS_URL" || status=$?

say "Headers graded by the HTTP Observatory's rules (bench/observatory.py)"
"$VENV/bin/python" bench/observatory.py --forwarded-https --host=localhost \
    "http://127.0.0.1:$port_a/" "http://127.0.0.1:$port_b/admin/login/" || true
exit $status
