#!/usr/bin/env bash
# Provides the RabbitMQ broker that the nodes of the exchange (issue 17) send their fact batches through, and
# prints its AMQP URI on stdout's last line (everything else goes to stderr). Like eng/postgres.sh.
#
#   eng/rabbitmq.sh          ensure the broker is up (idempotent, safe to run twice); waits until it accepts work
#   eng/rabbitmq.sh stop     stop the private instance (waits until its process has exited)
#   eng/rabbitmq.sh status   say whether it is running (exit 3 when it is not)
#   eng/rabbitmq.sh restart  stop, then start: a new broker process, its queues recovered from disk (the fault tests)
#   eng/rabbitmq.sh restart-app  stop_app, then start_app: the broker application restarts inside the same Erlang VM
#                            (same pid). Clients see the same outage (connections closed, connects refused until it is
#                            back), in a quarter of the time; `restart` is the faithful one (a crashed or rebooted broker).
#
# WM_RMQ_PORT: the AMQP port (default 55672), on 127.0.0.1 only (WM_RMQ_DIST_PORT, WM_RMQ_EPMD_PORT: the Erlang
# distribution and port-mapper ports, derived from it unless given). WM_RMQ_DATA: where the instance lives
# (default .rabbitmq/wm<port>/ in the repository, git-ignored: one folder per port, so instances never share files).
#
# If a Docker engine answers, the compose service "rabbitmq" is used. Otherwise the Debian `rabbitmq-server`
# package is installed if missing and a private instance runs: node wm<port>@localhost, its own configuration
# (listener on 127.0.0.1, no plugins), its own Erlang cookie (its own HOME) and port mapper, its data and logs under
# .rabbitmq/wm<port>/.
# It runs as the user who calls the script (root here; RabbitMQ does not refuse root). Nothing assumes a broker
# that is already running, and the system's default node (rabbit@<host>) is never used or touched.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PORT="${WM_RMQ_PORT:-55672}"
URI="amqp://guest:guest@127.0.0.1:${PORT}/"
ACTION="${1:-up}"
START_TIMEOUT="${WM_RMQ_START_TIMEOUT:-180}"

log() { echo "[rabbitmq] $*" >&2; }

case "$ACTION" in
  up|stop|status|restart|restart-app) ;;
  *) log "unknown action '$ACTION' (up, stop, status, restart, restart-app)"; exit 2 ;;
esac

docker_available() {
  [[ "${WM_NO_DOCKER:-}" == "1" ]] && return 1
  command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1
}

if docker_available; then
  # The compose file maps 127.0.0.1:${WM_RMQ_PORT:-55672} to the container's 5672.
  export WM_RMQ_PORT="$PORT"
  COMPOSE=(docker compose -f "$REPO/docker-compose.yml")
  case "$ACTION" in
    stop) "${COMPOSE[@]}" stop rabbitmq >&2; exit 0 ;;
    status) "${COMPOSE[@]}" ps rabbitmq >&2; exit 0 ;;
    restart) "${COMPOSE[@]}" restart rabbitmq >&2 ;;
    restart-app) "${COMPOSE[@]}" exec -T rabbitmq sh -c 'rabbitmqctl stop_app && rabbitmqctl start_app' >&2 ;;
  esac
  log "Docker engine found: starting the compose service 'rabbitmq'"
  "${COMPOSE[@]}" up -d --wait rabbitmq >&2
  echo "$URI"
  exit 0
fi

