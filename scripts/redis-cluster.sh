#!/usr/bin/env bash
# redis-cluster.sh start|stop|status
#
# A real 3-master Redis Cluster on 127.0.0.1:7000, 7001 and 7002 for trustgate's cluster
# passthrough tests. Each node runs daemonized with its own dir, pidfile and logfile under
# ${TMPDIR:-/tmp}/trustgate-cluster/<port> (cluster-enabled yes, appendonly no, save "").
#
#   start   healthy cluster already up -> does nothing. Otherwise wipes any stale state
#           (old nodes.conf, nodes left half up on these ports), starts 3 fresh nodes,
#           runs `redis-cli --cluster create ... --cluster-replicas 0 --cluster-yes`
#           and waits (at most CLUSTER_WAIT_SECONDS, default 30) until every node says
#           cluster_state:ok and all three agree on the node set and slot map.
#   stop    shuts the nodes down (SHUTDOWN NOSAVE, then the pidfile) and removes the dir.
#   status  prints each node's state; exit 0 only when the cluster is healthy.
#
# Needs redis-server and redis-cli (Debian: redis-server, redis-tools). Exits non-zero with
# a message on stderr on any failure. Runs are serialized with a lock file.
set -euo pipefail

PORTS=(7000 7001 7002)
HOST=127.0.0.1
BASE="${TMPDIR:-/tmp}/trustgate-cluster"
LOCK="${TMPDIR:-/tmp}/trustgate-cluster.lock"
WAIT_SECONDS="${CLUSTER_WAIT_SECONDS:-30}"

log() { echo "redis-cluster: $*"; }
die() { echo "redis-cluster: ERROR: $*" >&2; exit 1; }

cli() { # cli PORT ARGS... ; never hangs: a node that accepts but does not answer times out
  local port=$1; shift
  timeout 5 redis-cli -h "$HOST" -p "$port" "$@" 2>/dev/null
}

port_open() { # something accepts TCP connections on the port
  timeout 2 bash -c "exec 3<>/dev/tcp/$HOST/$1" 2>/dev/null
}

node_state() { # prints cluster_state for the port, or "down"/"not-cluster"
  local info
  if ! info=$(cli "$1" cluster info) || [ -z "$info" ]; then
    if [ "$(cli "$1" ping || true)" = PONG ]; then echo not-cluster; else echo down; fi
    return
  fi
  if ! grep -q '^cluster_state:' <<<"$info"; then echo not-cluster; return; fi
  sed -n 's/^cluster_state:\([a-z]*\).*/\1/p' <<<"$info"
}

node_ids() { # sorted node ids that the node on this port knows (connected or not)
  cli "$1" cluster nodes | awk '{print $1}' | sort | tr '\n' ' '
}

healthy() {
  local p info ids first=""
  for p in "${PORTS[@]}"; do
    info=$(cli "$p" cluster info) || return 1
    grep -q '^cluster_state:ok' <<<"$info" || return 1
    grep -q '^cluster_known_nodes:3' <<<"$info" || return 1
    grep -q '^cluster_slots_assigned:16384' <<<"$info" || return 1
    grep -q '^cluster_slots_ok:16384' <<<"$info" || return 1
    ids=$(node_ids "$p")
    [ -n "$ids" ] || return 1
    if [ -z "$first" ]; then first=$ids; elif [ "$ids" != "$first" ]; then return 1; fi
  done
  # The slot map is the same from every node's point of view.
  timeout 10 redis-cli --cluster check "$HOST:${PORTS[0]}" >/dev/null 2>&1 || return 1
}

alive() { # the pid runs and is not a zombie waiting for its parent
  local st
  st=$(sed -n 's/^.*) \([A-Za-z]\).*/\1/p' "/proc/$1/stat" 2>/dev/null) || return 1
  [ -n "$st" ] && [ "$st" != Z ]
}

