#!/usr/bin/env bash
# bench/s3.sh: S3 throughput and latency, trustgate against S3Proxy, in one run on this machine. A benchmark,
# not a test.
#
# Targets (all on 127.0.0.1, SigV4 on in every case, data under this run's mktemp dir, i.e. the same kind of
# directory for every target):
#   s3proxy   S3Proxy 4.0.0 on the jclouds filesystem provider, started with scripts/s3proxy.sh on
#             S3PROXY_BENCH_PORT (9110; HTTPS on 9111, unused) with its own S3PROXY_HOME in the mktemp dir
#   tg-fs     trustgate's S3 listener on TG_FS_PORT (9010) with the filesystem backend (fsync TG_FSYNC, "no":
#             S3Proxy's filesystem provider never fsyncs, so "no" compares like with like; trustgate's default
#             for a real deployment is stricter, see docs/s3-filesystem.md)
#   tg-pass   trustgate's S3 listener on TG_PASS_PORT (9011) passing through to the s3proxy target
#   haproxy-tcp, haproxy-http   references, not trustgate (only when named in TARGETS): Debian's HAProxy on
#             HAPROXY_TCP_PORT (9012, mode tcp: bytes relayed, nothing parsed) or HAPROXY_HTTP_PORT (9013, mode http
#             with keep-alive to the upstream and connection reuse) in front of the s3proxy target. Neither
#             verifies or re-signs anything (the client's signature reaches S3Proxy as it was made), so they show
#             what one more loopback hop through an optimised C proxy costs on this machine: the ceiling any
#             passthrough can reach here, against which tg-pass's ratio reads
# trustgate runs gateway/target/trustgate.jar (built with ./mvnw -q -DskipTests package -pl gateway -am when
# missing, or with REBUILD=1) with a config generated here (TRUSTGATE_CONFIG overrides), admin on
# TG_ADMIN_PORT (9091). TARGETS (default "s3proxy tg-fs tg-pass") picks which run, side by side.
#
# PIN=1 gives the proxies a core of their own: the load generator, S3Proxy (direct and behind) share core
# PIN_SHARED_CORE (0) in every run, and tg-pass and the HAProxy references run alone on PIN_PROXY_CORE (1), as a
# gateway on its own host or core would (taskset). Direct and proxied runs then have the same CPU for client and
# S3Proxy, and the ratio shows what the extra hop costs in latency and in S3Proxy's own work rather than in CPU the
# proxy takes from them. tg-fs is not run then (its comparison with S3Proxy shares the cores the same way for both).
#
# Load: bench/s3-load (a small closed-loop generator, built with ./mvnw -f bench/s3-load/pom.xml package) in mode
# LOADGEN: "raw" (default: keep-alive HTTP/1.1 over Netty, its own SigV4 header signing with the real payload
# SHA-256, path-style, every response checked: status, ETag, GET bytes; tens of microseconds of CPU per request) or
# "sdk" (the async AWS SDK v2 with its defaults: checksums, standard retries; milliseconds of CPU per request, so on
# 2 cores the client, not the server, bounds req/s). CLIENTS (32) concurrent clients, workloads WORKLOADS
# ("get-1k put-1k get-1m put-1m": GET and PUT of 1 KiB and 1 MiB objects), RUN_SECONDS (15) per run after one
# untimed warm-up of WARMUP_SECONDS (5) per target and workload. ROUNDS (3) interleaved rounds: for each
# round, for each target, one run of every workload; each timed run first warms its own (new) load-generator JVM
# for RUN_WARMUP_SECONDS (2) per workload, untimed, so that a cold client JIT does not eat the shared cores. The
# table shows, per target and workload, the median
# over rounds of req/s, MB/s, p50 and p99 (ms), the retries the SDK made (summed over rounds; its standard retry
# strategy is on, as in an application; always 0 in raw mode, which retries nothing), the CPU microseconds per
# request of the load generator, of the target process and, for tg-pass, of the S3Proxy behind it (utime+stime from
# /proc/PID/stat over the timed run; steadier than req/s when other work shares the cores), and the ratios beside
# the issue's targets:
#   tg-fs   / s3proxy  >= 1.5 (req/s, each workload)
#   tg-pass / s3proxy  >= 0.8 (req/s, each workload; "direct" is S3Proxy itself)
#
# Knobs (environment): LOADGEN (raw|sdk) TARGETS CLIENTS RUN_SECONDS WARMUP_SECONDS RUN_WARMUP_SECONDS ROUNDS WORKLOADS S3PROXY_BENCH_PORT TG_FS_PORT
#   TG_PASS_PORT HAPROXY_TCP_PORT HAPROXY_HTTP_PORT TG_ADMIN_PORT TG_FSYNC TG_EVENT_LOOP_THREADS (eventLoop.threads; unset: the gateway's default)
#   PIN PIN_SHARED_CORE PIN_PROXY_CORE TRUSTGATE_JAR TRUSTGATE_CONFIG TRUSTGATE_JAVA_OPTS (-Xms512m -Xmx512m)
#   LOAD_JAVA_OPTS (-Xmx1g) RUN_TIMEOUT (s per run, RUN_SECONDS*4+120) REBUILD=1 KEEP_TMP=1 OUT_DIR (bench/out).
#
# Output: the table on stdout, also saved with the raw per-run rows under OUT_DIR. A target that cannot be
# started or fails a run shows n/a, and the reason is printed (never hidden). Exit 0 when every requested
# target completed every run, 3 otherwise, 1 on a setup error. Everything it starts listens on loopback only
# and is stopped on exit; temp files live in a mktemp dir that is removed on exit.
#
# Calibration: 2 cores shared by the load generator (a JVM), the server and, for tg-pass, S3Proxy behind it.
# Compare ratios from one run, not absolute numbers across machines or runs.
set -euo pipefail

# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"

CLIENTS="${CLIENTS:-32}"
SECONDS_PER_RUN="${RUN_SECONDS:-15}"
WARMUP_SECONDS="${WARMUP_SECONDS:-5}"
RUN_WARMUP_SECONDS="${RUN_WARMUP_SECONDS:-2}"
ROUNDS="${ROUNDS:-3}"
S3PROXY_BENCH_PORT="${S3PROXY_BENCH_PORT:-9110}"
TG_FS_PORT="${TG_FS_PORT:-9010}"
TG_PASS_PORT="${TG_PASS_PORT:-9011}"
HAPROXY_TCP_PORT="${HAPROXY_TCP_PORT:-9012}"
HAPROXY_HTTP_PORT="${HAPROXY_HTTP_PORT:-9013}"
TG_ADMIN_PORT="${TG_ADMIN_PORT:-9091}"
TG_FSYNC="${TG_FSYNC:-no}"
TG_EVENT_LOOP_THREADS="${TG_EVENT_LOOP_THREADS:-}"
RUN_TIMEOUT="${RUN_TIMEOUT:-$((SECONDS_PER_RUN * 4 + 120))}"
LOADGEN="${LOADGEN:-raw}"
PIN="${PIN:-0}"
PIN_SHARED_CORE="${PIN_SHARED_CORE:-0}"
PIN_PROXY_CORE="${PIN_PROXY_CORE:-1}"
case "$LOADGEN" in raw | sdk) ;; *) echo "LOADGEN is raw or sdk, not '$LOADGEN'" >&2; exit 1 ;; esac
OUT_DIR="${OUT_DIR:-$ROOT/bench/out}"
ACCESS_KEY=bench-access
SECRET_KEY=bench-secret-key
read -r -a TARGET_LIST <<<"${TARGETS:-s3proxy tg-fs tg-pass}"
read -r -a WORKLOAD_LIST <<<"${WORKLOADS:-get-1k put-1k get-1m put-1m}"