# --- Private instance from the Debian package -------------------------------------------------
SBIN=/usr/lib/rabbitmq/bin
if [[ ! -x "$SBIN/rabbitmq-server" ]]; then
  [[ "$ACTION" == "stop" || "$ACTION" == "status" ]] && { log "RabbitMQ is not installed"; exit 1; }
  log "RabbitMQ not found: installing the Debian package 'rabbitmq-server'"
  if [[ "$(id -u)" != "0" ]]; then SUDO="sudo"; else SUDO=""; fi
  export DEBIAN_FRONTEND=noninteractive
  # The package's post-install would start the system's default node; we do not use it. Where no policy says
  # otherwise, forbid service starts during the install (the usual policy-rc.d of containers) and lift it after.
  POLICY=""
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    POLICY=/usr/sbin/policy-rc.d
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$POLICY" >/dev/null && $SUDO chmod 755 "$POLICY"
  fi
  $SUDO apt-get update -qq >&2 || true
  # A post-install that cannot start its service may make apt report failure: the binary decides.
  $SUDO apt-get install -y -qq --no-install-recommends rabbitmq-server >&2 || log "apt-get reported a failure (checking the binaries)"
  [[ -n "$POLICY" ]] && $SUDO rm -f "$POLICY"
  [[ -x "$SBIN/rabbitmq-server" ]] || { log "could not install rabbitmq-server"; exit 1; }
fi

NODE="wm${PORT}@localhost"
DATA="${WM_RMQ_DATA:-$REPO/.rabbitmq/wm${PORT}}"
mkdir -p "$DATA/home" "$DATA/mnesia" "$DATA/log"

# The instance's own environment: every CLI call below uses it too (same node, same cookie).
export HOME="$DATA/home"
export RABBITMQ_NODENAME="$NODE"
export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
export RABBITMQ_NODE_PORT="$PORT"
# Inter-node (Erlang distribution) port: the default, AMQP port + 20000, is out of range for ports above 45535.
if (( PORT > 45535 )); then DIST_PORT=$((PORT - 20000)); else DIST_PORT=$((PORT + 20000)); fi
export RABBITMQ_DIST_PORT="${WM_RMQ_DIST_PORT:-$DIST_PORT}"
# The CLI's own distribution ports (default: the node's + 10000 to + 10010), kept within range.
if (( RABBITMQ_DIST_PORT + 10010 > 65535 )); then
  export RABBITMQ_CTL_DIST_PORT_MIN=$((RABBITMQ_DIST_PORT - 10010)) RABBITMQ_CTL_DIST_PORT_MAX=$((RABBITMQ_DIST_PORT - 10000))
fi
export RABBITMQ_MNESIA_BASE="$DATA/mnesia"
export RABBITMQ_LOG_BASE="$DATA/log"
export RABBITMQ_PID_FILE="$DATA/$NODE.pid"
export RABBITMQ_CONFIG_FILE="$DATA/rabbitmq.conf"
export RABBITMQ_ADVANCED_CONFIG_FILE="$DATA/advanced.config"
export RABBITMQ_ENABLED_PLUGINS_FILE="$DATA/enabled_plugins"
# The system's rabbitmq-env.conf (/etc/rabbitmq) is not read: this instance is configured here only.
export RABBITMQ_CONF_ENV_FILE="$DATA/rabbitmq-env.conf"
# Erlang's port mapper of its own (on loopback only): an epmd shared with other Erlang nodes of the machine could be
# stopped by them, and this node would then look absent to its own CLI. Distribution on loopback only; no busy-waiting
# schedulers (the machines that run this are small and shared: RabbitMQ's advice for such hosts).
if (( PORT > 30000 )); then EPMD_PORT=$((PORT - 25000)); else EPMD_PORT=$((PORT + 25000)); fi
export ERL_EPMD_PORT="${WM_RMQ_EPMD_PORT:-$EPMD_PORT}"
export ERL_EPMD_ADDRESS=127.0.0.1
export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1} +sbwt none +sbwtdcpu none +sbwtdio none"

if [[ ! -f "$HOME/.erlang.cookie" ]]; then
  # A cookie of its own: no other Erlang node on the machine can talk to this one, and its CLI reads it from HOME.
  head -c 64 /dev/urandom | tr -dc 'A-Z' | head -c 20 > "$HOME/.erlang.cookie"
  [[ -s "$HOME/.erlang.cookie" ]] || tr -dc 'A-Z' </dev/urandom | head -c 20 > "$HOME/.erlang.cookie"
  chmod 400 "$HOME/.erlang.cookie"
