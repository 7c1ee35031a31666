#!/usr/bin/env bash
# Benchmarks (issue 7): starts PostgreSQL and a fresh API on a fresh database, measures start-up and
# memory, runs bench/WasteMovements.Bench and prints a table (also written to .artifacts/bench/results.md).
#
#   eng/bench.sh                                  full run (15 s per level; 125,000 notifications = 1,000,000 events
#                                                 for the rebuild; 1,000,000 notification documents for the queries)
#   eng/bench.sh --seconds 3 --clients 1,8 --rebuild-notifications 2000 --query-notifications 5000   a quick run
#   eng/bench.sh --cold-start 3 [VARIANT...]      only start-up: per run and variant, in alternation, a fresh API process:
#                                                 process start to /health 200, the 1st and the 10th POST /api/notifications,
#                                                 RSS after them. A VARIANT is a TypeLoadMode of this build (Dynamic,
#                                                 Auto, Static; default: Dynamic Static) or LABEL=PATH/WasteMovements.Api.dll
#                                                 (another build, run with its own defaults). Table in .artifacts/bench/cold-start.md
#   eng/bench.sh --exchange [--exchange-movements 200] [--exchange-clients 1,8] [--only exchange-baseline]
#                                                 only the exchange's latency (issue 17): starts the broker (eng/rabbitmq.sh),
#                                                 measures a raw RabbitMQ publish -> INSERT at a database B (the baseline), then
#                                                 starts two API processes, nodes DE and NL, each with its own database, and
#                                                 measures a filing at DE until its fact is committed at NL. Table in
#                                                 .artifacts/bench/exchange.md, the nodes' logs next to it (node-de.log, node-nl.log)
#
# The API runs in Development (for the development token) with Wolverine__TypeLoadMode=Static, production's
# mode (docs/operations.md), unless WM_BENCH_TYPE_LOAD_MODE says otherwise. WM_BENCH_PORT: the API's port (5090);
# with --exchange the nodes take WM_BENCH_PORT + 1 and + 2. WM_RMQ_PORT: the broker's port (eng/rabbitmq.sh).
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
COLD_RUNS=""
VARIANTS=()
EXCHANGE=0
if [[ "${1:-}" == "--exchange" ]]; then
  EXCHANGE=1
  shift
