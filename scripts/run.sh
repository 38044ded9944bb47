#!/usr/bin/env bash
# Install, migrate, load the demo practice and serve it on http://127.0.0.1:${PORT:-8000}.
# Zero configuration: SQLite under var/ unless DATABASE_URL is set.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

ensure_venv requirements.txt
ensure_messages
mkdir -p var
export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-practice.settings.dev}"
port="${PORT:-8000}"
# AUTORELOAD=0: no restart on code changes, so one server process, not a watcher and a server.
runserver_options=()
[ "${AUTORELOAD:-1}" = 1 ] || runserver_options+=(--noreload)

say "Migrating the database and loading demo content"
# In one interpreter: starting Django costs ~5 s of CPU. --figures: a month of page views and
# requests, so the conversion report is filled in.
"$VENV/bin/python" - <<'PYTHON'
import django
from django.core.management import call_command

django.setup()
call_command("migrate", interactive=False, verbosity=0, skip_checks=False)
call_command("load_demo", figures=True)
PYTHON

cat >&2 <<MSG

  Site:  http://127.0.0.1:$port/
  Admin: http://127.0.0.1:$port/admin/  (login ${DEMO_ADMIN_USERNAME:-admin} / ${DEMO_ADMIN_PASSWORD:-practice-demo-admin}, unless you changed it)
         Staff sign in with a second factor: at the first sign-in, scan the QR code with any
         authenticator app (Google Authenticator, 1Password, Aegis...) and type its 6-digit code.

MSG
# The lead notification worker and its retry sweeper run beside the server and stop with it.
say "Starting the lead notification worker"
"$VENV/bin/python" manage.py db_worker --backend leads --queue-name leads --no-reload -v 0 &
worker=$!
"$VENV/bin/python" manage.py sweep_lead_notifications --every 60 -v 0 &
sweeper=$!
"$VENV/bin/python" manage.py runserver "${runserver_options[@]}" "127.0.0.1:$port" &
server=$!
# runserver's autoreloader serves from a child process, stopped here too; the worker finishes the
# task in hand on SIGTERM.
trap 'kill $(pgrep -P "$server") "$server" "$worker" "$sweeper" 2>/dev/null; wait' EXIT INT TERM
wait "$server"
