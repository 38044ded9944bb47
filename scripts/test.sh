#!/usr/bin/env bash
# The whole test suite on a throwaway PostgreSQL server, with everything it needs installed first.
# Extra arguments go to pytest, e.g. scripts/test.sh tests/practice -x
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

ensure_venv requirements-dev.txt
ensure_apt /usr/bin/chromium=chromium
# axe-core for the accessibility tests and purgecss for scripts/build_css.sh --check, pinned in package.json/package-lock.json.
ensure_apt npm=npm
[ -f node_modules/axe-core/axe.min.js ] && [ -x node_modules/.bin/purgecss ] || { say "Installing npm packages"; npm ci --no-audit --no-fund --silent; }

pgdir="${PRACTICE_TEST_PGDIR:-/tmp/practice-test-pg-$$}"
port="${PRACTICE_TEST_PGPORT:-$(free_port)}"
say "Starting PostgreSQL on port $port"
trap 'scripts/postgres.sh stop "$pgdir"; rm -rf "$pgdir"' EXIT
export DATABASE_URL
DATABASE_URL=$(scripts/postgres.sh start "$pgdir" "$port")

say "Linting"
"$VENV/bin/ruff" check .
"$VENV/bin/ruff" format --check .

say "Security scan (bandit) and dependency audit (scripts/audit.py)"
"$VENV/bin/bandit" --quiet --configfile pyproject.toml --recursive .
# SKIP_AUDIT=1 skips the network round trips when re-running tests locally; CI always audits.
[ "${SKIP_AUDIT:-0}" = 1 ] || "$VENV/bin/python" scripts/audit.py

say "Running the test suite against $DATABASE_URL"
status=0
"$VENV/bin/python" -m pytest "$@" || status=$?
exit $status
