#!/usr/bin/env bash
# bench/redis-passthrough.sh: Redis passthrough throughput and latency, trustgate against
# Redis itself and two other proxies, in one run on this machine. A benchmark, not a test.
#
# Targets (all on 127.0.0.1, all in front of the same Redis on REDIS_PORT, default 6379):
#   direct      Redis itself
#   trustgate   gateway/target/trustgate.jar (built with ./mvnw -q -DskipTests package -pl gateway -am
#               when missing, or with REBUILD=1) run with examples/redis-passthrough.yaml
#               (TRUSTGATE_CONFIG overrides; a minimal config is generated if the example is
#               missing); TRUSTGATE__* env overrides pin it to 127.0.0.1:TG_PORT (6380) and the
#               admin port to TG_ADMIN_PORT (9090)
#   nutcracker  twemproxy, generated config, 127.0.0.1:NC_PORT (22121), stats on NC_STATS_PORT (22222)
#   haproxy     TCP mode, generated config, 127.0.0.1:HAP_PORT (6390), foreground
# nutcracker and haproxy are installed with apt-get when missing.
#
# Load: redis-benchmark -c CLIENTS(50) -d DATA(100) -r KEYSPACE(100000) -t set,get --csv,
#   plain       unpipelined, -n REQUESTS (200000: ~5-10 s per run here)
#   pipelined   -P PIPELINE(16), -n PIPELINE_REQUESTS (2000000: ~5-10 s per run here)
# The same client count and run length for every target. Each target first gets one untimed
# warm-up run per mode (WARMUP_REQUESTS, 100000; x5 pipelined) so the JVM has compiled its hot
# path. Then ROUNDS (3) interleaved rounds: for each round, for each mode, for each target,
# one run. The table shows the median per target, mode and test of req/s, p50 and p99 (ms,
# from redis-benchmark's CSV), and the ratios trustgate/direct, trustgate/nutcracker,
# trustgate/haproxy and nutcracker/direct beside the targets:
#   plain      trustgate >= 0.85x direct, >= 1.0x nutcracker
#   pipelined  trustgate >= 0.60x direct, >= 1.0x nutcracker
#
# Knobs (environment): REQUESTS PIPELINE_REQUESTS PIPELINE CLIENTS DATA KEYSPACE ROUNDS
#   WARMUP_REQUESTS RUN_TIMEOUT (s per run, 180) TARGETS ("direct trustgate nutcracker haproxy")
#   TRUSTGATE_ONLY=1 (= TARGETS="direct trustgate") MODES ("plain pipelined") REDIS_PORT TG_PORT
#   TG_ADMIN_PORT NC_PORT NC_STATS_PORT HAP_PORT TRUSTGATE_JAR TRUSTGATE_CONFIG
#   TRUSTGATE_JAVA_OPTS (default -Xms512m -Xmx512m) REBUILD=1 KEEP_TMP=1 OUT_DIR (bench/out).
#
# Output: the table on stdout, also saved with the raw per-run rows under OUT_DIR. A target
# that cannot be started or fails a run shows n/a, and the reason is printed (never hidden).
# Exit 0 when every requested target completed every run, 3 otherwise, 1 on a setup error.
# Everything it starts listens on loopback only and is stopped on exit; temp files live in a
# mktemp dir that is removed on exit.
#
# Calibration: this machine has 2 cores and each run has three busy processes (redis-benchmark,
# the proxy, Redis) on them; the direct row has only two. Compare ratios from one run, not
# absolute numbers across machines or runs.
set -euo pipefail

# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"

