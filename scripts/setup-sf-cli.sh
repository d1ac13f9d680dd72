#!/usr/bin/env bash
# Installs the pinned Salesforce CLI in tools/sf-cli (its own package, so the root `npm ci` stays lean),
# for test/contract/salesforce-cli.spec.ts. Idempotent: does nothing when the installed CLI matches
# tools/sf-cli/package-lock.json; reinstalls when the lockfile changed.
#
# `--ignore-scripts`: none of the CLI's install scripts is needed to run it (the only one of its own,
# a preinstall, checks for an old global sfdx v7), and the install then runs no third-party code.
set -euo pipefail
cd "$(dirname "$0")/../tools/sf-cli"

marker=node_modules/.postflight-lock-sha256
wanted="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [ -f node_modules/@salesforce/cli/bin/run.js ] && [ -f "$marker" ] && [ "$(cat "$marker")" = "$wanted" ]; then
  echo "sf-cli: @salesforce/cli $(node -p "require('./node_modules/@salesforce/cli/package.json').version") is installed in tools/sf-cli"
  exit 0
fi

echo "sf-cli: installing the Salesforce CLI in tools/sf-cli (about 300 MB, a minute or so)..."
started=$SECONDS
if ! npm ci --ignore-scripts --no-audit --no-fund --loglevel=error; then
  echo "sf-cli: could not install the Salesforce CLI (see npm's message above)." >&2
  echo "  It needs the npm registry; run 'npm run setup:sf-cli' again where the registry is reachable." >&2
  exit 1
fi
echo "$wanted" > "$marker"
echo "sf-cli: installed @salesforce/cli $(node -p "require('./node_modules/@salesforce/cli/package.json').version") in $((SECONDS - started)) s"
