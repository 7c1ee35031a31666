#!/usr/bin/env bash
# Runs the whole test suite against a real PostgreSQL (started by eng/postgres.sh) and ends with the
# line "N passed, N failed" counted from the test results (TRX files), not from console text.
set -uo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
RESULTS="$REPO/.artifacts/test-results"

CONN="$(bash eng/postgres.sh)" || { echo "could not start PostgreSQL" >&2; echo "0 passed, 0 failed"; exit 1; }
export WM_TEST_SERVER="$CONN"

# The browser tests drive Debian's Chromium (Playwright cannot download its own browser here).
if ! command -v chromium >/dev/null 2>&1; then
  echo "[test] installing Debian's chromium and chromium-driver for the browser tests" >&2
  if [[ "$(id -u)" != "0" ]]; then SUDO="sudo"; else SUDO=""; fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get update -qq >&2 && \
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >&2 || echo "[test] could not install chromium" >&2
fi

rm -rf "$RESULTS"
mkdir -p "$RESULTS"

dotnet test WasteMovements.sln -c Release --logger "trx" --results-directory "$RESULTS" "$@"
status=$?

passed=0; failed=0; files=0
for trx in "$RESULTS"/*.trx; do
  [[ -f "$trx" ]] || continue
  files=$((files + 1))
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)"
  p="$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")"
  f="$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")"
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done

if [[ $files -eq 0 ]]; then
  echo "no test results were written (build failure?)" >&2
  [[ $status -eq 0 ]] && status=1
fi
if [[ $passed -eq 0 && $status -eq 0 ]]; then
  echo "no test ran" >&2
  status=1
fi
echo "${passed} passed, ${failed} failed"
exit $status