REQUESTS="${REQUESTS:-200000}"
PIPELINE_REQUESTS="${PIPELINE_REQUESTS:-2000000}"
PIPELINE="${PIPELINE:-16}"
CLIENTS="${CLIENTS:-50}"
DATA="${DATA:-100}"
KEYSPACE="${KEYSPACE:-100000}"
ROUNDS="${ROUNDS:-3}"
WARMUP_REQUESTS="${WARMUP_REQUESTS:-100000}"
RUN_TIMEOUT="${RUN_TIMEOUT:-180}"
NC_PORT="${NC_PORT:-22121}"
NC_STATS_PORT="${NC_STATS_PORT:-22222}"
HAP_PORT="${HAP_PORT:-6390}"
OUT_DIR="${OUT_DIR:-$ROOT/bench/out}"
if [ "${TRUSTGATE_ONLY:-0}" = 1 ]; then TARGETS="${TARGETS:-direct trustgate}"; fi
read -r -a TARGET_LIST <<<"${TARGETS:-direct trustgate nutcracker haproxy}"
read -r -a MODE_LIST <<<"${MODES:-plain pipelined}"

BENCH_TMP=$(mktemp -d "${TMPDIR:-/tmp}/trustgate-bench.XXXXXX")
trap bench_cleanup EXIT
trap 'exit 130' INT TERM

declare -A PORT=()    # target -> port it listens on, once it is up
declare -A REASON=()  # target -> why it has no (or incomplete) numbers
RESULTS="$BENCH_TMP/results.txt" # target mode test round rps p50 p99
: >"$RESULTS"

ensure_cmd() { # ensure_cmd COMMAND PACKAGE: apt-get install PACKAGE when COMMAND is missing
  command -v "$1" >/dev/null && return 0
  say "$1 missing; apt-get install -y $2"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq "$2" >"$BENCH_TMP/apt-$2.log" 2>&1 \
    || { apt-get update -qq >>"$BENCH_TMP/apt-$2.log" 2>&1 && apt-get install -y -qq "$2" >>"$BENCH_TMP/apt-$2.log" 2>&1; } \
    || { tail -n 5 "$BENCH_TMP/apt-$2.log" >&2; return 1; }
  command -v "$1" >/dev/null
}

port_free_or_reason() { # port_free_or_reason TARGET PORT KNOB
  if port_busy "$2"; then
    REASON[$1]="port $2 already in use ($(port_owner "$2")); set $3"
    say "$1: ${REASON[$1]}"
    return 1
  fi
}

start_nutcracker() {
  ensure_cmd nutcracker nutcracker || { REASON[nutcracker]="nutcracker not installed (apt-get install nutcracker failed)"; return 1; }
  port_free_or_reason nutcracker "$NC_PORT" NC_PORT || return 1
  port_free_or_reason nutcracker "$NC_STATS_PORT" NC_STATS_PORT || return 1
  cat >"$BENCH_TMP/nutcracker.yml" <<EOF
bench:
  listen: 127.0.0.1:$NC_PORT
  redis: true
  hash: fnv1a_64
  distribution: ketama
  preconnect: true
  auto_eject_hosts: false
  timeout: 5000
  servers:
    - $REDIS_HOST:$REDIS_PORT:1
EOF
  bench_spawn nutcracker "$BENCH_TMP/nutcracker.out" nutcracker -c "$BENCH_TMP/nutcracker.yml" \
    -s "$NC_STATS_PORT" -a 127.0.0.1 -o "$BENCH_TMP/nutcracker.log" -p "$BENCH_TMP/nutcracker.pid"
  wait_probe nutcracker "$NC_PORT" "$SPAWNED_PID" "$BENCH_TMP/nutcracker.log" 15 \
    || { REASON[nutcracker]=$PROBE_WHY; return 1; }
}

