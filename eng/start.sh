#!/usr/bin/env bash
# Starts WasteMovements: PostgreSQL (eng/postgres.sh), RabbitMQ (eng/rabbitmq.sh), the schema, and the API on
# http://127.0.0.1:5080, with demo data (notifications between real states at different steps). Ctrl+C stops the API.
#
#   eng/start.sh                 with demo data
#   eng/start.sh --no-demo       empty store
#   eng/start.sh --nodes DE,NL   the exchange between nodes (issue 17): one API per node, each serving the state of its
#                                name, with its own database (wm_node_<node>) and signing key (eng/exchange-keys.sh), on
#                                http://127.0.0.1:5081, :5082, ... and every other node as its peer, through the broker.
#                                No demo data (it writes facts of many states). Ctrl+C stops them all.
#
# The single node (no --nodes) runs without the exchange, as before issue 17: the broker is started so that it is
# there when wanted, and a failed broker start is only a warning.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
DEMO=true
NODES=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --no-demo) DEMO=false; shift ;;
    --nodes) NODES="${2:?--nodes needs a list such as DE,NL}"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

CONN="$(bash eng/postgres.sh)"
if BROKER="$(bash eng/rabbitmq.sh | tail -n 1)"; then
  :
else
  BROKER=""
  [[ -n "$NODES" ]] && { echo "[start] could not start RabbitMQ (eng/rabbitmq.sh): the nodes cannot exchange" >&2; exit 1; }
  echo "[start] warning: could not start RabbitMQ (eng/rabbitmq.sh); the single node does not need it" >&2
fi
echo "[start] restoring (locked: packages.lock.json decides every version) and building" >&2
dotnet restore src/WasteMovements.Api --locked-mode -v q >&2
dotnet build src/WasteMovements.Api -c Release --no-restore -o "$REPO/.artifacts/api" -nologo -v q >&2

export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"

if [[ -z "$NODES" ]]; then
  URL="http://127.0.0.1:5080"
  cat <<MSG

  WasteMovements is starting on ${URL}
    Web UI       ${URL}/ui  (sign in with a demo identity)
    API reference ${URL}/api-reference
    OpenAPI      ${URL}/openapi/v1.json
    Health       ${URL}/health
    Database     ${CONN}
    Broker       ${BROKER:-not running} (not used by a single node)
  A token:  dotnet run --project src/WasteMovements.Api -- token --role authority --country DE --sub alice
  Demo data: ${DEMO}. Ctrl+C stops the API.

MSG
  export ConnectionStrings__Marten="$CONN"
  export Demo__Seed="$DEMO"
  cd "$REPO/.artifacts/api"
  exec dotnet WasteMovements.Api.dll --urls "$URL"
fi

# --- --nodes: one API per node, exchanging fact batches through the broker ----------------------------------------
IFS=',' read -r -a NODE_LIST <<<"$(tr '[:lower:]' '[:upper:]' <<<"$NODES")"
KEYS="$(bash eng/exchange-keys.sh "${NODE_LIST[@]}" | tail -n 1)"
PG_PORT="$(sed -n 's/.*Port=\([0-9]*\).*/\1/p' <<<"$CONN")"
export PGPASSWORD=wastemovements

# node_settings I: the environment of node I (NODE_LIST[I]): its database, the broker, its state, its key, its peers.
node_settings() {
  local i="$1" node="${NODE_LIST[$1]}" lower p=0 j peer
  lower="$(tr '[:upper:]' '[:lower:]' <<<"$node")"
  echo "ConnectionStrings__Marten=${CONN/Database=wastemovements/Database=wm_node_${lower}}"
  echo "Demo__Seed=false"
  echo "Exchange__Node=$node"
  echo "Exchange__States__0=$node"
  echo "Exchange__Broker=$BROKER"
  echo "Exchange__SigningKeys__0__State=$node"
  echo "Exchange__SigningKeys__0__Kid=$node-1"
  echo "Exchange__SigningKeys__0__PrivateKeyFile=$KEYS/$lower.pem"
  echo "Exchange__SigningKeys__0__Active=true"
  for j in "${!NODE_LIST[@]}"; do
    [[ "$j" == "$i" ]] && continue
    peer="${NODE_LIST[$j]}"
    echo "Exchange__Peers__${p}__Node=$peer"
    echo "Exchange__Peers__${p}__States__0=$peer"
    echo "Exchange__Peers__${p}__Keys__0__State=$peer"
    echo "Exchange__Peers__${p}__Keys__0__Kid=$peer-1"
    echo "Exchange__Peers__${p}__Keys__0__PublicKeyFile=$KEYS/$(tr '[:upper:]' '[:lower:]' <<<"$peer").pub.pem"
    p=$((p + 1))
  done
}

PIDS=()
trap 'for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; wait' EXIT INT TERM
echo "" >&2
for i in "${!NODE_LIST[@]}"; do
  node="${NODE_LIST[$i]}"; lower="$(tr '[:upper:]' '[:lower:]' <<<"$node")"
  psql -h 127.0.0.1 -p "$PG_PORT" -U wastemovements -d postgres -qAt \
    -c "select 1 from pg_database where datname = 'wm_node_${lower}'" | grep -q 1 \
    || psql -h 127.0.0.1 -p "$PG_PORT" -U wastemovements -d postgres -qc "create database wm_node_${lower}" >&2
  URL="http://127.0.0.1:$((5081 + i))"
  mapfile -t SETTINGS < <(node_settings "$i")
  (cd "$REPO/.artifacts/api" && exec env "${SETTINGS[@]}" dotnet WasteMovements.Api.dll --urls "$URL" \
     > "$REPO/.artifacts/node-$lower.log" 2>&1) &
  PIDS+=($!)
  echo "  node $node on $URL (the authorities of $node; log .artifacts/node-$lower.log)" >&2
done
cat >&2 <<MSG
  Broker $BROKER
  A token:  dotnet run --project src/WasteMovements.Api -- token --role authority --country ${NODE_LIST[0]} --sub alice
  Ctrl+C stops the nodes.

MSG
wait -n "${PIDS[@]}" || true
echo "[start] a node stopped; stopping the others" >&2