BENCH_TMP=$(mktemp -d "${TMPDIR:-/tmp}/trustgate-bench-s3.XXXXXX")
S3PROXY_STARTED=0
s3_cleanup() {
  if ((S3PROXY_STARTED)); then
    S3PROXY_HOME="$BENCH_TMP/s3proxy" S3PROXY_PORT="$S3PROXY_BENCH_PORT" \
      bash "$ROOT/scripts/s3proxy.sh" stop >/dev/null 2>&1 || say "stopping the bench S3Proxy failed"
  fi
  bench_cleanup
}
trap s3_cleanup EXIT
trap 'exit 130' INT TERM

declare -A PORT=()    # target -> port it listens on, once it is up
declare -A PIDS=()    # target -> its server pid, then the pid of what runs behind it (comma-separated)
declare -A REASON=()  # target -> why it has no (or incomplete) numbers
# target workload round requests seconds rps mbps p50 p99 errors retries client_us server_us backend_us
RESULTS="$BENCH_TMP/results.txt"
: >"$RESULTS"

# ------------------------------------------------------------------------------- load generator
LOAD_CP=""
build_load() {
  say "building bench/s3-load (./mvnw -q -f bench/s3-load/pom.xml package)"
  (cd "$ROOT" && ./mvnw -q -f bench/s3-load/pom.xml package dependency:build-classpath \
    -Dmdep.outputFile="$BENCH_TMP/load.classpath") >"$BENCH_TMP/load-build.log" 2>&1 || {
    tail -n 30 "$BENCH_TMP/load-build.log" >&2
    say "building the load generator failed"
    exit 1
  }
  LOAD_CP="$ROOT/bench/s3-load/target/bench-s3-load-0.1.0-SNAPSHOT.jar:$(cat "$BENCH_TMP/load.classpath")"
}

# ON_SHARED / ON_PROXY: the command prefix that puts a process on the shared or the proxies' core when PIN=1
# (taskset execs the command, so a spawned pid stays the server's own), empty otherwise
ON_SHARED=()
ON_PROXY=()
if ((PIN)); then
  ON_SHARED=(taskset -c "$PIN_SHARED_CORE")
  ON_PROXY=(taskset -c "$PIN_PROXY_CORE")
fi

# answers PORT: an HTTP status line comes back for GET / (403 or 400 without credentials is fine)
answers() {
  timeout 3 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1 && printf 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' >&3 \
    && head -c 12 <&3 | grep -q '^HTTP/1.[01] '" 2>/dev/null
}

port_free_or_reason() { # port_free_or_reason TARGET PORT KNOB
  if port_busy "$2"; then
    REASON[$1]="port $2 already in use ($(port_owner "$2")); set $3"
    say "$1: ${REASON[$1]}"
    return 1
  fi
}

# ------------------------------------------------------------------------------- targets
start_s3proxy() {
  port_free_or_reason s3proxy "$S3PROXY_BENCH_PORT" S3PROXY_BENCH_PORT || return 1
  port_free_or_reason s3proxy "$((S3PROXY_BENCH_PORT + 1))" S3PROXY_BENCH_PORT || return 1
  S3PROXY_STARTED=1
  if ! S3PROXY_HOME="$BENCH_TMP/s3proxy" S3PROXY_DATA="$BENCH_TMP/s3proxy-data" \
    S3PROXY_PORT="$S3PROXY_BENCH_PORT" S3PROXY_TLS_PORT="$((S3PROXY_BENCH_PORT + 1))" \
    S3PROXY_ACCESS_KEY="$ACCESS_KEY" S3PROXY_SECRET_KEY="$SECRET_KEY" \
    S3PROXY_JAVA_OPTS="${S3PROXY_JAVA_OPTS:--Xms512m -Xmx512m}" \
    "${ON_SHARED[@]}" bash "$ROOT/scripts/s3proxy.sh" start >"$BENCH_TMP/s3proxy-start.log" 2>&1; then
    REASON[s3proxy]="scripts/s3proxy.sh start failed: $(tail -n 3 "$BENCH_TMP/s3proxy-start.log" | tr '\n' ' ')"
    say "s3proxy: ${REASON[s3proxy]}"
    return 1
  fi
  PORT[s3proxy]=$S3PROXY_BENCH_PORT
  PIDS[s3proxy]=$(cat "$BENCH_TMP/s3proxy/s3proxy.pid" 2>/dev/null || true)
}