start_haproxy() {
  ensure_cmd haproxy haproxy || { REASON[haproxy]="haproxy not installed (apt-get install haproxy failed)"; return 1; }
  port_free_or_reason haproxy "$HAP_PORT" HAP_PORT || return 1
  cat >"$BENCH_TMP/haproxy.cfg" <<EOF
global
  maxconn 4096
defaults
  mode tcp
  timeout connect 5s
  timeout client 5m
  timeout server 5m
frontend redis
  bind 127.0.0.1:$HAP_PORT
  default_backend redis
backend redis
  server redis $REDIS_HOST:$REDIS_PORT
EOF
  bench_spawn haproxy "$BENCH_TMP/haproxy.log" haproxy -db -f "$BENCH_TMP/haproxy.cfg"
  wait_probe haproxy "$HAP_PORT" "$SPAWNED_PID" "$BENCH_TMP/haproxy.log" 15 \
    || { REASON[haproxy]=$PROBE_WHY; return 1; }
}

setup_target() {
  case "$1" in
    direct) PORT[direct]=$REDIS_PORT ;;
    trustgate) if start_trustgate; then PORT[trustgate]=$TG_PORT; else REASON[trustgate]=$TG_REASON; fi ;;
    nutcracker) start_nutcracker && PORT[nutcracker]=$NC_PORT ;;
    haproxy) start_haproxy && PORT[haproxy]=$HAP_PORT ;;
    *) say "unknown target '$1' (known: direct trustgate nutcracker haproxy)"; exit 1 ;;
  esac
  return 0
}

target_pid() { # pid of a target this script started, or empty
  local entry
  for entry in "${BENCH_PIDS[@]}"; do [ "${entry%%:*}" = "$1" ] && echo "${entry##*:}"; done
  return 0
}

# run_one TARGET MODE ROUND N: one redis-benchmark run; appends its rows to RESULTS unless ROUND
# is "warmup". On failure records the reason; a target whose process died is dropped.
run_one() {
  local t=$1 mode=$2 round=$3 n=$4 port=${PORT[$1]} out="$BENCH_TMP/run.csv" err="$BENCH_TMP/run.err"
  local args=(-h 127.0.0.1 -p "$port" -c "$CLIENTS" -n "$n" -d "$DATA" -t "set,get" --csv)
  [ "$KEYSPACE" -gt 0 ] && args+=(-r "$KEYSPACE")
  [ "$mode" = pipelined ] && args+=(-P "$PIPELINE")
  local rc=0 t0=$SECONDS
  timeout "$RUN_TIMEOUT" redis-benchmark "${args[@]}" >"$out" 2>"$err" || rc=$?
  local rows
  # CSV rows: "SET","rps","avg","min","p50","p95","p99","max" (Redis 6 prints only test and rps).
  rows=$(awk -F, '{ gsub(/"/, "") } ($1 == "SET" || $1 == "GET") && NF >= 2 {
      print $1, $2, (NF >= 5 ? $5 : "n/a"), (NF >= 7 ? $7 : "n/a") }' "$out")
  local why=""
  if ((rc == 124)); then why="timed out after ${RUN_TIMEOUT}s"
  elif ((rc != 0)); then why="redis-benchmark exited $rc"
  elif [ "$(grep -cE '^(SET|GET) ' <<<"$rows")" != 2 ]; then why="no SET/GET rows in redis-benchmark's output"
  fi
  if [ -n "$why" ]; then
    local detail
    detail=$(grep -v 'Could not fetch server CONFIG' "$err" | tr '\r' '\n' | grep -v '^\s*$' | tail -n 3 | tr '\n' ' ')
    why="$mode round $round: $why${detail:+: $detail}"
    local pid
    pid=$(target_pid "$t")
    if [ -n "$pid" ] && ! alive "$pid"; then
      why="$why; the $t process exited: $(last_error "$BENCH_TMP/$t.log")"
      tail -n 25 "$BENCH_TMP/$t.log" 2>/dev/null | sed 's/^/    /' >&2 || true
      unset "PORT[$t]"
    fi
    REASON[$t]="${REASON[$t]:+${REASON[$t]}; }$why"
    say "$t FAILED: $why"
    return 0
  fi
  if [ "$round" != warmup ]; then
    awk -v t="$t" -v m="$mode" -v r="$round" '{ print t, m, $1, r, $2, $3, $4 }' <<<"$rows" >>"$RESULTS"
  fi
  say "$(printf '%-10s %-9s %-6s %s  (%ss)' "$t" "$mode" "$round" "$(awk '{printf "%s %s req/s p50 %s p99 %s   ", $1, $2, $3, $4}' <<<"$rows")" "$((SECONDS - t0))")"
}

