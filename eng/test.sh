#!/usr/bin/env bash
# Runs the whole test suite against a real PostgreSQL (started by eng/postgres.sh) and RabbitMQ (eng/rabbitmq.sh,
# for the exchange between nodes) and ends with the line "N passed, N failed" counted from the test results (TRX
# files), not from console text.
#
#   eng/test.sh                        the suite once, the test clock starting near today
#   eng/test.sh --shifts 0,400,-30     once per shift of the test clock's start, in days (CI runs these three)
#   eng/test.sh -- --filter Name~X     anything after -- goes to `dotnet test`
#
# Before the build it runs `eng/codegen.sh check` (the committed pre-generated Wolverine code is current); a failed
# check makes the run fail, the tests still run and the last line is still the count.
# After the tests, the OpenAPI document the API served (written by OpenApiContractTests) is linted with Spectral and Redocly
# (eng/openapi-lint/lint.sh); each linter counts as one check in the closing line, failed when it reports an error.
#
# Packages are restored in locked mode: the packages.lock.json files in git decide every version, and a
# registry serving a new one changes nothing (docs/dependencies.md says how to update the locks).
set -uo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
RESULTS="$REPO/.artifacts/test-results"
SHIFTS="0"
EXTRA=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --shifts) SHIFTS="$2"; shift 2 ;;
    --) shift; EXTRA=("$@"); break ;;
    *) EXTRA+=("$1"); shift ;;
  esac
done

CONN="$(bash eng/postgres.sh)" || { echo "could not start PostgreSQL" >&2; echo "0 passed, 0 failed"; exit 1; }
export WM_TEST_SERVER="$CONN"

# The broker of the exchange's process tests (issue 17). A failed start does not stop the suite: the tests that need
# a broker then fail, saying that WM_TEST_BROKER is unset (tests/WasteMovements.Api.Tests/Infrastructure/Broker.cs).
export WM_RMQ_PORT="${WM_RMQ_PORT:-55672}"
if BROKER="$(bash eng/rabbitmq.sh | tail -n 1)" && [[ "$BROKER" == amqp://* ]]; then
  export WM_TEST_BROKER="$BROKER" WM_TEST_BROKER_PORT="$WM_RMQ_PORT"
  echo "[test] broker: $WM_TEST_BROKER" >&2
else
  unset WM_TEST_BROKER WM_TEST_BROKER_PORT
  echo "[test] could not start RabbitMQ (eng/rabbitmq.sh): the tests that need the broker will fail" >&2
fi

# The browser tests drive Debian's Chromium (Playwright cannot download its own browser here).
if ! command -v chromium >/dev/null 2>&1; then
  echo "[test] installing Debian's chromium and chromium-driver for the browser tests" >&2
  if [[ "$(id -u)" != "0" ]]; then SUDO="sudo"; else SUDO=""; fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get update -qq >&2 && \
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >&2 || echo "[test] could not install chromium" >&2
fi

rm -rf "$RESULTS" "$REPO/.artifacts/openapi"
mkdir -p "$RESULTS"

status=0
codegen_stale=0
echo "[test] restoring in locked mode" >&2
if ! dotnet restore WasteMovements.sln --locked-mode >&2; then
  echo "[test] the locked restore failed: a project's packages differ from its packages.lock.json" >&2
  status=1
else
  # The committed pre-generated Wolverine code must be what the current source generates (production runs it;
  # the tests compile the chains from the source). Checked before the build: stale generated code may not compile.
  # A failure fails the run, and the tests still run.
  echo "[test] checking the pre-generated code (eng/codegen.sh check)" >&2
  if ! bash eng/codegen.sh check; then
    codegen_stale=1
    status=1
  fi
  if ! dotnet build WasteMovements.sln -c Release --no-restore -nologo >&2; then
    echo "[test] the build failed" >&2
    [[ $codegen_stale -eq 1 ]] && echo "[test] (the generated code is stale, which can break the build: run bash eng/codegen.sh write)" >&2
    status=1
  else
    IFS=',' read -r -a shift_list <<<"$SHIFTS"
    for days in "${shift_list[@]}"; do
      echo "[test] the test clock starts ${days} days from today (WM_TEST_CLOCK_SHIFT_DAYS=${days})" >&2
      WM_TEST_CLOCK_SHIFT_DAYS="$days" dotnet test WasteMovements.sln -c Release --no-build --logger "trx" \
        --results-directory "$RESULTS/shift_${days}" "${EXTRA[@]}" || status=1
    done
  fi
fi

lint_passed=0; lint_failed=0
served="$REPO/.artifacts/openapi/v1.json"
if [[ -d "$RESULTS" ]] && compgen -G "$RESULTS/*/*.trx" >/dev/null; then
  if [[ ! -f "$served" && ${#EXTRA[@]} -gt 0 ]]; then
    echo "[test] the contract tests did not run (filtered): the OpenAPI lint is skipped" >&2
  else
    echo "[test] linting the served OpenAPI document (eng/openapi-lint/lint.sh)" >&2
    rm -rf "$REPO/.artifacts/openapi-lint"
    bash eng/openapi-lint/lint.sh "$served"
    lint_exit=$?
    for linter in spectral redocly; do
      summary="$REPO/.artifacts/openapi-lint/$linter.summary"
      if [[ -f "$summary" ]] && grep -q ": 0 errors," "$summary"; then lint_passed=$((lint_passed + 1)); else lint_failed=$((lint_failed + 1)); fi
      echo "[test] openapi lint: $(cat "$summary" 2>/dev/null || echo "$linter did not run")" >&2
    done
    if [[ $lint_exit -ne 0 && $lint_failed -eq 0 ]]; then lint_failed=1; fi
    [[ $lint_failed -gt 0 ]] && status=1
  fi
fi

passed=0; failed=0; files=0
for trx in "$RESULTS"/*/*.trx; do
  [[ -f "$trx" ]] || continue
  files=$((files + 1))
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)"
  p="$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")"
  f="$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")"
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
  echo "[test] $(basename "$(dirname "$trx")") $(basename "$trx"): ${p:-0} passed, ${f:-0} failed" >&2
done

passed=$((passed + lint_passed)); failed=$((failed + lint_failed))
if [[ $lint_failed -gt 0 ]]; then echo "[test] the OpenAPI lint failed (see the [lint] lines above)" >&2; fi

if [[ $files -eq 0 ]]; then
  echo "no test results were written (build failure?)" >&2
  [[ $status -eq 0 ]] && status=1
fi
if [[ $passed -eq 0 && $status -eq 0 ]]; then
  echo "no test ran" >&2
  status=1
fi
[[ $failed -gt 0 ]] && status=1
if [[ $codegen_stale -eq 1 ]]; then
  echo "[test] FAILED: the committed pre-generated code is stale: run   bash eng/codegen.sh write   and commit src/WasteMovements.Api/Internal/Generated" >&2
fi
echo "${passed} passed, ${failed} failed"
exit $status
