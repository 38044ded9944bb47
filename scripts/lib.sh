# Shared by the scripts in this folder: the virtualenv and system packages the project needs.
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
PYTHON="${PYTHON:-python3}"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# Create .venv and install a requirements file, skipping pip when nothing changed since last time.
ensure_venv() {
    local requirements="$1" stamp
    [ -x "$VENV/bin/python" ] || { say "Creating .venv"; "$PYTHON" -m venv "$VENV"; }
    stamp="$VENV/.installed-$(basename "$requirements")"
    if [ ! -f "$stamp" ] || [ -n "$(find "$ROOT" -maxdepth 1 -name 'requirements*.txt' -newer "$stamp")" ]; then
        say "Installing $(basename "$requirements")"
        "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$ROOT/$requirements"
        touch "$stamp"
    fi
}

# Install Debian packages when a command they provide is missing (needs root, as on CI).
ensure_apt() {
    local missing=() pair cmd pkg
    for pair in "$@"; do
        cmd="${pair%%=*}"; pkg="${pair#*=}"
        if [[ "$cmd" == /* ]]; then [ -e "$cmd" ] || missing+=("$pkg"); else command -v "$cmd" >/dev/null || missing+=("$pkg"); fi
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    say "Installing Debian packages: ${missing[*]}"
    local sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Compile locale/*/LC_MESSAGES/django.po into the .mo files Django reads (build output, not in git),
# only when a .po is newer than its .mo.
ensure_messages() {
    ensure_apt msgfmt=gettext
    local po stale=0
    for po in "$ROOT"/locale/*/LC_MESSAGES/django.po; do
        [ "${po%.po}.mo" -nt "$po" ] || stale=1
    done
    [ "$stale" = 0 ] && return 0
    say "Compiling translations"
    (cd "$ROOT" && DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-practice.settings.dev}" "$VENV/bin/python" manage.py compilemessages --ignore=.venv --ignore=node_modules -v 0)
}

# A TCP port nothing listens on right now, so parallel runs never collide.
free_port() {
    "$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
