#!/usr/bin/env bash
# Back up the site: a PostgreSQL dump and a tarball of the uploaded media, in one new folder.
#   scripts/backup.sh [DEST]   DEST defaults to var/backups/<UTC time>; prints the folder it wrote
# Reads DATABASE_URL (postgres://...) and DJANGO_MEDIA_ROOT (default var/media). With media on S3
# (AWS_STORAGE_BUCKET_NAME) the bucket is backed up by its own versioning, not here.
# The backup holds patients' personal data: it is written readable by its owner only.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
ensure_apt pg_dump=postgresql-client

: "${DATABASE_URL:?DATABASE_URL must point at the PostgreSQL database to back up}"
dest="${1:-$ROOT/var/backups/$(date -u +%Y%m%dT%H%M%SZ)}"
media="${DJANGO_MEDIA_ROOT:-$ROOT/var/media}"

umask 077
mkdir -p "$dest"
# Custom format: compressed, and pg_restore can restore it into any empty database.
pg_dump --format=custom --no-owner --no-privileges --file "$dest/database.dump" "$DATABASE_URL"
if [ -d "$media" ]; then
    tar -C "$media" -czf "$dest/media.tar.gz" .
fi
files=(database.dump)
[ -f "$dest/media.tar.gz" ] && files+=(media.tar.gz)
(cd "$dest" && sha256sum "${files[@]}" > SHA256SUMS)
say "Backup written to $dest"
echo "$dest"
