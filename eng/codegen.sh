#!/usr/bin/env bash
# Wolverine's pre-generated handler and endpoint code (docs/operations.md, "Pre-generated code"), committed in
# src/WasteMovements.Api/Internal/Generated and loaded with TypeLoadMode.Static outside Development and Testing.
#
#   eng/codegen.sh write   regenerate it from the current source (after any change to an endpoint, a handler, a
#                          policy or middleware, or a service they take); commit the folder
#   eng/codegen.sh check   generate into a temporary folder and fail, naming the command to run, if the committed
#                          code differs (eng/test.sh runs this, so CI does)
#
# Both build the API in the configuration "Codegen" (bin/Codegen, obj/Codegen), which leaves Internal/Generated out of
# the compilation: the code can be regenerated even when the committed copy no longer compiles against changed
# handlers. The generator runs as `codegen write` of the JasperFx command line, in the Production environment, with a
# clean environment (no variable of the caller's shell can change the output), and contacts no database; its output
# holds no timestamp or path, so every machine generates the same bytes. Output: messages on stderr only.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PROJECT_DIR="$REPO/src/WasteMovements.Api"
GENERATED_REL="src/WasteMovements.Api/Internal/Generated"
GENERATED="$REPO/$GENERATED_REL"
DLL="$PROJECT_DIR/bin/Codegen/net10.0/WasteMovements.Api.dll"
WRITE_COMMAND="bash eng/codegen.sh write"

log() { echo "[codegen] $*" >&2; }

usage() {
  sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

build() {
  log "building the API without its generated code (configuration Codegen)"
  dotnet restore "$PROJECT_DIR" --locked-mode -v q >&2
  if ! dotnet build "$PROJECT_DIR" -c Codegen --no-restore -nologo -v q -clp:ErrorsOnly >&2; then
    log "FAILED: the API does not build (even without Internal/Generated): fix the compile errors first"
    return 1
  fi
}

# generate <folder>: writes the generated code into <folder> (emptied first).
generate() {
  local out="$1" log_file
  rm -rf "$out"
  mkdir -p "$out"
  log_file="$(mktemp "${TMPDIR:-/tmp}/wm-codegen-log.XXXXXX")"
  # A connection string must be set (Program.cs reads it), but `codegen write` opens no connection: appsettings.json's
  # default is used as is. Wolverine__GeneratedCodeOutputPath is read by Program.cs.
  if ! (cd "$PROJECT_DIR" && env -i PATH="$PATH" HOME="${HOME:-/tmp}" TMPDIR="${TMPDIR:-/tmp}" \
          ${DOTNET_ROOT:+DOTNET_ROOT="$DOTNET_ROOT"} \
          DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 \
          ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production \
          Wolverine__GeneratedCodeOutputPath="$out" \
          dotnet "$DLL" codegen write) >"$log_file" 2>&1; then
    cat "$log_file" >&2
    rm -f "$log_file"
    log "FAILED: \`codegen write\` did not run to the end (its output is above)"
    return 1
  fi
  rm -f "$log_file"
  if [[ -z "$(find "$out" -name '*.cs' -print -quit)" ]]; then
    log "FAILED: \`codegen write\` wrote no file into $out"
    return 1
  fi
}

case "${1:-}" in
  write)
    build
    mkdir -p "$REPO/.artifacts"
    NEW="$(mktemp -d "$REPO/.artifacts/codegen-new.XXXXXX")"
    trap 'rm -rf "$NEW"' EXIT
    generate "$NEW"
    # Replace the whole folder: files of removed endpoints or handlers go too.
    rm -rf "$GENERATED"
    mkdir -p "$(dirname "$GENERATED")"
    mv "$NEW" "$GENERATED"
    trap - EXIT
    log "wrote $(find "$GENERATED" -name '*.cs' | wc -l) files into $GENERATED_REL; commit them"
    (cd "$REPO" && git status --short -- "$GENERATED_REL" >&2) || true
    ;;
  check)
    build
    TMP="$(mktemp -d "${TMPDIR:-/tmp}/wm-codegen.XXXXXX")"
    trap 'rm -rf "$TMP"' EXIT
    generate "$TMP/Generated"
    if [[ ! -d "$GENERATED" ]]; then
      log "FAILED: $GENERATED_REL does not exist. Run: $WRITE_COMMAND   and commit $GENERATED_REL"
      exit 1
    fi
    if ! diff -r -q --strip-trailing-cr "$GENERATED" "$TMP/Generated" >/dev/null 2>&1; then
      log "FAILED: the committed generated code is not what the current source generates:"
      diff -r -q --strip-trailing-cr "$GENERATED" "$TMP/Generated" 2>&1 \
        | sed -e "s|$GENERATED|$GENERATED_REL (committed)|g" -e "s|$TMP/Generated|(generated now)|g" -e 's/^/[codegen]   /' >&2 || true
      diff -r -u --strip-trailing-cr "$GENERATED" "$TMP/Generated" 2>&1 \
        | sed -e "s|$GENERATED|committed|g" -e "s|$TMP/Generated|generated|g" | head -n 60 >&2 || true
      log "FAILED: run   $WRITE_COMMAND   and commit $GENERATED_REL"
      exit 1
    fi
    log "OK: $GENERATED_REL is what the current source generates ($(find "$GENERATED" -name '*.cs' | wc -l) files)"
    ;;
  -h|--help|help|"") usage ;;
  *) log "unknown action '$1'"; usage ;;
esac
