#!/usr/bin/env bash
# bench/profile.sh: where trustgate spends its CPU in Redis passthrough. Not a test.
#
#   bench/profile.sh                 start the gateway under JFR, load it, print hot methods
#   bench/profile.sh --analyze FILE  print hot methods of a recording made before
#
# Starts gateway/target/trustgate.jar (built when missing, REBUILD=1 to force) with
# examples/redis-passthrough.yaml on 127.0.0.1:TG_PORT (6380) in front of Redis on REDIS_PORT
# (6379), exactly as bench/redis-passthrough.sh does, adding
#   -XX:StartFlightRecording=name=bench,settings=profile,delay=JFR_DELAY,duration=JFR_SECONDS,filename=...
# JFR_DELAY (15 s from JVM start) covers startup and warm-up load before recording;
# JFR_SECONDS (60 s) is the recording length. redis-benchmark (-c CLIENTS 50, -d DATA 100,
# -r KEYSPACE 100000, -t set,get) alternates unpipelined runs (-n REQUESTS, 200000) and pipelined runs (-P PIPELINE 16,
# -n PIPELINE_REQUESTS, 2000000) until the recording is written, for at most
# JFR_DELAY + JFR_SECONDS + 60 s and 200 runs. MODES="plain" or "pipelined" keeps one kind.
#
# Then prints, from `jfr print --events jdk.ExecutionSample --stack-depth STACK_DEPTH(64)`:
#   - the TOP (25) methods by self samples (the frame on top of the stack),
#   - the TOP methods by total samples (anywhere on the stack, once per sample),
#   - samples per thread;
# and from jdk.NativeMethodSample (threads in JNI: Netty's epoll read/write, and idle
# epoll_wait) the top frames and threads.
# The recording is kept as OUT_DIR/trustgate-<time>.jfr (OUT_DIR: bench/out, git-ignored) for
# JDK Mission Control or a second --analyze. Everything runs on loopback and is stopped on exit.
set -euo pipefail

# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"

TOP="${TOP:-25}"
STACK_DEPTH="${STACK_DEPTH:-64}"

