#!/usr/bin/env bash
# bench/redis-translate.sh: Redis translated onto trustgate's embedded keyspace and onto PostgreSQL,
# against real Redis and against pgbench -S on the same PostgreSQL, in one run. A benchmark, not a test.
#
# Targets (all 127.0.0.1):
#   redis        the Redis on REDIS_PORT (6379) itself
#   redis-always / redis-everysec
#                like-for-like durable anchors (DURABLE_REDIS=0 drops them): a temporary redis-server started by
#                this script on RAL_PORT (6395) / REV_PORT (6396), --appendonly yes --appendfsync always /
#                everysec, its directory in the run's mktemp dir, stopped on exit; the durable embedded lines
#                are compared with them as well as with the plain Redis
#   embedded     trustgate, embedded backend, fsync: always,   port EMB_PORT (6391), admin EMB_ADMIN (9191)
#   emb-everysec trustgate, embedded backend, fsync: everysec (the default), port EVS_PORT (6392), admin EVS_ADMIN
#                (9192) (EVERYSEC=0 drops it)
#   emb-memory   trustgate, embedded backend without a data directory (memory only), port MEM_PORT (6394),
#                admin MEM_ADMIN (9194) (MEMORY=0 drops it)
#   postgres     trustgate, postgres backend on PG_URL (jdbc:postgresql://127.0.0.1:5432/test, user
#                postgres, poolSize PG_POOL 8, tablePrefix PG_PREFIX), port PGTG_PORT (6393), admin PGTG_ADMIN (9193)
#                (POSTGRES=0 drops it and pgbench)
# Configs are generated in a mktemp dir (embedded dataDir too). The jar is built when missing (REBUILD=1).
#
# Load: redis-benchmark -c CLIENTS(50) -n REQUESTS -d 100 -r 100000 -t get,set,incr,lpush,hset,zadd --csv,
#   the same -n for every target. REQUESTS defaults to 300 to keep a run short on a busy machine; Redis and
#   embedded then finish in milliseconds and are noisy: raise REQUESTS (e.g. 5000) for steadier numbers. On the
#   postgres backend LPUSH/HSET/ZADD hit one hot key each, so they run at about one write per commit. Before each
#   run the fixed keys redis-benchmark grows (mylist, myhash, myzset) are deleted on that target so every target
#   starts alike.
#   One untimed warm-up run per target, then ROUNDS (3) interleaved rounds (round -> target), each round
#   also running pgbench -S -c 50 -j 2 -T PGBENCH_SECONDS(10) on the same database (pgbench -i -s 10 once,
#   into its own pgbench_* tables, when pgbench_accounts is missing). Medians are reported.
# Ratios beside the targets: embedded on its default (fsync everysec)/redis >= 0.8 per test; postgres GET /
# pgbench -S TPS >= 0.8; fsync always and memory only are printed beside them. With the durable anchors, also
# embedded (fsync always)/redis-always and emb-everysec/redis-everysec (no target: a like-for-like reading of what
# durability costs each).
#
# Knobs: REQUESTS WARMUP_REQUESTS ROUNDS CLIENTS DATA KEYSPACE TESTS RUN_TIMEOUT(300) EVERYSEC(1) MEMORY(1) POSTGRES(1)
#   DURABLE_REDIS(1) RAL_PORT REV_PORT
#   PGBENCH_SECONDS PGBENCH_SCALE PG_HOST PG_PORT PG_DB PG_USER PG_POOL EMB_PORT EVS_PORT PGTG_PORT
#   EMB_ADMIN EVS_ADMIN PGTG_ADMIN MEM_PORT MEM_ADMIN PG_PREFIX(redis_)
#   TRUSTGATE_JAR TRUSTGATE_JAVA_OPTS(-Xms512m -Xmx512m) REBUILD=1 KEEP_TMP=1 OUT_DIR(bench/out).
# Exit 0 when all runs completed; 1 when Redis/PostgreSQL/pgbench is missing or a target cannot start
# (the reason and log tail are printed); 3 when a run failed (table printed with n/a).
set -euo pipefail

# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"

