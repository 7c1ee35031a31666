#!/usr/bin/env bash
# Starts WasteMovements: PostgreSQL (eng/postgres.sh), the schema, and the API on http://127.0.0.1:5080,
# with demo data (notifications between real states at different steps). Ctrl+C stops the API.
#
#   eng/start.sh            with demo data
#   eng/start.sh --no-demo  empty store
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
DEMO=true
for arg in "$@"; do
  case "$arg" in
    --no-demo) DEMO=false ;;
    *) echo "unknown option $arg" >&2; exit 2 ;;
  esac
done

CONN="$(bash eng/postgres.sh)"
echo "[start] restoring (locked: packages.lock.json decides every version) and building" >&2
dotnet restore src/WasteMovements.Api --locked-mode -v q >&2
dotnet build src/WasteMovements.Api -c Release --no-restore -o "$REPO/.artifacts/api" -nologo -v q >&2

URL="http://127.0.0.1:5080"
cat <<MSG

  WasteMovements is starting on ${URL}
    Web UI       ${URL}/ui  (sign in with a demo identity)
    API reference ${URL}/api-reference
    OpenAPI      ${URL}/openapi/v1.json
    Health       ${URL}/health
    Database     ${CONN}
  A token:  dotnet run --project src/WasteMovements.Api -- token --role authority --country DE --sub alice
  Demo data: ${DEMO}. Ctrl+C stops the API.

MSG

export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
export ConnectionStrings__Marten="$CONN"
export Demo__Seed="$DEMO"
cd "$REPO/.artifacts/api"
exec dotnet WasteMovements.Api.dll --urls "$URL"
