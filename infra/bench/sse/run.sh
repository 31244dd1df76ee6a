#!/usr/bin/env bash
# SSE load: starts Kepu on the dev stack (dev profile, metrics exposed, per-address stream limit lifted since
# every stream comes from 127.0.0.1), then runs SseLoad.java against it and stops the app.
#   infra/bench/sse/run.sh [streams=10000] [broadcasts=5]
# Class histograms of the app before and after the streams open are kept (target/bench-sse-histo-*.txt) and
# compared: what each connection costs, by class. KEPU_BENCH_PROFILE=1 also records the app with JFR
# (target/bench-sse.jfr).
# KEPU_BENCH_PIN=0 leaves both processes free to use every core.
# KEPU_BENCH_APP_ARGS adds arguments to the app (e.g. a property to compare with and without).
# (TERM, not INT: a background job of a non-interactive shell ignores SIGINT.)
# Server pinned to cpu1, client to cpu0 (as in the performance study). nofile is raised to the hard limit
# (20,000 per process on the project machines): the app holds N sockets, the client another N.
set -euo pipefail
cd "$(dirname "$0")/../../.."
N=${1:-10000}
BROADCASTS=${2:-5}
PORT=${KEPU_BENCH_PORT:-18090}
ulimit -n "$(ulimit -Hn)"
./mvnw -q -B test-compile -Dkepu.frontend.skip=true
./mvnw -q -B dependency:build-classpath -Dmdep.outputFile=target/bench-cp.txt -Dmdep.includeScope=test
CP="target/classes:target/test-classes:$(cat target/bench-cp.txt)"
PIN_APP=""; PIN_CLIENT=""
if [ "${KEPU_BENCH_PIN:-1}" = 1 ] && command -v taskset >/dev/null && [ "$(nproc)" -ge 2 ]; then PIN_APP="taskset -c 1"; PIN_CLIENT="taskset -c 0"; fi
LOG=target/bench-sse-app.log
: >"$LOG" # emptied here: the background job's own redirection may come after the first look for "running"
PROFILE=""
if [ "${KEPU_BENCH_PROFILE:-}" = 1 ]; then
  PROFILE="-XX:StartFlightRecording=settings=profile,filename=target/bench-sse.jfr"
fi
$PIN_APP java -Xms1g -Xmx1g -XX:+UseG1GC $PROFILE -cp "$CP" org.kepu.TestKepuApplication \
  --server.port="$PORT" \
  --management.endpoints.web.exposure.include=health,info,metrics \
  --kepu.live.streams-per-address=100000 --kepu.live.max-streams=100000 \
  --logging.level.org.kepu=WARN ${KEPU_BENCH_APP_ARGS:-} >"$LOG" 2>&1 &
APP=$!
trap 'kill -TERM $APP 2>/dev/null || true; wait $APP 2>/dev/null || true' EXIT
for _ in $(seq 1 240); do
  grep -q "Kepu is running" "$LOG" && break
  kill -0 $APP 2>/dev/null || { tail -50 "$LOG"; exit 1; }
  sleep 1
done
# the engines are the app's children and inherit its pinning: let them use both cores, so the app has cpu1
# to share only with what else runs on the machine
if [ -n "$PIN_APP" ]; then
  for engine in $(pgrep -P "$APP" || true); do taskset -apc 0-"$(($(nproc) - 1))" "$engine" >/dev/null || true; done
fi
sleep 10 # demo data and the index settle
$PIN_CLIENT java -Xmx1g -cp "$CP" infra/bench/sse/SseLoad.java "http://127.0.0.1:$PORT" "$N" "$APP" "$BROADCASTS"
