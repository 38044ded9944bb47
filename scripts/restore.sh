#!/usr/bin/env bash
# Restore a backup made by scripts/backup.sh into DATABASE_URL and DJANGO_MEDIA_ROOT.
#   scripts/restore.sh BACKUP_DIR [--replace]
# The target database must exist and be empty (createdb, then migrate nothing), unless --replace
# is given: then every table in it is dropped first. Stop the web and worker processes first.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
ensure_apt pg_restore=postgresql-client

backup="${1:?usage: scripts/restore.sh BACKUP_DIR [--replace]}"
replace="${2:-}"
: "${DATABASE_URL:?DATABASE_URL must point at the database to restore into}"
media="${DJANGO_MEDIA_ROOT:-$ROOT/var/media}"

(cd "$backup" && sha256sum --check --quiet SHA256SUMS)

tables=$(psql "$DATABASE_URL" -tAc "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
clean=()
if [ "$tables" != 0 ]; then
    if [ "$replace" != "--replace" ]; then
        echo "The target database already has $tables tables; add --replace to overwrite it." >&2
        exit 1
    fi
    clean=(--clean --if-exists)
fi

say "Restoring the database"
pg_restore "${clean[@]}" --no-owner --no-privileges --exit-on-error --single-transaction \
    --dbname "$DATABASE_URL" "$backup/database.dump"

if [ -f "$backup/media.tar.gz" ]; then
    say "Restoring media into $media"
    mkdir -p "$media"
    tar -C "$media" -xzf "$backup/media.tar.gz"
fi
say "Restored $backup"
