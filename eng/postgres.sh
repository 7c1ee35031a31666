#!/usr/bin/env bash
# Provides the PostgreSQL that WasteMovements runs and tests against, and prints its connection string
# on stdout (everything else goes to stderr).
#
#   eng/postgres.sh          ensure the database is up (idempotent, safe to run twice)
#   eng/postgres.sh stop     stop the private cluster
#   eng/postgres.sh status   say whether it is running
#
# If a Docker engine answers, the compose service "postgres" is used. Otherwise the Debian `postgresql`
# package is installed if missing and a private cluster, owned by the `postgres` user, runs under
# .pgdata/ in the repository (git-ignored), on 127.0.0.1 and a fixed port. Nothing assumes a server
# that is already running.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PORT="${WM_PG_PORT:-55432}"
DB_NAME="wastemovements"
DB_USER="wastemovements"
DB_PASSWORD="wastemovements"
CONN="Host=127.0.0.1;Port=${PORT};Database=${DB_NAME};Username=${DB_USER};Password=${DB_PASSWORD}"
ACTION="${1:-up}"

log() { echo "[postgres] $*" >&2; }

docker_available() {
  [[ "${WM_NO_DOCKER:-}" == "1" ]] && return 1
  command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1
}

if docker_available; then
  case "$ACTION" in
    stop) docker compose -f "$REPO/docker-compose.yml" stop postgres >&2; exit 0 ;;
    status) docker compose -f "$REPO/docker-compose.yml" ps postgres >&2; exit 0 ;;
  esac
  log "Docker engine found: starting the compose service 'postgres'"
  docker compose -f "$REPO/docker-compose.yml" up -d --wait postgres >&2
  echo "$CONN"
  exit 0
fi

# --- Private cluster from the Debian package --------------------------------------------------
find_bindir() {
  local d
  d="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  [[ -n "$d" && -x "$d/initdb" ]] && echo "$d"
}

BINDIR="$(find_bindir || true)"
if [[ -z "$BINDIR" ]]; then
  [[ "$ACTION" != "up" ]] && { log "PostgreSQL is not installed"; exit 1; }
  log "PostgreSQL server not found: installing the Debian package 'postgresql'"
  if [[ "$(id -u)" != "0" ]]; then SUDO="sudo"; else SUDO=""; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq >&2
  # The package's post-install step may try to create and start a default cluster; we do not use it.
  $SUDO apt-get install -y -qq postgresql >&2
  BINDIR="$(find_bindir)"
fi

# Run cluster commands as the `postgres` user when we are root (initdb refuses to run as root).
if [[ "$(id -u)" == "0" ]]; then
  id postgres >/dev/null 2>&1 || useradd --system --home /var/lib/postgresql --shell /bin/bash postgres
  AS_PG=(runuser -u postgres --)
else
  AS_PG=()
fi

DATA="${WM_PG_DATA:-$REPO/.pgdata}"
mkdir -p "$DATA"
if [[ "$(id -u)" == "0" ]]; then
  chown postgres:postgres "$DATA"
  chmod 700 "$DATA"
  # The postgres user must be able to reach the folder; a clone under a private directory cannot be.
  if ! "${AS_PG[@]}" test -w "$DATA"; then
    ALT="/var/lib/postgresql/wastemovements-$(echo -n "$REPO" | sha1sum | cut -c1-12)"
    log "the postgres user cannot reach $DATA; using $ALT instead"
    rmdir "$DATA" 2>/dev/null || true
    DATA="$ALT"
    mkdir -p "$DATA"; chown postgres:postgres "$DATA"; chmod 700 "$DATA"
  fi
fi

PGCTL=("${AS_PG[@]}" "$BINDIR/pg_ctl" -D "$DATA")

case "$ACTION" in
  stop)
    if "${PGCTL[@]}" status >/dev/null 2>&1; then "${PGCTL[@]}" stop -m fast >&2; else log "not running"; fi
    exit 0 ;;
  status)
    "${PGCTL[@]}" status >&2 || exit 3
    exit 0 ;;
esac

if [[ ! -f "$DATA/PG_VERSION" ]]; then
  log "initialising a private cluster in $DATA"
  PWFILE="$(mktemp)"; echo "postgres" > "$PWFILE"; chmod 644 "$PWFILE"
  "${AS_PG[@]}" "$BINDIR/initdb" -D "$DATA" -U postgres --pwfile="$PWFILE" \
      --auth-local=trust --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >&2
  rm -f "$PWFILE"
  cat >> "$DATA/postgresql.conf" <<CONF
# WasteMovements private cluster
listen_addresses = '127.0.0.1'
port = ${PORT}
unix_socket_directories = '${DATA}'
max_connections = 300
shared_buffers = 512MB
fsync = on
CONF
fi

if "${PGCTL[@]}" status >/dev/null 2>&1; then
  log "already running on 127.0.0.1:${PORT}"
else
  log "starting on 127.0.0.1:${PORT}"
  "${PGCTL[@]}" -l "$DATA/server.log" -w -t 60 start >&2
fi

PSQL=("${AS_PG[@]}" "$BINDIR/psql" -h "$DATA" -p "$PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qAt)
if [[ "$("${PSQL[@]}" -c "select 1 from pg_roles where rolname='${DB_USER}'")" != "1" ]]; then
  log "creating role ${DB_USER}"
  # CREATEDB: the test suite creates one database per run so runs never collide.
  "${PSQL[@]}" -c "create role ${DB_USER} login createdb password '${DB_PASSWORD}'" >&2
fi
if [[ "$("${PSQL[@]}" -c "select 1 from pg_database where datname='${DB_NAME}'")" != "1" ]]; then
  log "creating database ${DB_NAME}"
  "${PSQL[@]}" -c "create database ${DB_NAME} owner ${DB_USER}" >&2
fi

echo "$CONN"
