#!/usr/bin/env bash
# bench/cpu-per-request.sh: CPU time the gateway spends per Redis request on the embedded backend.
# A benchmark, not a test. Steadier than req/s on a shared machine: it counts the gateway process's
# own user + system time (/proc/PID/stat utime + stime) over a fixed number of requests, so other
# work on the machine changes it much less than it changes wall-clock throughput.
#
#   bench/cpu-per-request.sh                      fsync FSYNC (none = memory only) of the jar JAR
#   JARS="a.jar b.jar" bench/cpu-per-request.sh   A/B: the jars side by side, rounds interleaved
#   JARS="x.jar x.jar::-Dk=v,-Dk2=v2" ...          A/B of JVM options: after "::", extra options, comma-separated
#
# For each jar: starts trustgate (embedded backend, dataDir in a mktemp dir or none) on 127.0.0.1:PORT
# (6481, admin 9481), warms it with WARMUP (100000) requests of every test, then per round and per test runs
# redis-benchmark -c CLIENTS(50) -n REQUESTS(30000) -d 100 -r 100000 -t TEST and records the gateway's
# CPU microseconds per request. The same measurement of the Redis on REDIS_PORT (6379) is printed when
# REDIS=1. Prints the median over ROUNDS (3) per jar and test, and the load average.
#
# Knobs: JARS (gateway/target/trustgate.jar) FSYNC (none|no|everysec|always) REQUESTS WARMUP ROUNDS CLIENTS
#   TESTS (get,set,incr,lpush,hset,zadd) PORT ADMIN REDIS(0) TRUSTGATE_JAVA_OPTS(-Xms512m -Xmx512m) KEEP_TMP=1
set -euo pipefail

# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"

read -r -a JAR_LIST <<<"${JARS:-$TRUSTGATE_JAR}"
FSYNC="${FSYNC:-none}"
REQUESTS="${REQUESTS:-30000}"
WARMUP="${WARMUP:-100000}"
ROUNDS="${ROUNDS:-3}"
CLIENTS="${CLIENTS:-50}"
TESTS="${TESTS:-get,set,incr,lpush,hset,zadd}"
PORT="${PORT:-6481}"
ADMIN="${ADMIN:-9481}"
read -r -a TEST_LIST <<<"$(tr ',' ' ' <<<"$TESTS")"

BENCH_TMP=$(mktemp -d "${TMPDIR:-/tmp}/trustgate-cpu.XXXXXX")
trap bench_cleanup EXIT
trap 'exit 130' INT TERM
RESULTS="$BENCH_TMP/results.txt" # label test round us
: >"$RESULTS"
HZ=$(getconf CLK_TCK)

cpu_ticks() { awk '{ sub(/^.*\) /, ""); print $12, $13 }' "/proc/$1/stat"; } # utime stime

# measure LABEL PID PORT ROUND: one redis-benchmark run per test against PORT, CPU of PID per request.
measure() {
  local label=$1 pid=$2 port=$3 round=$4 t before after
  for t in "${TEST_LIST[@]}"; do
    redis-cli -p "$port" del mylist myhash myzset >/dev/null
    before=$(cpu_ticks "$pid")
    redis-benchmark -h 127.0.0.1 -p "$port" -c "$CLIENTS" -n "$REQUESTS" -d 100 -r 100000 -t "$t" -q >/dev/null
    after=$(cpu_ticks "$pid")
    awk -v l="$label" -v t="$t" -v r="$round" -v b="$before" -v a="$after" -v hz="$HZ" -v n="$REQUESTS" \
      'BEGIN { split(b, x, " "); split(a, y, " "); u = (y[1] - x[1]) * 1e6 / hz / n; s = (y[2] - x[2]) * 1e6 / hz / n
               printf "%s %s %s %.1f %.1f\n", l, t, r, u + s, s }' >>"$RESULTS"
  done
}

start_jar() { # start_jar INDEX JAR[::OPTS]: sets TG_PID
  local i=$1 jar=${2%%::*} extra="" data=none
  [[ "$2" == *::* ]] && extra=$(tr ',' ' ' <<<"${2#*::}")
  [ "$FSYNC" = none ] || { data="$BENCH_TMP/data-$i"; mkdir -p "$data"; }
  cat >"$BENCH_TMP/tg-$i.yaml" <<EOF
admin: {host: 127.0.0.1, port: $ADMIN}
listeners:
  - {name: redis, protocol: redis, host: 127.0.0.1, port: $PORT}
backends:
  - {name: b, type: embedded, dataDir: $data$([ "$FSYNC" = none ] || echo ", fsync: $FSYNC")}
routes:
  - {listener: redis, backend: b}
EOF
  port_busy "$PORT" && { say "port $PORT is busy ($(port_owner "$PORT"))"; exit 1; }
  # shellcheck disable=SC2086
  bench_spawn "tg-$i" "$BENCH_TMP/tg-$i.log" java ${TRUSTGATE_JAVA_OPTS:--Xms512m -Xmx512m} $extra -jar "$jar" \
    --config "$BENCH_TMP/tg-$i.yaml"
  TG_PID=$SPAWNED_PID
  PROBE_FN=probe_rw wait_probe "tg-$i" "$PORT" "$TG_PID" "$BENCH_TMP/tg-$i.log" 60 || exit 1
}

stop_jar() { # stop_jar PID
  kill "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
  BENCH_PIDS=()
}

say "load average at start: $(cut -d' ' -f1-3 /proc/loadavg); fsync $FSYNC; -c $CLIENTS -n $REQUESTS"
# Each round starts every jar fresh (warm-up included), so the jars take turns under the same machine load.
for ((round = 1; round <= ROUNDS; round++)); do
  for i in "${!JAR_LIST[@]}"; do
    start_jar "$i" "${JAR_LIST[$i]}"
    redis-benchmark -h 127.0.0.1 -p "$PORT" -c "$CLIENTS" -n "$WARMUP" -d 100 -r 100000 -t "$TESTS" -q >/dev/null
    measure "jar$i" "$TG_PID" "$PORT" "$round"
    stop_jar "$TG_PID"
    say "round $round jar$i done (load $(cut -d' ' -f1 /proc/loadavg))"
  done
  if [ "${REDIS:-0}" = 1 ]; then
    measure redis "$(ss -ltnpH "sport = :$REDIS_PORT" | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -n 1)" "$REDIS_PORT" "$round"
  fi
done

echo "# cpu-per-request $(date -u +%Y-%m-%dT%H:%M:%SZ) fsync=$FSYNC -c $CLIENTS -n $REQUESTS rounds $ROUNDS; load at end $(cut -d' ' -f1-3 /proc/loadavg)"
for i in "${!JAR_LIST[@]}"; do echo "# jar$i = ${JAR_LIST[$i]}"; done
labels=$(awk '{ print $1 }' "$RESULTS" | awk '!s[$0]++')
echo "# CPU microseconds per request (user + system), median of the rounds; in brackets the system part"
printf '%-8s' "us/req"; for t in "${TEST_LIST[@]}"; do printf '%14s' "${t^^}"; done; echo
for l in $labels; do
  printf '%-8s' "$l"
  for t in "${TEST_LIST[@]}"; do
    printf '%14s' "$(awk -v l="$l" -v t="$t" '$1 == l && $2 == t { print $4, $5 }' "$RESULTS" | sort -g \
      | awk '{ v[NR] = $1; s[NR] = $2 } END { m = (NR + 1) / 2; if (NR % 2 == 0) m = NR / 2
              printf "%.1f (%.1f)", v[m], s[m] }')"
  done
  echo
done
