# shellcheck shell=bash
# Shared helpers for the bench scripts: sourced, not run.
#
# The caller sets BENCH_TMP (a mktemp -d dir) before calling anything here, and installs
# `trap bench_cleanup EXIT`, which stops every process started through bench_spawn and
# removes BENCH_TMP (unless KEEP_TMP=1).

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TRUSTGATE_JAR="${TRUSTGATE_JAR:-$ROOT/gateway/target/trustgate.jar}"
REDIS_HOST=127.0.0.1
REDIS_PORT="${REDIS_PORT:-6379}"
TG_PORT="${TG_PORT:-6380}"
TG_ADMIN_PORT="${TG_ADMIN_PORT:-9090}"

BENCH_PIDS=()   # "name:pid" of every process a bench script started
TG_REASON=""    # why trustgate could not be started, when it could not

say() { echo "[$(date +%H:%M:%S)] $*" >&2; }

# alive PID: runs and has not exited (an exited child stays a zombie until waited for, and
# kill -0 still succeeds on it).
alive() {
  local st
  st=$(sed -n 's/^.*) \([A-Za-z]\).*/\1/p' "/proc/$1/stat" 2>/dev/null) || return 1
  [ -n "$st" ] && [ "$st" != Z ]
}

bench_cleanup() {
  local entry name pid i
  for entry in "${BENCH_PIDS[@]}"; do
    name=${entry%%:*}
    pid=${entry##*:}
    if alive "$pid"; then
      kill "$pid" 2>/dev/null || true
      for ((i = 0; i < 75; i++)); do alive "$pid" || break; sleep 0.2; done
    fi
    if alive "$pid"; then
      say "$name (pid $pid) did not stop within 15 s; killing it"
      kill -9 "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
  done
  BENCH_PIDS=()
  if [ -n "${BENCH_TMP:-}" ] && [ -d "$BENCH_TMP" ]; then
    if [ "${KEEP_TMP:-0}" = 1 ]; then say "kept $BENCH_TMP"; else rm -rf "$BENCH_TMP"; fi
  fi
}

port_busy() { timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; }

port_owner() { ss -ltnpH "sport = :$1" 2>/dev/null | sed -n 's/.*users:((\(.*\)))/\1/p' | head -n 1; }

# bench_spawn NAME LOGFILE CMD...: starts CMD in the background, records its pid in BENCH_PIDS
# and in the variable SPAWNED_PID.
bench_spawn() {
  local name=$1 logfile=$2
  shift 2
  "$@" >"$logfile" 2>&1 &
  SPAWNED_PID=$!
  BENCH_PIDS+=("$name:$SPAWNED_PID")
}

# probe PORT: a SET through the port lands in the Redis behind it and a GET reads it back.
probe() {
  local port=$1 token="bench-probe-$$-$RANDOM"
  [ "$(timeout 5 redis-cli -h 127.0.0.1 -p "$port" set trustgate:bench:probe "$token" 2>&1)" = OK ] || return 1
  [ "$(timeout 5 redis-cli -h 127.0.0.1 -p "$port" get trustgate:bench:probe 2>&1)" = "$token" ] || return 1
  [ "$(timeout 5 redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" get trustgate:bench:probe 2>&1)" = "$token" ]
}

# probe_rw PORT: a SET through the port reads back with GET on the same port (for translating
# backends, whose data does not land in the Redis on REDIS_PORT). wait_probe uses it when the
# caller sets PROBE_FN=probe_rw.
probe_rw() {
  local port=$1 token="bench-probe-$$-$RANDOM"
  [ "$(timeout 5 redis-cli -h 127.0.0.1 -p "$port" set trustgate:bench:probe "$token" 2>&1)" = OK ] || return 1
  [ "$(timeout 5 redis-cli -h 127.0.0.1 -p "$port" get trustgate:bench:probe 2>&1)" = "$token" ]
}

# last_error LOGFILE: the first error-looking lines of the log (else its last line), as one line.
last_error() {
  local line
  line=$(grep -E 'ERROR|Error|Exception|FATAL|\[ALERT\]' "$1" 2>/dev/null | head -n 3 | tr '\n' ' ' || true)
  [ -n "$line" ] || line=$(grep -v '^\s*$' "$1" 2>/dev/null | tail -n 1 || true)
  echo "${line:0:300}"
}

# wait_probe NAME PORT PID LOGFILE [SECONDS]: waits until probe PORT passes. On failure sets
# PROBE_WHY to a one-line reason, prints it and the log tail to stderr, and returns 1.
wait_probe() {
  local name=$1 port=$2 pid=$3 logfile=$4 secs=${5:-30}
  local deadline=$((SECONDS + secs))
  PROBE_WHY=""
  while ((SECONDS < deadline)); do
    if ! alive "$pid"; then
      local rc=0
      wait "$pid" 2>/dev/null || rc=$?
      PROBE_WHY="exited (status $rc) before it served 127.0.0.1:$port: $(last_error "$logfile")"
      break
    fi
    if "${PROBE_FN:-probe}" "$port"; then return 0; fi
    sleep 0.5
  done
  if [ -z "$PROBE_WHY" ]; then
    PROBE_WHY="did not relay SET/GET on 127.0.0.1:$port within ${secs}s; a SET through it answered: $(timeout 5 redis-cli -p "$port" set trustgate:bench:probe x 2>&1 | head -c 200)"
  fi
  say "$name $PROBE_WHY; last lines of $logfile:"
  tail -n 25 "$logfile" | sed 's/^/    /' >&2
  return 1
}

# ensure_jar: builds gateway/target/trustgate.jar when it is missing (or REBUILD=1).
ensure_jar() {
  if [ "${REBUILD:-0}" = 1 ] || [ ! -f "$TRUSTGATE_JAR" ]; then
    say "building $TRUSTGATE_JAR (./mvnw -q -DskipTests package -pl gateway -am)"
    (cd "$ROOT" && ./mvnw -q -DskipTests package -pl gateway -am) >"$BENCH_TMP/build.log" 2>&1 || {
      TG_REASON="build failed: ./mvnw -q -DskipTests package -pl gateway -am (see below)"
      tail -n 30 "$BENCH_TMP/build.log" | sed 's/^/    /' >&2
      return 1
    }
  fi
  [ -f "$TRUSTGATE_JAR" ] || { TG_REASON="no $TRUSTGATE_JAR after the build"; return 1; }
  local newer
  newer=$(find "$ROOT"/*/src/main -name '*.java' -newer "$TRUSTGATE_JAR" 2>/dev/null | head -n 1)
  [ -z "$newer" ] || say "note: $TRUSTGATE_JAR is older than $newer; REBUILD=1 rebuilds it"
}

# trustgate_config: prints the config file to run with: TRUSTGATE_CONFIG, else
# examples/redis-passthrough.yaml, else a generated one in BENCH_TMP.
trustgate_config() {
  if [ -n "${TRUSTGATE_CONFIG:-}" ]; then echo "$TRUSTGATE_CONFIG"; return; fi
  if [ -f "$ROOT/examples/redis-passthrough.yaml" ]; then echo "$ROOT/examples/redis-passthrough.yaml"; return; fi
  cat >"$BENCH_TMP/trustgate.yaml" <<EOF
listeners:
  - name: redis
    protocol: redis
    host: 127.0.0.1
    port: $TG_PORT
backends:
  - name: local
    type: redis
    address: $REDIS_HOST:$REDIS_PORT
routes:
  - listener: redis
    backend: local
EOF
  echo "$BENCH_TMP/trustgate.yaml"
}

# start_trustgate [EXTRA_JVM_OPTS...]: builds the jar if needed, starts the gateway on
# 127.0.0.1:TG_PORT in front of REDIS_PORT and waits until a SET/GET goes through.
# Sets TG_PID. On failure sets TG_REASON, prints why, and returns 1.
start_trustgate() {
  TG_PID=""
  ensure_jar || return 1
  local p
  for p in "$TG_PORT" "$TG_ADMIN_PORT"; do
    if port_busy "$p"; then
      TG_REASON="port $p is already in use ($(port_owner "$p")); set TG_PORT / TG_ADMIN_PORT"
      say "trustgate: $TG_REASON"
      return 1
    fi
  done
  local cfg
  cfg=$(trustgate_config)
  say "starting trustgate: $TRUSTGATE_JAR --config $cfg (listener 127.0.0.1:$TG_PORT, admin 127.0.0.1:$TG_ADMIN_PORT)"
  # TRUSTGATE__* overrides keep everything on loopback and on the ports chosen here; the listener
  # and backend names are the ones in examples/redis-passthrough.yaml.
  # shellcheck disable=SC2086
  bench_spawn trustgate "$BENCH_TMP/trustgate.log" env \
    TRUSTGATE__LISTENERS__REDIS__HOST=127.0.0.1 \
    TRUSTGATE__LISTENERS__REDIS__PORT="$TG_PORT" \
    TRUSTGATE__ADMIN__HOST=127.0.0.1 \
    TRUSTGATE__ADMIN__PORT="$TG_ADMIN_PORT" \
    TRUSTGATE__BACKENDS__LOCAL__ADDRESS="$REDIS_HOST:$REDIS_PORT" \
    java ${TRUSTGATE_JAVA_OPTS:--Xms512m -Xmx512m} "$@" -jar "$TRUSTGATE_JAR" --config "$cfg"
  TG_PID=$SPAWNED_PID
  if ! wait_probe trustgate "$TG_PORT" "$TG_PID" "$BENCH_TMP/trustgate.log" "${TG_START_SECONDS:-45}"; then
    TG_REASON=$PROBE_WHY
    return 1
  fi
}
