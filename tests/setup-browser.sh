#!/usr/bin/env bash
# Install what the browser tests in tests/browser/ need, and nothing that is already there:
#   - Debian's chromium at /usr/bin/chromium (apt-get, only as root; no browser is downloaded,
#     so `playwright install` is never run);
#   - Java 11+ for the Nu HTML Checker (apt-get default-jre-headless, only as root);
#   - node_modules/ from package-lock.json (axe-core, vnu-jar) with `npm ci`;
#   - the Python package playwright, which drives that chromium.
# Safe to run again: it is quick when everything is present. With TIMELINE_SKIP_BROWSER=1 it
# does nothing (the browser tests are then skipped).
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf 'setup-browser: %s\n' "$*"; }

if [ "${TIMELINE_SKIP_BROWSER:-}" = "1" ]; then
    say "TIMELINE_SKIP_BROWSER=1: nothing to do (browser tests will be skipped)"
    exit 0
fi

PYTHON=${PYTHON:-python3}
CHROMIUM=/usr/bin/chromium
APT_UPDATED=0
missing=()

apt_install() {
    if [ "$(id -u)" != "0" ]; then
        say "cannot install $* without root: install it, or set TIMELINE_SKIP_BROWSER=1"
        missing+=("$*")
        return 0
    fi
    if [ "$APT_UPDATED" = "0" ]; then
        say "apt-get update"
        DEBIAN_FRONTEND=noninteractive apt-get update -qq
        APT_UPDATED=1
    fi
    say "apt-get install -y --no-install-recommends $*"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"
}

# 1. Chromium (Debian's build; Playwright is pointed at it with executable_path).
if [ -x "$CHROMIUM" ]; then
    say "chromium present: $CHROMIUM"
else
    apt_install chromium
fi

# 2. Java, for node_modules/vnu-jar/build/dist/vnu.jar.
if command -v java >/dev/null 2>&1; then
    say "java present: $(command -v java)"
else
    apt_install default-jre-headless
fi

# 3. node_modules from the lock file. A stamp holding the lock file's checksum tells whether
#    node_modules matches it; --ignore-scripts keeps vnu-jar's postinstall from trying to
#    download a Java runtime (Java comes from Debian above).
if ! command -v npm >/dev/null 2>&1; then
    apt_install nodejs npm
fi
if command -v npm >/dev/null 2>&1; then
    STAMP=node_modules/.setup-browser-stamp
    want=$(sha256sum package-lock.json | cut -d' ' -f1)
    have=$(cat "$STAMP" 2>/dev/null || true)
    if [ "$want" = "$have" ] && [ -f node_modules/axe-core/axe.min.js ] \
            && [ -f node_modules/vnu-jar/build/dist/vnu.jar ]; then
        say "node_modules up to date with package-lock.json"
    else
        say "npm ci --no-audit --no-fund --ignore-scripts (node_modules missing or stale)"
        npm ci --no-audit --no-fund --ignore-scripts
        printf '%s\n' "$want" > "$STAMP"
    fi
else
    missing+=("npm")
fi

# 4. Playwright for Python (its wheel carries its own driver; no browser download).
if "$PYTHON" -c "import playwright.sync_api" >/dev/null 2>&1; then
    say "playwright present: $("$PYTHON" -c 'from importlib.metadata import version; print(version("playwright"))')"
else
    say "$PYTHON -m pip install 'playwright>=1.65,<2'"
    "$PYTHON" -m pip install --quiet 'playwright>=1.65,<2'
fi

if [ "${#missing[@]}" -gt 0 ]; then
    say "still missing: ${missing[*]}"
    exit 1
fi
say "ready: python3 -m pytest tests/browser"
