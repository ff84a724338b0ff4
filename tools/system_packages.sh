#!/usr/bin/env bash
# Debian packages the tests need beside Python's: ICU's headers and pkg-config (PyICU builds
# against them), a PostgreSQL server (storage and API tests run against it as well as SQLite,
# unless NEWSTRACE_TEST_PG names one) and chromium at /usr/bin/chromium (the web UI's browser
# tests). Installs only what is missing, so a machine that has them needs neither root nor
# network.
set -euo pipefail
missing=()
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
pkg-config --exists icu-i18n 2>/dev/null || missing+=(libicu-dev)
[ -n "${NEWSTRACE_TEST_PG:-}" ] || ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 ||
    missing+=(postgresql)
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing Debian packages: ${missing[*]}" >&2
if [ "$(id -u)" -eq 0 ]; then run=(); elif command -v sudo >/dev/null; then run=(sudo -n); else
    echo "the tests need ${missing[*]} (Debian: apt-get install ${missing[*]}); run as root or install them" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${run[@]}" apt-get install -y -q "${missing[@]}" >/dev/null 2>&1 ||
    { "${run[@]}" apt-get update -q >/dev/null && "${run[@]}" apt-get install -y -q "${missing[@]}" >/dev/null; }
