#!/usr/bin/env bash
# Kepu benchmark harness: one command for the whole suite or one scenario (see infra/bench/README.md).
#   infra/bench/run.sh [--scale N] [--only scenario[,scenario]] [--duration SECONDS] [--rounds K] [--no-pin] …
# Installs wrk if missing (Debian, needs root), builds the test classpath, starts the dev stack and the app,
# loads the data set, warms up, runs, stops everything and writes infra/bench/results/<date>.{json,md}.
set -euo pipefail
cd "$(dirname "$0")/../.."

need() { command -v "$1" >/dev/null 2>&1; }
if ! need wrk; then
  if [ "$(id -u)" != 0 ]; then echo "wrk is missing: apt-get install wrk (as root)" >&2; exit 1; fi
  apt-get -o DPkg::Lock::Timeout=300 install -y wrk >/dev/null || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
fi
for tool in pgbench psql taskset python3 java; do
  need "$tool" || { echo "$tool is missing (Debian: postgresql-client for pgbench/psql, util-linux, python3)" >&2; exit 1; }
done

# the app and the dev stack from the test classpath (no front end: the benchmark does not need it)
if [ -z "${KEPU_BENCH_SKIP_BUILD:-}" ]; then
  ./mvnw -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt \
    -Dmdep.includeScope=test -Dkepu.frontend.skip=true
fi
exec python3 infra/bench/bench.py "$@"
