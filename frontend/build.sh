#!/usr/bin/env bash
# Builds the front end into frontend/dist with the machine's Node and npm (called by the Maven build).
# Usage: frontend/build.sh [test]   -- "test" also runs the unit tests.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

for tool in node npm; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "frontend/build.sh: '$tool' not found: install Node.js 20+ and npm, e.g. apt-get install nodejs npm" >&2
    exit 1
  fi
done

node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
  echo "frontend/build.sh: Node.js $(node --version) is too old: install Node.js 20+ and npm, e.g. apt-get install nodejs npm" >&2
  exit 1
fi

# npm ci only when dependencies are missing or the lock file changed since the last install.
if [ ! -d node_modules ] || [ ! -f node_modules/.package-lock.json ] ||
  [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi

npm run build

if [ "${1:-}" = "test" ]; then
  npm test
fi