fi
cat > "$RABBITMQ_CONFIG_FILE" <<CONF
# Written by eng/rabbitmq.sh: the private WasteMovements broker ($NODE).
listeners.tcp.1 = 127.0.0.1:${PORT}
# guest/guest over loopback only: the listener is on 127.0.0.1, no other address can reach it.
loopback_users = none
log.console = false
log.file = ${NODE}.log
log.file.level = info
CONF
echo "[]." > "$RABBITMQ_ADVANCED_CONFIG_FILE"
echo "[]." > "$RABBITMQ_ENABLED_PLUGINS_FILE"
: > "$RABBITMQ_CONF_ENV_FILE"

CTL=("$SBIN/rabbitmqctl" -n "$NODE" -q)

pid_of_instance() {
  local pid
  [[ -f "$RABBITMQ_PID_FILE" ]] || return 1
  pid="$(tr -dc '0-9' < "$RABBITMQ_PID_FILE")"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

running() { "${CTL[@]}" ping >/dev/null 2>&1; }

stop_instance() {
  local pid
  if running; then
    log "stopping $NODE"
    # With the pid file, stop returns only once the operating-system process has exited.
    "${CTL[@]}" stop "$RABBITMQ_PID_FILE" >&2 || true
  fi
  # A process left behind that no longer answers its CLI (only ours: the pid file of this instance).
  if pid="$(pid_of_instance)"; then
    log "the node does not answer; ending its process $pid"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$RABBITMQ_PID_FILE"
  # Our own port mapper, now that no node is registered with it (epmd refuses -kill while one is).
  epmd_bin="$(ls /usr/lib/erlang/erts-*/bin/epmd 2>/dev/null | tail -n 1 || true)"
  [[ -n "$epmd_bin" ]] && "$epmd_bin" -port "$ERL_EPMD_PORT" -kill >/dev/null 2>&1 || true
}

start_instance() {
  local deadline launched=""
  if running; then
    log "already running: $NODE on 127.0.0.1:${PORT}"
  else
    log "starting $NODE on 127.0.0.1:${PORT} (data in $DATA)"
    # Detached from the caller's session: the broker outlives the script, like the PostgreSQL cluster. The scripts
    # exec down to the Erlang VM, so the pid started here is the broker's.
    launched="$(cd "$DATA" && { setsid nohup "$SBIN/rabbitmq-server" > "$DATA/log/startup.log" 2>&1 < /dev/null & echo $!; })"
  fi
  deadline=$(( $(date +%s) + START_TIMEOUT ))
  until "${CTL[@]}" await_startup --timeout 10 >/dev/null 2>&1; do
    if [[ -n "$launched" ]] && ! kill -0 "$launched" 2>/dev/null; then
      log "the node exited while starting; the end of its output:"
      tail -n 30 "$DATA/log/startup.log" >&2 || true
      exit 1
    fi
    if (( $(date +%s) > deadline )); then
      log "not up after ${START_TIMEOUT} s; the end of its log:"
      tail -n 30 "$DATA/log/$NODE.log" "$DATA/log/startup.log" >&2 2>/dev/null || true
      exit 1
    fi
    sleep 0.5
  done
  log "up: $NODE, pid $(pid_of_instance || echo '?')"
}

case "$ACTION" in
  stop)
    if running || pid_of_instance >/dev/null; then stop_instance; else log "not running"; fi
    exit 0 ;;
  status)
    if running; then
      log "running: $NODE on 127.0.0.1:${PORT}, pid $(pid_of_instance || echo '?')"
      exit 0
    fi
    log "not running ($NODE)"
    exit 3 ;;
  restart)
    stop_instance
    start_instance ;;
  restart-app)
    if running; then
      log "restarting the application of $NODE (same VM)"
      "${CTL[@]}" stop_app >&2
      "${CTL[@]}" start_app >&2
    fi
    start_instance ;;
  up)
    start_instance ;;
esac

echo "$URI"
