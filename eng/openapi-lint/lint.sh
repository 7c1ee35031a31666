#!/usr/bin/env bash
# Lints the OpenAPI document with Spectral (ruleset spectral:oas, .spectral.yaml) and Redocly (recommended, redocly.yaml), at
# the exact versions of package-lock.json (installed with `npm ci` into eng/openapi-lint/node_modules, git-ignored, once per
# lock file). Prints one line per linter with its error and warning counts, and the findings; exits 1 if either linter
# reports an error or cannot run.
#
#   eng/openapi-lint/lint.sh [document]   default: .artifacts/openapi/v1.json, the served document that OpenApiContractTests writes
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
DOC="${1:-$REPO/.artifacts/openapi/v1.json}"
OUT="$REPO/.artifacts/openapi-lint"
# No telemetry, update checks or install-time analytics: the only network this needs is the npm registry, once.
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true SCARF_ANALYTICS=false DO_NOT_TRACK=1 NO_UPDATE_NOTIFIER=1

log() { echo "[lint] $*" >&2; }

if [[ ! -f "$DOC" ]]; then
  log "no OpenAPI document at $DOC (the contract tests write it)"
  exit 1
fi

if ! command -v npm >/dev/null 2>&1; then
  log "installing Debian's nodejs and npm"
  if [[ "$(id -u)" != "0" ]]; then SUDO="sudo"; else SUDO=""; fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq nodejs npm >&2 \
    || { log "could not install npm"; exit 1; }
fi

stamp="$HERE/node_modules/.wastemovements-lock"
lock_sum="$(sha256sum "$HERE/package-lock.json" | cut -d' ' -f1)"
if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$lock_sum" ]]; then
  log "installing the linters of eng/openapi-lint/package-lock.json (npm ci)"
  if ! npm ci --prefix "$HERE" --ignore-scripts --no-audit --no-fund --loglevel=error >&2; then
    log "npm ci failed"
    exit 1
  fi
  echo "$lock_sum" >"$stamp"
fi

mkdir -p "$OUT"
status=0

# Spectral: JSON results; severity 0 error, 1 warning, 2 information, 3 hint.
"$HERE/node_modules/.bin/spectral" lint "$DOC" --ruleset "$HERE/.spectral.yaml" --format json --output "$OUT/spectral.json" --fail-severity error --quiet >/dev/null 2>"$OUT/spectral.err"
spectral_exit=$?
if ! node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const n = s => r.filter(x => x.severity === s).length;
  for (const x of r.filter(x => x.severity <= 1)) console.error(`[lint]   spectral ${x.severity === 0 ? "error" : "warning"} ${x.code}: ${x.message} (${x.path.join(".")})`);
  console.log(`spectral (spectral:oas): ${n(0)} errors, ${n(1)} warnings`);
  process.exit(n(0) > 0 ? 1 : 0);' "$OUT/spectral.json" >"$OUT/spectral.summary"; then
  status=1
fi
if [[ ! -s "$OUT/spectral.summary" ]]; then
  echo "spectral (spectral:oas): did not run (exit $spectral_exit): $(head -c 500 "$OUT/spectral.err")" >"$OUT/spectral.summary"
  status=1
elif [[ $spectral_exit -ne 0 ]]; then
  status=1
fi
log "$(cat "$OUT/spectral.summary")"

# Redocly: JSON report with totals.
"$HERE/node_modules/.bin/redocly" lint "$DOC" --config "$HERE/redocly.yaml" --format json >"$OUT/redocly.json" 2>"$OUT/redocly.err"
redocly_exit=$?
if ! node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  for (const p of r.problems.filter(p => p.severity !== "ignored")) console.error(`[lint]   redocly ${p.severity} ${p.ruleId}: ${p.message} (${(p.location[0] || {}).pointer || ""})`);
  console.log(`redocly (recommended): ${r.totals.errors} errors, ${r.totals.warnings} warnings`);
  process.exit(r.totals.errors > 0 ? 1 : 0);' "$OUT/redocly.json" >"$OUT/redocly.summary"; then
  status=1
fi
if [[ ! -s "$OUT/redocly.summary" ]]; then
  echo "redocly (recommended): did not run (exit $redocly_exit): $(head -c 500 "$OUT/redocly.err")" >"$OUT/redocly.summary"
  status=1
elif [[ $redocly_exit -ne 0 ]]; then
  status=1
fi
log "$(cat "$OUT/redocly.summary")"

exit $status