# tables EVENT FILE KINDS: aggregates one sample event of a JFR recording and prints, for each
# letter in KINDS, a table: S methods by self samples (top frame), T methods by total samples
# (anywhere on the stack, once per sample), H samples per thread.
tables() {
  local event=$1 jfr=$2 kinds=$3 tmp
  tmp=$(mktemp "${TMPDIR:-/tmp}/trustgate-jfr.XXXXXX")
  jfr print --events "$event" --stack-depth "$STACK_DEPTH" "$jfr" >"$tmp" \
    || { rm -f "$tmp"; say "jfr print failed on $jfr"; return 1; }
  # Frames print as "      pkg.Class.method(ArgTypes) line: N"; a method is the text before "line:".
  awk -v ev="$event" -v agg="$tmp.agg" '
    function flush(   i, k) {
      if (n > 0) {
        self[f[1]]++
        for (k in seen) delete seen[k]
        for (i = 1; i <= n; i++) if (!(f[i] in seen)) { seen[f[i]] = 1; total[f[i]]++ }
      }
      n = 0
    }
    index($0, ev " {") == 1 { flush(); samples++; instack = 0; next }
    /sampledThread = / { t = $0; sub(/^[^"]*"/, "", t); sub(/".*$/, "", t)
                         gsub(/[0-9]+$/, "N", t); threads[t]++; next }
    /stackTrace = \[/ { instack = 1; next }
    instack && /^[ \t]*\]/ { instack = 0; next }
    instack { m = $0; sub(/^[ \t]+/, "", m); sub(/[ \t]+line:.*$/, "", m)
              if (m != "..." && m != "") f[++n] = m; next }
    END { flush()
          for (k in self) printf "S\t%d\t%s\n", self[k], k > agg
          for (k in total) printf "T\t%d\t%s\n", total[k], k > agg
          for (k in threads) printf "H\t%d\t%s\n", threads[k], k > agg
          close(agg); print samples + 0 }' "$tmp" >"$tmp.n"
  local n kind title
  n=$(cat "$tmp.n")
  echo
  echo "== $event: $n samples"
  if ((n == 0)); then rm -f "$tmp" "$tmp".*; return 0; fi
  for ((i = 0; i < ${#kinds}; i++)); do
    kind=${kinds:i:1}
    case $kind in
      S) title="top $TOP by self samples (frame on top of the stack)" ;;
      T) title="top $TOP by total samples (anywhere on the stack)" ;;
      H) title="samples per thread (trailing numbers folded to N)" ;;
    esac
    echo
    echo "$title"
    printf '%8s %6s  %s\n' samples "%" "$([ "$kind" = H ] && echo thread || echo method)"
    awk -F'\t' -v k="$kind" '$1 == k { print $2 "\t" $3 }' "$tmp.agg" | sort -t$'\t' -k1,1nr | head -n "$TOP" \
      | awk -F'\t' -v n="$n" '{ printf "%8d %5.1f%%  %s\n", $1, 100 * $1 / n, $2 }'
  done
  rm -f "$tmp" "$tmp".*
}

# analyze FILE: hot-method tables from a JFR recording.
analyze() {
  command -v jfr >/dev/null || { say "the jfr tool (JDK bin/) is not on PATH"; return 1; }
  echo "recording: $1"
  # Java code running on a CPU.
  tables jdk.ExecutionSample "$1" STH
  # Threads inside native code: Netty's epoll read/write/epoll_wait are JNI calls, so syscall time
  # lands here, and so do threads idle in epoll_wait; read the top frames with that in mind.
  tables jdk.NativeMethodSample "$1" SH
}

if [ "${1:-}" = --analyze ]; then
  [ -f "${2:-}" ] || { echo "usage: $0 --analyze FILE.jfr" >&2; exit 2; }
  analyze "$2"
  exit
fi
[ $# -eq 0 ] || { echo "usage: $0 [--analyze FILE.jfr]" >&2; exit 2; }

JFR_DELAY="${JFR_DELAY:-15}"
JFR_SECONDS="${JFR_SECONDS:-60}"
CLIENTS="${CLIENTS:-50}"
DATA="${DATA:-100}"
KEYSPACE="${KEYSPACE:-100000}"
REQUESTS="${REQUESTS:-200000}"
PIPELINE="${PIPELINE:-16}"
PIPELINE_REQUESTS="${PIPELINE_REQUESTS:-2000000}"
OUT_DIR="${OUT_DIR:-$ROOT/bench/out}"
read -r -a MODE_LIST <<<"${MODES:-plain pipelined}"

BENCH_TMP=$(mktemp -d "${TMPDIR:-/tmp}/trustgate-profile.XXXXXX")
trap bench_cleanup EXIT
trap 'exit 130' INT TERM

command -v redis-benchmark >/dev/null || { say "redis-benchmark missing (apt-get install redis-tools)"; exit 1; }
probe "$REDIS_PORT" || { say "Redis does not answer SET/GET on 127.0.0.1:$REDIS_PORT; start it first"; exit 1; }

mkdir -p "$OUT_DIR"
JFR_FILE="$OUT_DIR/trustgate-$(date -u +%Y%m%dT%H%M%SZ).jfr"
t_spawn=$SECONDS
start_trustgate "-XX:StartFlightRecording=name=bench,settings=profile,delay=${JFR_DELAY}s,duration=${JFR_SECONDS}s,filename=$JFR_FILE" \
  || { say "trustgate could not be profiled: $TG_REASON"; exit 1; }
if ((SECONDS - t_spawn > JFR_DELAY - 5)); then
  say "warning: the gateway took $((SECONDS - t_spawn))s to start, so the recording (from ${JFR_DELAY}s) has little warm-up before it; raise JFR_DELAY"
fi

say "loading 127.0.0.1:$TG_PORT (${MODE_LIST[*]}) until the recording is written (${JFR_DELAY}s delay + ${JFR_SECONDS}s)"
deadline=$((SECONDS + JFR_DELAY + JFR_SECONDS + 60))
runs=0
while [ ! -s "$JFR_FILE" ] && ((SECONDS < deadline && runs < 200)); do
  for mode in "${MODE_LIST[@]}"; do
    args=(-h 127.0.0.1 -p "$TG_PORT" -c "$CLIENTS" -d "$DATA" -t "set,get" -q)
    [ "$KEYSPACE" -gt 0 ] && args+=(-r "$KEYSPACE")
    if [ "$mode" = pipelined ]; then args+=(-P "$PIPELINE" -n "$PIPELINE_REQUESTS"); else args+=(-n "$REQUESTS"); fi
    left=$((deadline - SECONDS))
    ((left > 0)) || break
    rc=0
    timeout "$left" redis-benchmark "${args[@]}" >"$BENCH_TMP/run.out" 2>&1 || rc=$?
    runs=$((runs + 1))
    summary=$(tr '\r' '\n' <"$BENCH_TMP/run.out" | grep -E 'requests per second' | tr -s ' ' | tr '\n' ' ' || true)
    say "run $runs $mode: ${summary:-no result} $( ((rc == 0)) || echo "(exit $rc: $(tr '\r' '\n' <"$BENCH_TMP/run.out" | grep -v '^\s*$' | tail -n 2 | tr '\n' ' '))")"
    if ! alive "$TG_PID"; then
      say "trustgate exited during the load: $(last_error "$BENCH_TMP/trustgate.log")"
      tail -n 25 "$BENCH_TMP/trustgate.log" | sed 's/^/    /' >&2
      exit 1
    fi
    [ -s "$JFR_FILE" ] && break
  done
done
# The file appears when the recording stops; give JFR a moment to finish writing it.
for ((i = 0; i < 30; i++)); do
  jfr summary "$JFR_FILE" >/dev/null 2>&1 && break
  sleep 1
done
jfr summary "$JFR_FILE" >/dev/null 2>&1 || { say "no complete recording at $JFR_FILE after $runs runs"; exit 1; }
bench_cleanup
echo
analyze "$JFR_FILE"