# The config follows the S3 listener and backend schema of examples/s3-filesystem.yaml and
# examples/s3-passthrough.yaml.
write_trustgate_config() {
  cat >"$BENCH_TMP/trustgate.yaml" <<EOF
admin:
  host: 127.0.0.1
  port: $TG_ADMIN_PORT
${TG_EVENT_LOOP_THREADS:+eventLoop:
  threads: $TG_EVENT_LOOP_THREADS}
listeners:
  - name: s3-fs
    protocol: s3
    host: 127.0.0.1
    port: $TG_FS_PORT
    s3:
      credentials:
        - accessKey: $ACCESS_KEY
          secretKey: $SECRET_KEY
  - name: s3-pass
    protocol: s3
    host: 127.0.0.1
    port: $TG_PASS_PORT
    s3:
      credentials:
        - accessKey: $ACCESS_KEY
          secretKey: $SECRET_KEY
backends:
  - name: disk
    type: filesystem
    directory: $BENCH_TMP/tg-data
    fsync: "$TG_FSYNC"
  - name: s3proxy
    type: s3
    endpoint: http://127.0.0.1:$S3PROXY_BENCH_PORT
    accessKey: $ACCESS_KEY
    secretKey: $SECRET_KEY
routes:
  - listener: s3-fs
    backend: disk
  - listener: s3-pass
    backend: s3proxy
EOF
  echo "$BENCH_TMP/trustgate.yaml"
}

TG_S3_STATE=""  # "", "up" or "failed"
start_trustgate_s3() {
  [ -z "$TG_S3_STATE" ] || { [ "$TG_S3_STATE" = up ]; return; }
  TG_S3_STATE=failed
  ensure_jar || return 1
  local p
  for p in "$TG_FS_PORT" "$TG_PASS_PORT" "$TG_ADMIN_PORT"; do
    if port_busy "$p"; then
      TG_REASON="port $p is already in use ($(port_owner "$p")); set TG_FS_PORT / TG_PASS_PORT / TG_ADMIN_PORT"
      return 1
    fi
  done
  local cfg=${TRUSTGATE_CONFIG:-}
  [ -n "$cfg" ] || cfg=$(write_trustgate_config)
  mkdir -p "$BENCH_TMP/tg-data"
  say "starting trustgate: $TRUSTGATE_JAR --config $cfg (s3-fs 127.0.0.1:$TG_FS_PORT, s3-pass 127.0.0.1:$TG_PASS_PORT)"
  # shellcheck disable=SC2086
  bench_spawn trustgate "$BENCH_TMP/trustgate.log" \
    "${ON_PROXY[@]}" java ${TRUSTGATE_JAVA_OPTS:--Xms512m -Xmx512m} -jar "$TRUSTGATE_JAR" --config "$cfg"
  TG_PID=$SPAWNED_PID
  local deadline=$((SECONDS + ${TG_START_SECONDS:-45}))
  while ((SECONDS < deadline)); do
    if ! alive "$TG_PID"; then
      TG_REASON="exited before it served: $(last_error "$BENCH_TMP/trustgate.log")"
      tail -n 25 "$BENCH_TMP/trustgate.log" | sed 's/^/    /' >&2
      return 1
    fi
    if answers "$TG_FS_PORT" && answers "$TG_PASS_PORT"; then TG_S3_STATE=up; return 0; fi
    sleep 0.5
  done
  TG_REASON="did not answer HTTP on 127.0.0.1:$TG_FS_PORT and :$TG_PASS_PORT within ${TG_START_SECONDS:-45}s"
  tail -n 25 "$BENCH_TMP/trustgate.log" | sed 's/^/    /' >&2
  return 1
}