requests_for() { if [ "$1" = pipelined ]; then echo "$PIPELINE_REQUESTS"; else echo "$REQUESTS"; fi; }

busy_note() { # a warning when the machine was already busy (1-min load above the core count)
  awk -v c="$(nproc)" '$1 > c { printf " (BUSY: other work is running, numbers are not comparable)" }' /proc/loadavg
}

median() { # median of the numbers on stdin ("n/a" lines ignored), or n/a
  { grep -E '^[0-9.]+$' || true; } | sort -g | awk '{ v[NR] = $1 }
    END { if (NR == 0) print "n/a"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

med() { # med TARGET MODE TEST COLUMN(5 rps, 6 p50, 7 p99)
  awk -v t="$1" -v m="$2" -v x="$3" -v c="$4" '$1 == t && $2 == m && $3 == x { print $c }' "$RESULTS" | median
}

ratio() { # ratio A B [TARGET]: A/B to 2 decimals, with " ok"/" MISS" against TARGET
  awk -v a="$1" -v b="$2" -v want="${3:-}" 'BEGIN {
    if (a == "n/a" || b == "n/a" || b + 0 == 0) { printf "n/a"; exit }
    r = a / b; printf "%.2f", r
    if (want != "") printf " %s%s", (r >= want ? "ok>=" : "MISS<"), want }'
}

# ------------------------------------------------------------------------------- setup
command -v redis-benchmark >/dev/null && command -v redis-cli >/dev/null \
  || ensure_cmd redis-benchmark redis-tools || { say "redis-benchmark/redis-cli missing and apt-get failed"; exit 1; }
probe "$REDIS_PORT" || { say "Redis does not answer SET/GET on 127.0.0.1:$REDIS_PORT; start it first"; exit 1; }
for t in "${TARGET_LIST[@]}"; do setup_target "$t"; done

{
  echo "# redis-passthrough bench $(date -u +%Y-%m-%dT%H:%M:%SZ) on $(nproc) cores, $(redis-server --version 2>/dev/null | cut -d' ' -f3 || echo redis ?)"
  echo "# -c $CLIENTS -d $DATA -r $KEYSPACE -t set,get; plain -n $REQUESTS; pipelined -P $PIPELINE -n $PIPELINE_REQUESTS; rounds $ROUNDS (median)"
  echo "# load average at start: $(cut -d' ' -f1-3 /proc/loadavg)$(busy_note)"
  for t in "${TARGET_LIST[@]}"; do
    case "$t" in
      trustgate) [ -n "${PORT[$t]:-}" ] && echo "# trustgate: $TRUSTGATE_JAR ($(date -u -r "$TRUSTGATE_JAR" +%Y-%m-%dT%H:%M:%SZ)), config $(trustgate_config), JVM ${TRUSTGATE_JAVA_OPTS:--Xms512m -Xmx512m}" ;;
      nutcracker) [ -n "${PORT[$t]:-}" ] && echo "# nutcracker: $(nutcracker -V 2>&1 | head -n 1)" ;;
      haproxy) [ -n "${PORT[$t]:-}" ] && echo "# haproxy: $(haproxy -v 2>&1 | head -n 1 | cut -d' ' -f1-3)" ;;
    esac
  done
} >"$BENCH_TMP/header.txt"
cat "$BENCH_TMP/header.txt" >&2

