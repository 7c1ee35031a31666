#!/usr/bin/env bash
# Benchmarks (issue 7): starts PostgreSQL and a fresh API on a fresh database, measures start-up and
# memory, runs bench/WasteMovements.Bench and prints a table (also written to .artifacts/bench/results.md).
#
#   eng/bench.sh                                  full run (15 s per level; 125,000 notifications = 1,000,000 events
#                                                 for the rebuild; 1,000,000 notification documents for the queries)
#   eng/bench.sh --seconds 3 --clients 1,8 --rebuild-notifications 2000 --query-notifications 5000   a quick run
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
OUT="$REPO/.artifacts/bench"
mkdir -p "$OUT"
PORT=5090
URL="http://127.0.0.1:${PORT}"

CONN="$(bash eng/postgres.sh)"
PG_PORT="$(sed -n 's/.*Port=\([0-9]*\).*/\1/p' <<<"$CONN")"
export PGPASSWORD=wastemovements
psql -h 127.0.0.1 -p "$PG_PORT" -U wastemovements -d postgres -qc "drop database if exists wm_bench with (force)" -c "create database wm_bench" >&2
BENCH_CONN="${CONN/Database=wastemovements/Database=wm_bench};Maximum Pool Size=200"

echo "[bench] building (Release)" >&2
dotnet restore WasteMovements.sln --locked-mode -v q >&2
dotnet build src/WasteMovements.Api -c Release -o "$OUT/api" -nologo -v q 2>&1 | grep -E "error|rror\(s\)" >&2 || true
dotnet build bench/WasteMovements.Bench -c Release -o "$OUT/bench" -nologo -v q 2>&1 | grep -E "error|rror\(s\)" >&2 || true

export ASPNETCORE_ENVIRONMENT=Development ConnectionStrings__Marten="$BENCH_CONN" Demo__Seed=false
# The load generator writes as a few identities: lift the per-identity write limit for the benchmark.
export RateLimiting__Enabled=false
export Serilog__MinimumLevel__Default=Warning
TOKEN="$(dotnet "$OUT/api/WasteMovements.Api.dll" token --role authority --country MY --sub bench 2>/dev/null)"
BODY='{"stateOfExport":"MY","stateOfImport":"JP","transitStates":[],"kind":"single","reasonForExport":"Recovery","exporter":{"name":"E","address":"A","contact":{"name":"C"}},"generators":[{"name":"G","address":"A","contact":{"name":"C"},"siteOfGeneration":"S","process":"P"}],"consignee":{"name":"C","address":"A","contact":{"name":"C"}},"facility":{"id":"F-1","name":"F","address":"A","siteAddress":"S","contact":{"name":"C"}},"carriers":[],"meansOfTransport":["sea"],"intendedShipments":1,"totalQuantity":10,"unit":"t","firstDeparture":"2027-01-04","lastDeparture":"2027-02-04","waste":{"designation":"Batteries","composition":"Pb","baselCode":"A1160","yCodes":["Y31"],"hCodes":["H8"],"physicalState":"solid","packaging":["box"]},"operation":"R4","contract":{"reference":"C","date":"2026-10-01"},"declaration":{"signedBy":"S","signedAt":"2026-11-01T00:00:00Z","informationCorrect":true}}'

START=$(date +%s%N)
dotnet "$OUT/api/WasteMovements.Api.dll" --urls "$URL" > "$OUT/api.log" 2>&1 &
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

dotnet "$OUT/bench/WasteMovements.Bench.dll" --api "$URL" --db "$BENCH_CONN" --out "$OUT/results.md" "$@"

RSS_LOAD=$(awk '/VmRSS/ {print $2}' /proc/$API/status)
RSS_PEAK=$(awk '/VmHWM/ {print $2}' /proc/$API/status)
{
  echo "| (6) start-up to /health 200 | - | $(( (HEALTHY - START) / 1000000 )) ms | process start to first healthy answer |"
  echo "| (6) first POST /api/notifications | - | +$(( (FIRST - HEALTHY) / 1000000 )) ms | HTTP $CODE; includes compiling the handler chain |"
  echo "| (6) memory at rest | - | $(( RSS_REST / 1024 )) MB | RSS after the first request |"
  echo "| (6) memory after load | - | $(( RSS_LOAD / 1024 )) MB | RSS at the end; peak $(( RSS_PEAK / 1024 )) MB |"
} | tee -a "$OUT/results.md"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(sed -n 's/model name\s*: //p' /proc/cpuinfo | head -1)" | tee -a "$OUT/results.md"
