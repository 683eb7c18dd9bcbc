#!/usr/bin/env bash
# npm test: install npm dependencies when missing or stale, then scripts/test.ts starts what tests need.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
exec node --import tsx scripts/test.ts "$@"
