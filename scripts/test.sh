#!/usr/bin/env bash
# The whole test suite twice, side by side: on a throwaway PostgreSQL server (production) and on
# SQLite (`make run`), with everything it needs installed first. Each run spreads its tests over
# pytest-xdist workers, each with its own test database. Exits non-zero if either run fails.
# Extra arguments go to both pytest runs, e.g. scripts/test.sh tests/practice -x
# TEST_WORKERS=n sets the workers per run (default: one per CPU core).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

ensure_venv requirements-dev.txt
ensure_messages
ensure_apt /usr/bin/chromium=chromium
# axe-core for the accessibility tests and purgecss for scripts/build_css.sh --check, pinned in package.json/package-lock.json.
ensure_apt npm=npm
[ -f node_modules/axe-core/axe.min.js ] && [ -x node_modules/.bin/purgecss ] || { say "Installing npm packages"; npm ci --no-audit --no-fund --silent; }

scratch=$(mktemp -d /tmp/practice-test-XXXXXX)
# Not inside $scratch: mktemp makes it private to us, and PostgreSQL may run as its own user.
pgdir="${PRACTICE_TEST_PGDIR:-/tmp/practice-test-pg-$$}"
port="${PRACTICE_TEST_PGPORT:-$(free_port)}"
say "Starting PostgreSQL on port $port"
trap 'scripts/postgres.sh stop "$pgdir"; rm -rf "$pgdir" "$scratch"' EXIT
postgres_url=$(scripts/postgres.sh start "$pgdir" "$port")

say "Linting"
"$VENV/bin/ruff" check .
"$VENV/bin/ruff" format --check .

say "Security scan (bandit) and dependency audit (scripts/audit.py)"
"$VENV/bin/bandit" --quiet --configfile pyproject.toml --recursive .
# SKIP_AUDIT=1 skips the network round trips when re-running tests locally; CI always audits.
[ "${SKIP_AUDIT:-0}" = 1 ] || "$VENV/bin/python" scripts/audit.py

# The two runs share the machine's cores: most of a test's time is spent waiting (the browser,
# the live server, PostgreSQL, subprocesses), so two runs of n workers each keep n cores busy.
workers="${TEST_WORKERS:-$(nproc)}"
run_suite() {  # name, DATABASE_URL, SKIP_DATABASE_INDEPENDENT, pytest args...
    local name="$1" url="$2" skip="$3"; shift 3
    DATABASE_URL="$url" SKIP_DATABASE_INDEPENDENT="$skip" "$VENV/bin/python" -m pytest -n "$workers" -p no:cacheprovider "$@" \
        >"$scratch/$name.log" 2>&1
}
say "Running the test suite on PostgreSQL ($postgres_url) and on SQLite, $workers workers each"
started=$SECONDS
# Tests marked database_independent (headers, settings, templates) run once, in the SQLite run.
run_suite postgresql "$postgres_url" 1 "$@" & postgresql=$!
# The SQLite test database lives in memory, one per worker; the file named here is never created.
run_suite sqlite "sqlite:///$scratch/unused.sqlite3" 0 "$@" & sqlite=$!
status=0
for name in postgresql sqlite; do
    pid=${!name}
    run_status=0; wait "$pid" || run_status=$?
    say "The suite on $name (exit status $run_status, $((SECONDS - started)) s since the start)"
    cat "$scratch/$name.log"
    [ "$run_status" = 0 ] || status=1
done
exit $status