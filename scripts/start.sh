#!/usr/bin/env bash
# npm start: install npm dependencies when they are missing or stale, then hand over to scripts/start.ts.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[threadline] installing npm dependencies (npm ci)…"
  npm ci --no-audit --no-fund
fi
exec node --import tsx scripts/start.ts "$@"
