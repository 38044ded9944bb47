#!/usr/bin/env bash
# Lighthouse 12 (mobile preset, Debian's Chromium) on the site served the production way; prints
# the four scores for home, treatment, article and consultation pages, and the treatment page in
# Spanish and Arabic. `make lighthouse` runs this.
set -euo pipefail
source "$(dirname "$0")/../scripts/lib.sh"
cd "$ROOT"

ensure_venv requirements.txt
ensure_apt /usr/bin/chromium=chromium npm=npm
LIGHTHOUSE_VERSION=12.8.2
if [ "$(cat var/lighthouse/.version 2>/dev/null)" != "$LIGHTHOUSE_VERSION" ]; then
    say "Installing lighthouse@$LIGHTHOUSE_VERSION under var/lighthouse"
    mkdir -p var/lighthouse
    npm install --prefix var/lighthouse --no-audit --no-fund --silent "lighthouse@$LIGHTHOUSE_VERSION"
    echo "$LIGHTHOUSE_VERSION" > var/lighthouse/.version
fi
exec "$VENV/bin/python" bench/pages.py --lighthouse
