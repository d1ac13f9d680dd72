#!/usr/bin/env bash
# Makes a Chromium available to Playwright, in this order:
#   1. Playwright's own Chromium, if it is already installed;
#   2. the system's Chromium (/usr/bin/chromium), if present;
#   3. Playwright's download (`npx playwright install chromium`), on machines that can reach it;
#   4. Debian's `chromium` package through apt-get (as root), on machines that cannot.
# With the system's Chromium, Debian's `chromium-headless-shell` is added when apt-get can (as root): headless runs
# use it, as Playwright does with its own builds, and it costs far less CPU than the full browser (src/browser.ts).
# It is optional: without it headless runs use the full browser.
# src/browser.ts then launches whichever exists, preferring Playwright's own.
set -euo pipefail

have_playwright_chromium() {
  node -e "const { chromium } = require('@playwright/test'); process.exit(require('node:fs').existsSync(chromium.executablePath()) ? 0 : 1)" 2>/dev/null
}

can_apt() { command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; }

apt_install() {
  # The package lists may be stale or absent on a fresh machine: refresh them once, then install.
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null 2>&1 && return 0
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

add_headless_shell() {
  if [ -x /usr/lib/chromium/chromium-headless-shell ] || [ -x /usr/bin/chromium-headless-shell ]; then
    echo "browser: headless runs use the system's chromium-headless-shell"; return 0
  fi
  if can_apt && apt_install chromium-headless-shell; then
    echo "browser: installed Debian's chromium-headless-shell for headless runs"
  else
    echo "browser: no chromium-headless-shell (headless runs use the full browser, at more CPU)"
  fi
}

if have_playwright_chromium; then echo "browser: Playwright's Chromium is installed"; exit 0; fi
for candidate in /usr/bin/chromium /usr/bin/chromium-browser; do
  if [ -x "$candidate" ]; then echo "browser: using the system's $candidate"; add_headless_shell; exit 0; fi
done
if timeout 300 npx --no-install playwright install chromium >/tmp/postflight-playwright-install.log 2>&1 && have_playwright_chromium; then
  echo "browser: installed Playwright's Chromium"; exit 0
fi
if can_apt; then
  echo "browser: Playwright's download is not reachable here; installing Debian's chromium packages"
  apt_install chromium
  [ -x /usr/bin/chromium ] && { echo "browser: installed /usr/bin/chromium"; add_headless_shell; exit 0; }
fi
echo "browser: no Chromium found and none could be installed." >&2
echo "  Run 'npx playwright install chromium' on a machine with internet access," >&2
echo "  or install your system's Chromium and set SF_BROWSER_PATH to its binary." >&2
exit 1