# ------------------------------------------------------------------------------- runs
say "warm-up: one untimed run per target and mode"
for t in "${TARGET_LIST[@]}"; do
  for mode in "${MODE_LIST[@]}"; do
    [ -n "${PORT[$t]:-}" ] || continue
    n=$WARMUP_REQUESTS
    [ "$mode" = pipelined ] && n=$((WARMUP_REQUESTS * 5))
    run_one "$t" "$mode" warmup "$n"
  done
done
for ((round = 1; round <= ROUNDS; round++)); do
  for mode in "${MODE_LIST[@]}"; do
    for t in "${TARGET_LIST[@]}"; do
      [ -n "${PORT[$t]:-}" ] || continue
      run_one "$t" "$mode" "$round" "$(requests_for "$mode")"
    done
  done
done

# ------------------------------------------------------------------------------- report
report() {
  cat "$BENCH_TMP/header.txt"
  echo "# load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  printf '%-11s %-10s %-5s %12s %9s %9s %7s\n' target mode test "req/s" "p50 ms" "p99 ms" rounds
  local t mode x ok
  for mode in "${MODE_LIST[@]}"; do
    for x in SET GET; do
      for t in "${TARGET_LIST[@]}"; do
        ok=$(awk -v t="$t" -v m="$mode" -v x="$x" '$1 == t && $2 == m && $3 == x' "$RESULTS" | wc -l)
        if ((ok == 0)); then
          printf '%-11s %-10s %-5s %12s %9s %9s %7s\n' "$t" "$mode" "$x" n/a n/a n/a "0/$ROUNDS"
        else
          printf '%-11s %-10s %-5s %12.0f %9s %9s %7s\n' "$t" "$mode" "$x" "$(med "$t" "$mode" "$x" 5)" \
            "$(med "$t" "$mode" "$x" 6)" "$(med "$t" "$mode" "$x" 7)" "$ok/$ROUNDS"
        fi
      done
    done
  done
  echo
  echo "ratios of median req/s (targets: plain tg/direct>=0.85 tg/nc>=1.0; pipelined tg/direct>=0.60 tg/nc>=1.0)"
  printf '%-10s %-5s %-20s %-20s %-12s %-12s\n' mode test "trustgate/direct" "trustgate/nutcracker" "tg/haproxy" "nc/direct"
  local d tg nc hp want_d
  for mode in "${MODE_LIST[@]}"; do
    want_d=0.85
    [ "$mode" = pipelined ] && want_d=0.60
    for x in SET GET; do
      d=$(med direct "$mode" "$x" 5); tg=$(med trustgate "$mode" "$x" 5)
      nc=$(med nutcracker "$mode" "$x" 5); hp=$(med haproxy "$mode" "$x" 5)
      printf '%-10s %-5s %-20s %-20s %-12s %-12s\n' "$mode" "$x" "$(ratio "$tg" "$d" "$want_d")" \
        "$(ratio "$tg" "$nc" 1.0)" "$(ratio "$tg" "$hp")" "$(ratio "$nc" "$d")"
    done
  done
  if ((${#REASON[@]})); then
    echo
    echo "problems (n/a or missing rounds above):"
    for t in "${!REASON[@]}"; do echo "  $t: ${REASON[$t]}"; done
  fi
}

mkdir -p "$OUT_DIR"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
report | tee "$OUT_DIR/redis-passthrough-$stamp.txt"
{ echo "target mode test round rps p50_ms p99_ms"; cat "$RESULTS"; } >"$OUT_DIR/redis-passthrough-$stamp.raw.txt"
echo
echo "saved: $OUT_DIR/redis-passthrough-$stamp.txt (+ .raw.txt)"

# Exit 3 when a requested target is missing any run, so a failure is never silent.
expected=$((ROUNDS * ${#MODE_LIST[@]} * 2))
for t in "${TARGET_LIST[@]}"; do
  got=$(awk -v t="$t" '$1 == t' "$RESULTS" | wc -l)
  ((got == expected)) || exit 3
done
exit 0