REQUESTS="${REQUESTS:-300}"
WARMUP_REQUESTS="${WARMUP_REQUESTS:-$REQUESTS}"
ROUNDS="${ROUNDS:-3}"
CLIENTS="${CLIENTS:-50}"
DATA="${DATA:-100}"
KEYSPACE="${KEYSPACE:-100000}"
TESTS="${TESTS:-get,set,incr,lpush,hset,zadd}"
RUN_TIMEOUT="${RUN_TIMEOUT:-300}"
EVERYSEC="${EVERYSEC:-1}"
MEMORY="${MEMORY:-1}"
POSTGRES="${POSTGRES:-1}"
DURABLE_REDIS="${DURABLE_REDIS:-1}"
RAL_PORT="${RAL_PORT:-6395}"; REV_PORT="${REV_PORT:-6396}"
PGBENCH_SECONDS="${PGBENCH_SECONDS:-10}"
PGBENCH_SCALE="${PGBENCH_SCALE:-10}"
PG_HOST="${PG_HOST:-127.0.0.1}"; PG_PORT="${PG_PORT:-5432}"; PG_DB="${PG_DB:-test}"; PG_USER="${PG_USER:-postgres}"
PG_POOL="${PG_POOL:-8}"
EMB_PORT="${EMB_PORT:-6391}"; EVS_PORT="${EVS_PORT:-6392}"; PGTG_PORT="${PGTG_PORT:-6393}"; MEM_PORT="${MEM_PORT:-6394}"
EMB_ADMIN="${EMB_ADMIN:-9191}"; EVS_ADMIN="${EVS_ADMIN:-9192}"; PGTG_ADMIN="${PGTG_ADMIN:-9193}"; MEM_ADMIN="${MEM_ADMIN:-9194}"
PG_PREFIX="${PG_PREFIX:-redis_}"
OUT_DIR="${OUT_DIR:-$ROOT/bench/out}"
TEST_NAMES=(GET SET INCR LPUSH HSET ZADD)
read -r -a TEST_NAMES <<<"$(tr 'a-z,' 'A-Z ' <<<"$TESTS")"

BENCH_TMP=$(mktemp -d "${TMPDIR:-/tmp}/trustgate-bench.XXXXXX")
trap bench_cleanup EXIT
trap 'exit 130' INT TERM

TARGET_LIST=(redis)
[ "$DURABLE_REDIS" = 1 ] && TARGET_LIST+=(redis-always)
[ "$DURABLE_REDIS" = 1 ] && [ "$EVERYSEC" = 1 ] && TARGET_LIST+=(redis-everysec)
TARGET_LIST+=(embedded)
[ "$EVERYSEC" = 1 ] && TARGET_LIST+=(emb-everysec)
[ "$MEMORY" = 1 ] && TARGET_LIST+=(emb-memory)
[ "$POSTGRES" = 1 ] && TARGET_LIST+=(postgres)
declare -A PORT=([redis]=$REDIS_PORT) REASON=()
RESULTS="$BENCH_TMP/results.txt"   # target test round rps p50 p99
PGB="$BENCH_TMP/pgbench.txt"       # round tps
: >"$RESULTS"; : >"$PGB"
psqlc() { psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d "$PG_DB" -XAtq "$@"; }
fail() { say "FAILED: $*"; exit 1; }

# start_gateway TARGET PORT ADMIN_PORT BACKEND_YAML: one trustgate from a generated config; exits 1 on failure.
start_gateway() {
  local t=$1 port=$2 admin=$3 backend=$4 p
  for p in "$port" "$admin"; do
    port_busy "$p" && fail "$t: port $p already in use ($(port_owner "$p")); set EMB_PORT/EVS_PORT/PGTG_PORT"
  done
  cat >"$BENCH_TMP/$t.yaml" <<EOF
admin: {host: 127.0.0.1, port: $admin}
listeners:
  - {name: redis, protocol: redis, host: 127.0.0.1, port: $port}
backends:
  - $backend
routes:
  - {listener: redis, backend: b}
EOF
  say "starting $t: $TRUSTGATE_JAR --config $BENCH_TMP/$t.yaml (127.0.0.1:$port, admin $admin)"
  # shellcheck disable=SC2086
  bench_spawn "$t" "$BENCH_TMP/$t.log" java ${TRUSTGATE_JAVA_OPTS:--Xms512m -Xmx512m} -jar "$TRUSTGATE_JAR" \
    --config "$BENCH_TMP/$t.yaml"
  PROBE_FN=probe_rw wait_probe "$t" "$port" "$SPAWNED_PID" "$BENCH_TMP/$t.log" "${TG_START_SECONDS:-60}" \
    || fail "$t could not start: $PROBE_WHY"
  PORT[$t]=$port
}