fi
if [[ "${1:-}" == "--cold-start" ]]; then
  COLD_RUNS="${2:-3}"
  shift; [[ $# -gt 0 ]] && shift
  VARIANTS=("$@")
  [[ ${#VARIANTS[@]} -eq 0 ]] && VARIANTS=(Dynamic Static)
  set --
fi
OUT="$REPO/.artifacts/bench"
mkdir -p "$OUT"
PORT="${WM_BENCH_PORT:-5090}"
URL="http://127.0.0.1:${PORT}"

CONN="$(bash eng/postgres.sh)"
PG_PORT="$(sed -n 's/.*Port=\([0-9]*\).*/\1/p' <<<"$CONN")"
export PGPASSWORD=wastemovements
psql -h 127.0.0.1 -p "$PG_PORT" -U wastemovements -d postgres -qc "drop database if exists wm_bench with (force)" -c "create database wm_bench" >&2
BENCH_CONN="${CONN/Database=wastemovements/Database=wm_bench};Maximum Pool Size=200"

echo "[bench] building (Release)" >&2
dotnet restore WasteMovements.sln --locked-mode -v q >&2
dotnet build src/WasteMovements.Api -c Release -o "$OUT/api" -nologo -v q 2>&1 | grep -E "error|rror\(s\)" >&2 || true
[[ -n "$COLD_RUNS" ]] || dotnet build bench/WasteMovements.Bench -c Release -o "$OUT/bench" -nologo -v q 2>&1 | grep -E "error|rror\(s\)" >&2 || true

if [[ $EXCHANGE -eq 1 ]]; then
  BROKER="$(bash eng/rabbitmq.sh | tail -n 1)"
  ONLY=(--only exchange)
  for arg in "$@"; do [[ "$arg" == "--only" ]] && ONLY=(); done
  dotnet "$OUT/bench/WasteMovements.Bench.dll" --db "$BENCH_CONN" --broker "$BROKER" --api-dll "$OUT/api/WasteMovements.Api.dll" \
    --exchange-port "$((PORT + 1))" --out "$OUT/exchange.md" "${ONLY[@]}" "$@"
  echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(sed -n 's/model name\s*: //p' /proc/cpuinfo | head -1); load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/exchange.md"
  exit 0
fi

export ASPNETCORE_ENVIRONMENT=Development ConnectionStrings__Marten="$BENCH_CONN" Demo__Seed=false
# The load generator writes as a few identities: lift the per-identity write limit for the benchmark.
export RateLimiting__Enabled=false
export Serilog__MinimumLevel__Default=Warning
TOKEN="$(dotnet "$OUT/api/WasteMovements.Api.dll" token --role authority --country MY --sub bench 2>/dev/null)"
TYPE_LOAD_MODE="${WM_BENCH_TYPE_LOAD_MODE:-Static}"
# The notification's dates relative to today, so that the first POST is valid on any date.
day() { date -u -d "$1" +%F; }
BODY='{"stateOfExport":"MY","stateOfImport":"JP","transitStates":[],"kind":"single","reasonForExport":"Recovery","exporter":{"name":"E","address":"A","contact":{"name":"C"}},"generators":[{"name":"G","address":"A","contact":{"name":"C"},"siteOfGeneration":"S","process":"P"}],"consignee":{"name":"C","address":"A","contact":{"name":"C"}},"facility":{"id":"F-1","name":"F","address":"A","siteAddress":"S","contact":{"name":"C"}},"carriers":[],"meansOfTransport":["sea"],"intendedShipments":1,"totalQuantity":10,"unit":"t","firstDeparture":"'"$(day '+34 days')"'","lastDeparture":"'"$(day '+65 days')"'","waste":{"designation":"Batteries","composition":"Pb","baselCode":"A1160","yCodes":["Y31"],"hCodes":["H8"],"physicalState":"solid","packaging":["box"]},"operation":"R4","contract":{"reference":"C","date":"'"$(day '-61 days')"'"},"declaration":{"signedBy":"S","signedAt":"'"$(day '-30 days')"'T00:00:00Z","informationCorrect":true}}'

if [[ "${COLD_RUNS:-}" != "" ]]; then
  # --cold-start: a fresh process per run and variant, the variants alternating within each run.
  post() { curl -s -o /dev/null -w '%{http_code} %{time_total}' -H "Authorization: Bearer $TOKEN" \
             -H 'Content-Type: application/json' -d "$BODY" "$URL/api/notifications"; }
  # start_api VARIANT: starts the API of the variant in the background, sets API.
  start_api() {
    local variant="$1"
    if [[ "$variant" == *=* ]]; then
      dotnet "${variant#*=}" --urls "$URL" > "$OUT/api.log" 2>&1 &
    else
      Wolverine__TypeLoadMode="$variant" dotnet "$OUT/api/WasteMovements.Api.dll" --urls "$URL" > "$OUT/api.log" 2>&1 &
    fi
    API=$!
  }
  wait_healthy() {
    until curl -sf "$URL/health" >/dev/null; do
      kill -0 $API 2>/dev/null || { cat "$OUT/api.log" >&2; exit 1; }
      sleep 0.02
    done
  }
  API=""
  stop_api() { [[ -z "$API" ]] && return 0; kill "$API" 2>/dev/null || true; wait "$API" 2>/dev/null || true; API=""; }
  trap 'stop_api' EXIT
  echo "[bench] warm-up start (creates the schema; not measured)" >&2
  start_api "${VARIANTS[0]}"; wait_healthy; stop_api
  TABLE="$OUT/cold-start.md"
  {
    echo "| run | variant | start to /health 200 | 1st POST | 10th POST | RSS after 10 POSTs |"
    echo "| --- | --- | --- | --- | --- | --- |"
  } | tee "$TABLE"
  for run in $(seq 1 "$COLD_RUNS"); do
    for variant in "${VARIANTS[@]}"; do
      START=$(date +%s%N)
      start_api "$variant"
      wait_healthy
      HEALTHY=$(date +%s%N)
      read -r code1 t1 <<<"$(post)"
      codes="$code1"
      for i in $(seq 2 10); do read -r code t <<<"$(post)"; codes="$codes,$code"; done
      [[ "$codes" == "201,201,201,201,201,201,201,201,201,201" ]] || { echo "[bench] unexpected answers: $codes" >&2; cat "$OUT/api.log" >&2; exit 1; }
      RSS=$(awk '/VmRSS/ {print $2}' /proc/$API/status)
      stop_api
      printf '| %s | %s | %d ms | %.0f ms | %.1f ms | %d MB |\n' "$run" "${variant%%=*}" $(( (HEALTHY - START) / 1000000 )) \
        "$(awk -v t="$t1" 'BEGIN {print t * 1000}')" "$(awk -v t="$t" 'BEGIN {print t * 1000}')" $(( RSS / 1024 )) | tee -a "$TABLE"
    done
  done
  echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(sed -n 's/model name\s*: //p' /proc/cpuinfo | head -1); load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$TABLE"
  exit 0
fi

START=$(date +%s%N)
Wolverine__TypeLoadMode="$TYPE_LOAD_MODE" dotnet "$OUT/api/WasteMovements.Api.dll" --urls "$URL" > "$OUT/api.log" 2>&1 &
API=$!
trap 'kill $API 2>/dev/null || true' EXIT
until curl -sf "$URL/health" >/dev/null; do
  kill -0 $API 2>/dev/null || { cat "$OUT/api.log" >&2; exit 1; }
  sleep 0.05
done
HEALTHY=$(date +%s%N)
CODE=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d "$BODY" "$URL/api/notifications")
FIRST=$(date +%s%N)
RSS_REST=$(awk '/VmRSS/ {print $2}' /proc/$API/status)
CPU_START=$(awk '{print $14 + $15}' /proc/$API/stat)

dotnet "$OUT/bench/WasteMovements.Bench.dll" --api "$URL" --db "$BENCH_CONN" --out "$OUT/results.md" "$@"

# The API's CPU time (user + system, clock ticks) during the measures: less sensitive than throughput to
# other load on the machine.
CPU_TICKS=$(( $(awk '{print $14 + $15}' /proc/$API/stat) - CPU_START ))
RSS_LOAD=$(awk '/VmRSS/ {print $2}' /proc/$API/status)
RSS_PEAK=$(awk '/VmHWM/ {print $2}' /proc/$API/status)
{
  echo "| (6) start-up to /health 200 | - | $(( (HEALTHY - START) / 1000000 )) ms | process start to first healthy answer |"
  echo "| (6) first POST /api/notifications | - | +$(( (FIRST - HEALTHY) / 1000000 )) ms | HTTP $CODE; TypeLoadMode $TYPE_LOAD_MODE (Dynamic: includes compiling the handler chain) |"
  echo "| (6) memory at rest | - | $(( RSS_REST / 1024 )) MB | RSS after the first request |"
  echo "| (6) API CPU time | - | $(( CPU_TICKS * 1000 / $(getconf CLK_TCK) )) ms | user + system of the API process during the measures (warm-ups and handler compilation included) |"
  echo "| (6) memory after load | - | $(( RSS_LOAD / 1024 )) MB | RSS at the end; peak $(( RSS_PEAK / 1024 )) MB |"
} | tee -a "$OUT/results.md"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(sed -n 's/model name\s*: //p' /proc/cpuinfo | head -1)" | tee -a "$OUT/results.md"