# start_haproxy TARGET MODE PORT: HAProxy in MODE (tcp or http) on PORT in front of the s3proxy target
start_haproxy() {
  local t=$1 mode=$2 port=$3
  command -v haproxy >/dev/null || { REASON[$t]="haproxy is not installed (apt-get install haproxy)"; say "$t: ${REASON[$t]}"; return 1; }
  port_free_or_reason "$t" "$port" "HAPROXY_${mode^^}_PORT" || return 1
  {
    echo "global"
    echo "  maxconn 4096"
    echo "defaults"
    echo "  mode $mode"
    echo "  timeout connect 5s"
    echo "  timeout client 60s"
    echo "  timeout server 60s"
    if [ "$mode" = http ]; then
      echo "  option http-keep-alive"
      echo "  http-reuse always"
    fi
    echo "frontend in"
    echo "  bind 127.0.0.1:$port"
    echo "  default_backend s3proxy"
    echo "backend s3proxy"
    echo "  server s3proxy 127.0.0.1:$S3PROXY_BENCH_PORT"
  } >"$BENCH_TMP/$t.cfg"
  bench_spawn "$t" "$BENCH_TMP/$t.log" "${ON_PROXY[@]}" haproxy -db -f "$BENCH_TMP/$t.cfg"
  local pid=$SPAWNED_PID i
  for ((i = 0; i < 40; i++)); do
    if ! alive "$pid"; then
      REASON[$t]="haproxy exited: $(last_error "$BENCH_TMP/$t.log")"; say "$t: ${REASON[$t]}"; return 1
    fi
    if answers "$port"; then
      PORT[$t]=$port; PIDS[$t]="$pid${PIDS[s3proxy]:+,${PIDS[s3proxy]}}"; return 0
    fi
    sleep 0.25
  done
  REASON[$t]="haproxy did not answer HTTP on 127.0.0.1:$port within 10 s"; say "$t: ${REASON[$t]}"
  return 1
}

setup_target() {
  case "$1" in
    s3proxy) start_s3proxy || true ;;
    haproxy-tcp | haproxy-http)
      if [ -z "${PORT[s3proxy]:-}" ]; then
        start_s3proxy || { REASON[$1]="its backend, S3Proxy, did not start: ${REASON[s3proxy]:-}"; return 0; }
      fi
      if [ "$1" = haproxy-tcp ]; then start_haproxy "$1" tcp "$HAPROXY_TCP_PORT" || true
      else start_haproxy "$1" http "$HAPROXY_HTTP_PORT" || true; fi ;;
    tg-fs | tg-pass)
      if [ "$1" = tg-fs ] && ((PIN)); then
        REASON[tg-fs]="not run with PIN=1 (only proxies get a core of their own)"; say "tg-fs: ${REASON[tg-fs]}"; return 0
      fi
      if [ "$1" = tg-pass ] && [ -z "${PORT[s3proxy]:-}" ]; then
        start_s3proxy || { REASON[tg-pass]="its backend, S3Proxy, did not start: ${REASON[s3proxy]:-}"; return 0; }
      fi
      if start_trustgate_s3; then
        if [ "$1" = tg-fs ]; then
          PORT[tg-fs]=$TG_FS_PORT; PIDS[tg-fs]=$TG_PID
        else
          PORT[tg-pass]=$TG_PASS_PORT; PIDS[tg-pass]="$TG_PID${PIDS[s3proxy]:+,${PIDS[s3proxy]}}"
        fi
      else
        REASON[$1]="trustgate: ${TG_REASON:-could not start}"
        say "$1: ${REASON[$1]}"
      fi ;;
    *) say "unknown target '$1' (known: s3proxy tg-fs tg-pass haproxy-tcp haproxy-http)"; exit 1 ;;
  esac
  return 0
}