# start_redis TARGET PORT FSYNC: a temporary append-only redis-server (no RDB saves) in BENCH_TMP; exits 1 on failure.
start_redis() {
  local t=$1 port=$2 fsync=$3
  port_busy "$port" && fail "$t: port $port already in use ($(port_owner "$port")); set RAL_PORT/REV_PORT"
  mkdir -p "$BENCH_TMP/$t"
  say "starting $t: redis-server on 127.0.0.1:$port, --appendonly yes --appendfsync $fsync, dir $BENCH_TMP/$t"
  bench_spawn "$t" "$BENCH_TMP/$t.log" redis-server --bind 127.0.0.1 --port "$port" --dir "$BENCH_TMP/$t" \
    --appendonly yes --appendfsync "$fsync" --save "" --daemonize no --protected-mode no
  PROBE_FN=probe_rw wait_probe "$t" "$port" "$SPAWNED_PID" "$BENCH_TMP/$t.log" 30 \
    || fail "$t could not start: $PROBE_WHY"
  PORT[$t]=$port
}

# run_one TARGET ROUND N
run_one() {
  local t=$1 round=$2 n=$3 port=${PORT[$1]} out="$BENCH_TMP/run.csv" err="$BENCH_TMP/run.err" rc=0 t0=$SECONDS
  timeout 10 redis-cli -h 127.0.0.1 -p "$port" del mylist myhash myzset >/dev/null 2>&1 || true
  timeout "$RUN_TIMEOUT" redis-benchmark -h 127.0.0.1 -p "$port" -c "$CLIENTS" -n "$n" -d "$DATA" -r "$KEYSPACE" \
    -t "$TESTS" --csv >"$out" 2>"$err" || rc=$?
  # CSV: "test","rps","avg","min","p50","p95","p99","max"; LPUSH is "LPUSH (needed to benchmark LPOP)".
  local rows
  rows=$(awk -F, '{ gsub(/"/, ""); split($1, a, " ") } NF >= 7 && a[1] ~ /^[A-Z]+$/ && a[1] != "test" {
      print a[1], $2, $5, $7 }' "$out")
  local why=""
  if ((rc == 124)); then why="timed out after ${RUN_TIMEOUT}s"
  elif ((rc != 0)); then why="redis-benchmark exited $rc"
  elif [ "$(wc -l <<<"$rows")" -lt "${#TEST_NAMES[@]}" ]; then why="missing rows in redis-benchmark's output"
  fi
  if [ -n "$why" ]; then
    why="round $round: $why: $({ grep -v 'Could not fetch server CONFIG' "$err" || true; } | tr '\r' '\n' | { grep -v '^\s*$' || true; } | tail -n 2 | tr '\n' ' ')"
    REASON[$t]="${REASON[$t]:+${REASON[$t]}; }$why"
    say "$t FAILED: $why"
    [ "$t" = redis ] || tail -n 15 "$BENCH_TMP/$t.log" | sed 's/^/    /' >&2
  fi
  [ "$round" = warmup ] || awk -v t="$t" -v r="$round" '{ print t, $1, r, $2, $3, $4 }' <<<"$rows" >>"$RESULTS"
  say "$(printf '%-12s %-6s %s (%ss)' "$t" "$round" "$(awk '{printf "%s %.0f ", $1, $2}' <<<"$rows")" "$((SECONDS - t0))")"
}

run_pgbench() { # run_pgbench ROUND
  local out="$BENCH_TMP/pgbench.out" tps
  pgbench -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -S -c "$CLIENTS" -j 2 -T "$PGBENCH_SECONDS" -n "$PG_DB" \
    >"$out" 2>&1 || { REASON[pgbench]="round $1: pgbench failed: $(tail -n 2 "$out" | tr '\n' ' ')"; say "${REASON[pgbench]}"; return 0; }
  tps=$(sed -n 's/^tps = \([0-9.]*\) (without initial.*/\1/p' "$out" | head -n 1)
  [ -n "$tps" ] || tps=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$out" | head -n 1)
  echo "$1 $tps" >>"$PGB"
  say "$(printf '%-12s %-6s TPS %.0f' "pgbench -S" "$1" "$tps")"
}