stop_nodes() {
  local p pid pidfile i
  for p in "${PORTS[@]}"; do
    pidfile="$BASE/$p/redis.pid"
    pid=""
    [ -f "$pidfile" ] && pid=$(cat "$pidfile" 2>/dev/null || true)
    if [ "$(cli "$p" ping || true)" = PONG ]; then
      cli "$p" shutdown nosave >/dev/null || true
    elif [ -n "$pid" ] && alive "$pid"; then
      kill "$pid" 2>/dev/null || true
    fi
    for ((i = 0; i < 50; i++)); do # up to 10 s for the node to go away
      if ! port_open "$p" && { [ -z "$pid" ] || ! alive "$pid"; }; then break; fi
      sleep 0.2
    done
    if [ -n "$pid" ] && alive "$pid"; then
      log "node $p (pid $pid) ignored SHUTDOWN; killing it"
      kill -9 "$pid" 2>/dev/null || true
      sleep 0.5
    fi
    if port_open "$p"; then
      die "port $p is still in use after stopping; it is not a node this script can stop (check: ss -ltnp 'sport = :$p')"
    fi
  done
  rm -rf "$BASE"
}

start_node() {
  local p=$1 dir="$BASE/$1"
  mkdir -p "$dir"
  redis-server --port "$p" --bind "$HOST" \
    --cluster-enabled yes --cluster-config-file "$dir/nodes.conf" --cluster-node-timeout 5000 \
    --appendonly no --save "" --dir "$dir" \
    --daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" 9>&- \
    || die "redis-server failed to start on port $p (see $dir/redis.log)"
}

wait_for() { # wait_for COMMAND... ; polls for up to WAIT_SECONDS
  local deadline=$((SECONDS + WAIT_SECONDS))
  until "$@"; do
    if ((SECONDS >= deadline)); then return 1; fi
    sleep 0.5
  done
}

all_ping() {
  local p
  for p in "${PORTS[@]}"; do [ "$(cli "$p" ping || true)" = PONG ] || return 1; done
}

dump_logs() {
  local p
  for p in "${PORTS[@]}"; do
    if [ -f "$BASE/$p/redis.log" ]; then
      echo "--- $BASE/$p/redis.log (last 15 lines)" >&2
      tail -n 15 "$BASE/$p/redis.log" >&2
    fi
  done
}

status() {
  local p ok=0
  for p in "${PORTS[@]}"; do
    log "node $HOST:$p: $(node_state "$p")"
  done
  if healthy; then log "cluster: healthy (3 masters, 16384 slots, all nodes agree)"; else log "cluster: NOT healthy"; ok=1; fi
  return $ok
}

start() {
  command -v redis-server >/dev/null || die "redis-server not found (apt-get install -y redis-server)"
  command -v redis-cli >/dev/null || die "redis-cli not found (apt-get install -y redis-tools)"
  if healthy; then
    log "already running and healthy on ports ${PORTS[*]}; nothing to do"
    return 0
  fi
  local p stale=0
  [ -e "$BASE" ] && stale=1
  for p in "${PORTS[@]}"; do port_open "$p" && stale=1; done
  if ((stale)); then
    log "stale or unhealthy cluster state found; wiping it"
    stop_nodes
  fi
  log "starting nodes on ${PORTS[*]} (dirs under $BASE)"
  for p in "${PORTS[@]}"; do start_node "$p"; done
  wait_for all_ping || { dump_logs; die "nodes did not answer PING within ${WAIT_SECONDS}s"; }

  local addrs=()
  for p in "${PORTS[@]}"; do addrs+=("$HOST:$p"); done
  local out
  if ! out=$(timeout 60 redis-cli --cluster create "${addrs[@]}" --cluster-replicas 0 --cluster-yes 2>&1); then
    echo "$out" >&2
    dump_logs
    die "redis-cli --cluster create failed"
  fi
  local t0=$SECONDS
  wait_for healthy || {
    echo "$out" >&2
    status >&2 || true
    dump_logs
    die "cluster did not become healthy within ${WAIT_SECONDS}s"
  }
  log "cluster healthy on ${PORTS[*]} (converged $((SECONDS - t0))s after create)"
}

main() {
  local cmd=${1:-}
  case "$cmd" in
    start | stop | status) ;;
    *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
  esac
  exec 9>"$LOCK"
  flock -w 120 9 || die "another redis-cluster.sh holds $LOCK for over 120 s"
  case "$cmd" in
    start) start ;;
    stop) stop_nodes; log "stopped; removed $BASE" ;;
    status) status ;;
  esac
}

main "$@"
