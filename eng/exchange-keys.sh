#!/usr/bin/env bash
# Writes a signing key pair per node of the two-node demo (docker-compose.yml, profile "exchange"; eng/start.sh --nodes)
# into .exchange-keys/ (git-ignored): <node>.pem, the private key (ECDSA P-256, PKCS#8 PEM), and <node>.pub.pem, its
# public key (SubjectPublicKeyInfo PEM), the formats of the Exchange configuration (docs/operations.md, "Broker").
# Keeps existing keys (a node's key is its identity towards its peers); --force writes new ones.
#
#   eng/exchange-keys.sh [--force] [NODE...]     default nodes: de nl
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="${WM_EXCHANGE_KEYS:-$REPO/.exchange-keys}"
FORCE=0
NODES=()
for arg in "$@"; do
  case "$arg" in
    --force) FORCE=1 ;;
    *) NODES+=("$(tr '[:upper:]' '[:lower:]' <<<"$arg")") ;;
  esac
done
[[ ${#NODES[@]} -eq 0 ]] && NODES=(de nl)
command -v openssl >/dev/null 2>&1 || { echo "[keys] openssl is needed (apt-get install openssl)" >&2; exit 1; }

mkdir -p "$DIR"
for node in "${NODES[@]}"; do
  if [[ -f "$DIR/$node.pem" && $FORCE -eq 0 ]]; then
    echo "[keys] $DIR/$node.pem exists: kept" >&2
  else
    # genpkey writes PKCS#8 ("BEGIN PRIVATE KEY").
    openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$DIR/$node.pem" 2>/dev/null
    echo "[keys] wrote $DIR/$node.pem" >&2
  fi
  openssl pkey -in "$DIR/$node.pem" -pubout -out "$DIR/$node.pub.pem"
  # Readable by the API's process in the container (it mounts the folder read-only).
  chmod 644 "$DIR/$node.pem" "$DIR/$node.pub.pem"
done
echo "$DIR"