busy_note() { awk -v c="$(nproc)" '$1 > c { printf " (BUSY: other work is running, numbers are not comparable)" }' /proc/loadavg; }
median() {
  { grep -E '^[0-9.]+$' || true; } | sort -g | awk '{ v[NR] = $1 }
    END { if (NR == 0) print "n/a"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
med() { awk -v t="$1" -v x="$2" -v c="$3" '$1 == t && $2 == x { print $c }' "$RESULTS" | median; }
ratio() {
  awk -v a="$1" -v b="$2" -v want="${3:-}" 'BEGIN {
    if (a == "n/a" || b == "n/a" || b + 0 == 0) { printf "n/a"; exit }
    r = a / b; printf "%.3f", r
    if (want != "") printf " %s%s", (r >= want ? "ok>=" : "MISS<"), want }'
}

# ------------------------------------------------------------------------------- setup
for c in redis-benchmark redis-cli java; do command -v "$c" >/dev/null || fail "$c is not installed"; done
if [ "$POSTGRES" = 1 ] && ! command -v psql >/dev/null; then fail "psql is not installed"; fi
if [ "$POSTGRES" = 1 ] && ! command -v pgbench >/dev/null; then
  say "pgbench missing; apt-get install -y postgresql-contrib"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-contrib >"$BENCH_TMP/apt.log" 2>&1 || true
  command -v pgbench >/dev/null || fail "pgbench missing and apt-get install postgresql-contrib failed"
fi
probe "$REDIS_PORT" || fail "Redis does not answer SET/GET on 127.0.0.1:$REDIS_PORT"
[ "$POSTGRES" = 1 ] || PG_SKIP=1
[ -n "${PG_SKIP:-}" ] || psqlc -c 'select 1' >/dev/null 2>"$BENCH_TMP/psql.err" || fail "PostgreSQL $PG_USER@$PG_HOST:$PG_PORT/$PG_DB: $(head -n 2 "$BENCH_TMP/psql.err")"
if [ -z "${PG_SKIP:-}" ] && [ "$(psqlc -c "select to_regclass('public.pgbench_accounts') is not null")" != t ]; then
  say "pgbench -i -s $PGBENCH_SCALE $PG_DB (pgbench_* tables only)"
  pgbench -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -i -q -s "$PGBENCH_SCALE" "$PG_DB" >"$BENCH_TMP/pgbench-init.log" 2>&1 \
    || { tail -n 5 "$BENCH_TMP/pgbench-init.log" >&2; fail "pgbench -i failed"; }
fi
ensure_jar || fail "trustgate: $TG_REASON"
if [ "$DURABLE_REDIS" = 1 ]; then
  command -v redis-server >/dev/null || fail "redis-server is not installed (DURABLE_REDIS=0 skips the durable anchors)"
  start_redis redis-always "$RAL_PORT" always
  [ "$EVERYSEC" = 1 ] && start_redis redis-everysec "$REV_PORT" everysec
fi
start_gateway embedded "$EMB_PORT" "$EMB_ADMIN" "{name: b, type: embedded, dataDir: $BENCH_TMP/emb-always, fsync: always}"
[ "$EVERYSEC" = 1 ] && start_gateway emb-everysec "$EVS_PORT" "$EVS_ADMIN" "{name: b, type: embedded, dataDir: $BENCH_TMP/emb-everysec, fsync: everysec}"
[ "$MEMORY" = 1 ] && start_gateway emb-memory "$MEM_PORT" "$MEM_ADMIN" "{name: b, type: embedded, dataDir: none}"
[ "$POSTGRES" = 1 ] && start_gateway postgres "$PGTG_PORT" "$PGTG_ADMIN" \
  "{name: b, type: postgres, url: \"jdbc:postgresql://$PG_HOST:$PG_PORT/$PG_DB\", username: $PG_USER, poolSize: $PG_POOL, tablePrefix: $PG_PREFIX}"

{
  echo "# redis-translate bench $(date -u +%Y-%m-%dT%H:%M:%SZ) on $(nproc) cores; $(redis-server --version 2>/dev/null | cut -d' ' -f1-3); $(psqlc -c 'show server_version' | cut -d' ' -f1) PostgreSQL"
  echo "# redis-benchmark -c $CLIENTS -n $REQUESTS -d $DATA -r $KEYSPACE -t $TESTS; rounds $ROUNDS (median); pgbench -S -c $CLIENTS -j 2 -T $PGBENCH_SECONDS (scale $([ -n "${PG_SKIP:-}" ] && echo skipped || psqlc -c 'select count(*) from pgbench_branches' 2>/dev/null || echo ?))"
  echo "# trustgate: $TRUSTGATE_JAR ($(date -u -r "$TRUSTGATE_JAR" +%Y-%m-%dT%H:%M:%SZ)), JVM ${TRUSTGATE_JAVA_OPTS:--Xms512m -Xmx512m}; postgres poolSize $PG_POOL"
  echo "# load average at start: $(cut -d' ' -f1-3 /proc/loadavg)$(busy_note)"
} >"$BENCH_TMP/header.txt"
cat "$BENCH_TMP/header.txt" >&2

# ------------------------------------------------------------------------------- runs
say "warm-up: one untimed run per target (-n $WARMUP_REQUESTS)"
for t in "${TARGET_LIST[@]}"; do run_one "$t" warmup "$WARMUP_REQUESTS"; done
for ((round = 1; round <= ROUNDS; round++)); do
  for t in "${TARGET_LIST[@]}"; do run_one "$t" "$round" "$REQUESTS"; done
  [ "$POSTGRES" = 1 ] && run_pgbench "$round"
done

# ------------------------------------------------------------------------------- report
report() {
  cat "$BENCH_TMP/header.txt"
  echo "# load average at end: $(cut -d' ' -f1-3 /proc/loadavg)$(busy_note)"
  echo
  printf '%-13s %-6s %10s %8s %8s %7s\n' target test "req/s" "p50 ms" "p99 ms" rounds
  local t x ok
  for x in "${TEST_NAMES[@]}"; do
    for t in "${TARGET_LIST[@]}"; do
      ok=$(awk -v t="$t" -v x="$x" '$1 == t && $2 == x' "$RESULTS" | wc -l)
      if ((ok == 0)); then printf '%-13s %-6s %10s %8s %8s %7s\n' "$t" "$x" n/a n/a n/a "0/$ROUNDS"
      else printf '%-13s %-6s %10.0f %8s %8s %7s\n' "$t" "$x" "$(med "$t" "$x" 4)" "$(med "$t" "$x" 5)" "$(med "$t" "$x" 6)" "$ok/$ROUNDS"
      fi
    done
  done
  local tps
  tps=$(awk '{ print $2 }' "$PGB" | median)
  printf '%-13s %-6s %10s %8s %8s %7s\n' "pgbench -S" TPS "$(awk -v v="$tps" 'BEGIN { if (v == "n/a") print v; else printf "%.0f", v }')" - - "$(wc -l <"$PGB")/$ROUNDS"
  echo
  echo "ratios of median req/s (targets: embedded on its default fsync everysec / redis >= 0.8 per test;"
  echo "postgres GET / pgbench -S TPS >= 0.8)"
  printf '%-6s %-24s %-14s %-14s %-14s\n' test "everysec(default)/redis" "always/redis" "memory/redis" "postgres/redis"
  local r
  for x in "${TEST_NAMES[@]}"; do
    r=$(med redis "$x" 4)
    printf '%-6s %-24s %-14s %-14s %-14s\n' "$x" "$(ratio "$(med emb-everysec "$x" 4)" "$r" 0.8)" \
      "$(ratio "$(med embedded "$x" 4)" "$r")" "$(ratio "$(med emb-memory "$x" 4)" "$r")" \
      "$(ratio "$(med postgres "$x" 4)" "$r")"
  done
  echo "postgres GET / pgbench -S TPS: $(ratio "$(med postgres GET 4)" "$tps" 0.8)"
  if [ "$DURABLE_REDIS" = 1 ]; then
    echo
    echo "like for like: durable embedded / durable Redis (appendonly yes, same appendfsync)"
    printf '%-6s %-24s %-24s\n' test "embedded/redis-always" "everysec/redis-everysec"
    for x in "${TEST_NAMES[@]}"; do
      printf '%-6s %-24s %-24s\n' "$x" "$(ratio "$(med embedded "$x" 4)" "$(med redis-always "$x" 4)")" \
        "$(ratio "$(med emb-everysec "$x" 4)" "$(med redis-everysec "$x" 4)")"
    done
  fi
  if ((${#REASON[@]})); then
    echo; echo "problems (n/a or missing rounds above):"
    for t in "${!REASON[@]}"; do echo "  $t: ${REASON[$t]}"; done
  fi
}

mkdir -p "$OUT_DIR"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
report | tee "$OUT_DIR/redis-translate-$stamp.txt"
{ echo "target test round rps p50_ms p99_ms"; cat "$RESULTS"; echo "pgbench round tps"; sed 's/^/pgbench /' "$PGB"; } \
  >"$OUT_DIR/redis-translate-$stamp.raw.txt"
echo; echo "saved: $OUT_DIR/redis-translate-$stamp.txt (+ .raw.txt)"
((${#REASON[@]} == 0)) || exit 3
exit 0