# run_one TARGET ROUND SECONDS WARMUP: one load-generator run of every workload against TARGET; appends
# its RESULT rows to RESULTS unless ROUND is "warmup".
run_one() {
  local t=$1 round=$2 secs=$3 warm=$4 out="$BENCH_TMP/run.out" err="$BENCH_TMP/run.err" rc=0 t0=$SECONDS
  local workloads
  workloads=$(IFS=,; echo "${WORKLOAD_LIST[*]}")
  # shellcheck disable=SC2086
  "${ON_SHARED[@]}" timeout "$RUN_TIMEOUT" java ${LOAD_JAVA_OPTS:--Xmx1g} -cp "$LOAD_CP" io.trustgate.bench.s3.S3Load \
    --endpoint "http://127.0.0.1:${PORT[$t]}" --access-key "$ACCESS_KEY" --secret-key "$SECRET_KEY" \
    --bucket "bench-${t}" --label "$t" --clients "$CLIENTS" --seconds "$secs" --warmup-seconds "$warm" \
    --workloads "$workloads" --mode "$LOADGEN" --server-pids "${PIDS[$t]:-}" --clock-ticks "$(getconf CLK_TCK)" \
    >"$out" 2>"$err" || rc=$?
  local rows expected=${#WORKLOAD_LIST[@]}
  rows=$(awk '$1 == "RESULT" && $10 == 0' "$out")
  local why=""
  if ((rc == 124)); then why="timed out after ${RUN_TIMEOUT}s"
  elif ((rc != 0)); then why="the load generator exited $rc"
  elif [ "$(grep -c . <<<"$rows")" != "$expected" ]; then why="$(awk '$1 == "RESULT" && $10 != 0 { printf "%s had %s errors; ", $3, $10 }' "$out")fewer than $expected clean workloads"
  fi
  if [ -n "$why" ]; then
    why="round $round: $why: $(grep -v '^\s*at ' "$err" | head -n 3 | tr '\n' ' ')"
    REASON[$t]="${REASON[$t]:+${REASON[$t]}; }$why"
    say "$t FAILED: $why"
  fi
  if [ "$round" != warmup ] && [ -n "$rows" ]; then
    awk -v r="$round" '{ print $2, $3, r, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14 }' <<<"$rows" >>"$RESULTS"
  fi
  say "$(printf '%-8s %-6s %s (%ss, load %s)' "$t" "$round" "$(awk '{ printf "%s %s req/s %s MB/s p99 %s ms cpu us/req client %s server %s%s; ", $3, $6, $7, $9, $12, $13, ($14 >= 0 ? "+" $14 : "") }' <<<"$rows")" "$((SECONDS - t0))" "$(cut -d' ' -f1 /proc/loadavg)")"
}

busy_note() {
  awk -v c="$(nproc)" '$1 > c { printf " (BUSY: other work is running, numbers are not comparable)" }' /proc/loadavg
}

median() {
  { grep -E '^[0-9.]+$' || true; } | sort -g | awk '{ v[NR] = $1 }
    END { if (NR == 0) print "n/a"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

med() { # med TARGET WORKLOAD COLUMN (6 rps, 7 MB/s, 8 p50, 9 p99, 12 client us, 13 server us, 14 backend us)
  awk -v t="$1" -v w="$2" -v c="$3" '$1 == t && $2 == w { print $c }' "$RESULTS" | median
}

# pass_cpu_sum: sets cpass to the median over rounds of tg-pass's server + backend CPU per request of workload $w
pass_cpu_sum() {
  cpass=$(awk -v w="$w" '$1 == "tg-pass" && $2 == w && $13 >= 0 && $14 >= 0 { print $13 + $14 }' "$RESULTS" | median)
}

ratio() {
  awk -v a="$1" -v b="$2" -v want="${3:-}" 'BEGIN {
    if (a == "n/a" || b == "n/a" || b + 0 == 0) { printf "n/a"; exit }
    r = a / b; printf "%.2f", r
    if (want != "") printf " %s%s", (r >= want ? "ok>=" : "MISS<"), want }'
}

# ------------------------------------------------------------------------------- setup
build_load
for t in "${TARGET_LIST[@]}"; do setup_target "$t"; done

{
  echo "# s3 bench $(date -u +%Y-%m-%dT%H:%M:%SZ) on $(nproc) cores; $(java -version 2>&1 | head -n 1)"
  if [ "$LOADGEN" = raw ]; then
    gen="raw HTTP/1.1 keep-alive (Netty), SigV4 header auth with the payload SHA-256, path-style, responses checked"
  else
    gen="async AWS SDK v2, SigV4, path-style, SDK default checksums and retries"
  fi
  echo "# load generator LOADGEN=$LOADGEN: $gen"
  echo "# $CLIENTS clients, workloads ${WORKLOAD_LIST[*]}, ${SECONDS_PER_RUN}s per run after a ${WARMUP_SECONDS}s warm-up (and ${RUN_WARMUP_SECONDS}s in-JVM per run), rounds $ROUNDS (median)"
  ((PIN)) && echo "# PIN=1: load generator and S3Proxy on core $PIN_SHARED_CORE, tg-pass and HAProxy on core $PIN_PROXY_CORE (taskset)"
  echo "# load average at start: $(cut -d' ' -f1-3 /proc/loadavg)$(busy_note)"
  [ -n "${PORT[s3proxy]:-}" ] && echo "# s3proxy: S3Proxy 4.0.0, jclouds filesystem provider, data in $BENCH_TMP/s3proxy-data, JVM ${S3PROXY_JAVA_OPTS:--Xms512m -Xmx512m}"
  if [ -n "${PORT[tg-fs]:-}${PORT[tg-pass]:-}" ]; then
    echo "# trustgate: $TRUSTGATE_JAR ($(date -u -r "$TRUSTGATE_JAR" +%Y-%m-%dT%H:%M:%SZ)), fsync $TG_FSYNC, eventLoop.threads ${TG_EVENT_LOOP_THREADS:-default}, JVM ${TRUSTGATE_JAVA_OPTS:--Xms512m -Xmx512m}"
  fi
} >"$BENCH_TMP/header.txt"
cat "$BENCH_TMP/header.txt" >&2

# ------------------------------------------------------------------------------- runs
say "warm-up: one untimed run per target (${WARMUP_SECONDS}s per workload)"
for t in "${TARGET_LIST[@]}"; do
  [ -n "${PORT[$t]:-}" ] || continue
  run_one "$t" warmup "$WARMUP_SECONDS" 0
done
for ((round = 1; round <= ROUNDS; round++)); do
  for t in "${TARGET_LIST[@]}"; do
    [ -n "${PORT[$t]:-}" ] || continue
    run_one "$t" "$round" "$SECONDS_PER_RUN" "$RUN_WARMUP_SECONDS"
  done
done

# ------------------------------------------------------------------------------- report
report() {
  cat "$BENCH_TMP/header.txt"
  echo "# load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  echo "cpu us/req: CPU microseconds per request of the load generator (client), the target (server) and what runs"
  echo "behind it (behind: S3Proxy for tg-pass), medians over rounds"
  printf '%-8s %-7s %10s %9s %9s %9s %7s %8s %8s %8s %8s\n' target load "req/s" "MB/s" "p50 ms" "p99 ms" rounds retries \
    client server behind
  local t w n
  for w in "${WORKLOAD_LIST[@]}"; do
    for t in "${TARGET_LIST[@]}"; do
      n=$(awk -v t="$t" -v w="$w" '$1 == t && $2 == w' "$RESULTS" | wc -l)
      if ((n == 0)); then
        printf '%-8s %-7s %10s %9s %9s %9s %7s %8s %8s %8s %8s\n' "$t" "$w" n/a n/a n/a n/a "0/$ROUNDS" n/a n/a n/a n/a
      else
        printf '%-8s %-7s %10.0f %9.1f %9s %9s %7s %8s %8s %8s %8s\n' "$t" "$w" "$(med "$t" "$w" 6)" "$(med "$t" "$w" 7)" \
          "$(med "$t" "$w" 8)" "$(med "$t" "$w" 9)" "$n/$ROUNDS" \
          "$(awk -v t="$t" -v w="$w" '$1 == t && $2 == w { s += $11 } END { print s + 0 }' "$RESULTS")" \
          "$(med "$t" "$w" 12)" "$(med "$t" "$w" 13)" "$(med "$t" "$w" 14)"
      fi
    done
  done
  echo
  echo "ratios of median req/s (targets: tg-fs/s3proxy >= 1.5, tg-pass/s3proxy >= 0.8)"
  printf '%-8s %-20s %-20s %-22s %-22s\n' load "tg-fs/s3proxy" "tg-pass/s3proxy" "cpu s3proxy/tg-fs" "cpu s3proxy/tg-pass"
  local s fs pass cs cfs cpass
  for w in "${WORKLOAD_LIST[@]}"; do
    s=$(med s3proxy "$w" 6); fs=$(med tg-fs "$w" 6); pass=$(med tg-pass "$w" 6)
    cs=$(med s3proxy "$w" 13); cfs=$(med tg-fs "$w" 13); pass_cpu_sum
    printf '%-8s %-20s %-20s %-22s %-22s\n' "$w" "$(ratio "$fs" "$s" 1.5)" "$(ratio "$pass" "$s" 0.8)" \
      "$(ratio "$cs" "$cfs")" "$(ratio "$cs" "$cpass")"
  done
  echo "(cpu X/Y: server CPU per request of X over that of Y; for tg-pass, trustgate's plus the S3Proxy behind it)"
  local ref refs=()
  for ref in haproxy-tcp haproxy-http; do
    [[ " ${TARGET_LIST[*]} " == *" $ref "* ]] && refs+=("$ref")
  done
  if ((${#refs[@]})); then
    echo
    echo "references: one more loopback hop through HAProxy (nothing verified or re-signed), ratios of median req/s"
    printf '%-8s' load
    for ref in "${refs[@]}"; do printf ' %-20s' "$ref/s3proxy"; done
    printf ' %-20s\n' "tg-pass/$(IFS=/; echo "${refs[*]}")"
    for w in "${WORKLOAD_LIST[@]}"; do
      s=$(med s3proxy "$w" 6); pass=$(med tg-pass "$w" 6)
      printf '%-8s' "$w"
      local rr=()
      for ref in "${refs[@]}"; do
        printf ' %-20s' "$(ratio "$(med "$ref" "$w" 6)" "$s")"
        rr+=("$(ratio "$pass" "$(med "$ref" "$w" 6)")")
      done
      printf ' %-20s\n' "$(IFS=/; echo "${rr[*]}")"
    done
  fi
  if ((${#REASON[@]})); then
    echo
    echo "problems (n/a or missing rounds above):"
    for t in "${!REASON[@]}"; do echo "  $t: ${REASON[$t]}"; done
  fi
}

mkdir -p "$OUT_DIR"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
report | tee "$OUT_DIR/s3-$stamp.txt"
{ echo "target workload round requests seconds rps mbps p50_ms p99_ms errors retries client_us server_us backend_us"; cat "$RESULTS"; } >"$OUT_DIR/s3-$stamp.raw.txt"
echo
echo "saved: $OUT_DIR/s3-$stamp.txt (+ .raw.txt)"

expected=$((ROUNDS * ${#WORKLOAD_LIST[@]}))
for t in "${TARGET_LIST[@]}"; do
  got=$(awk -v t="$t" '$1 == t' "$RESULTS" | wc -l)
  ((got == expected)) || exit 3
done
exit 0
