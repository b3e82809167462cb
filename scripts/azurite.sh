#!/usr/bin/env bash
# azurite.sh start|stop|status
#
# Azurite's blob service (npm `azurite`) on loopback: the Azure Blob Storage that trustgate's S3-on-Azure backend
# is tested against.
#
#   start   already answering on AZURITE_PORT -> does nothing. Otherwise installs azurite AZURITE_VERSION with npm
#           into AZURITE_TOOLS when it is missing, starts `azurite-blob` in the background on 127.0.0.1
#           (data in AZURITE_HOME/data, --skipApiVersionCheck so newer SDKs are served) and waits (at most
#           AZURITE_WAIT_SECONDS, default 60) until it answers HTTP.
#   stop    stops the Azurite whose pid is in AZURITE_HOME (INT; KILL once it has closed, or after 10 s) and removes its data.
#   status  exit 0 only when the blob endpoint answers.
#
# Clients use Azurite's well-known development account: devstoreaccount1 with its published key, endpoint
# http://127.0.0.1:$AZURITE_PORT/devstoreaccount1.
#
# Knobs (environment): AZURITE_PORT (10000) AZURITE_VERSION (3.37.0)
#   AZURITE_HOME (${TMPDIR:-/tmp}/trustgate-azurite: pid, log, data) AZURITE_TOOLS (<repo>/.tools/azurite)
#
# Needs node and npm. Runs are serialized with a lock file; exits non-zero with a message on stderr on failure.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PORT="${AZURITE_PORT:-10000}"
VERSION="${AZURITE_VERSION:-3.37.0}"
HOME_DIR="${AZURITE_HOME:-${TMPDIR:-/tmp}/trustgate-azurite}"
TOOLS="${AZURITE_TOOLS:-$ROOT/.tools/azurite}"
WAIT_SECONDS="${AZURITE_WAIT_SECONDS:-60}"
BIN="$TOOLS/node_modules/.bin/azurite-blob"
PIDFILE="$HOME_DIR/azurite.pid"
LOG="$HOME_DIR/azurite.log"

log() { echo "azurite: $*"; }
die() { echo "azurite: ERROR: $*" >&2; exit 1; }

alive() {
  local st
  st=$(sed -n 's/^.*) \([A-Za-z]\).*/\1/p' "/proc/$1/stat" 2>/dev/null) || return 1
  [ -n "$st" ] && [ "$st" != Z ]
}

answers() { # an HTTP status line for GET / (Azurite answers 400 to a request without an account)
  timeout 3 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1 && printf 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' >&3 \
    && head -c 12 <&3 | grep -q '^HTTP/1.[01] '" 2>/dev/null
}

install() {
  [ -x "$BIN" ] && return 0
  command -v npm >/dev/null || die "npm is missing (Debian: apt-get install npm)"
  mkdir -p "$TOOLS"
  log "npm install azurite@$VERSION into $TOOLS"
  npm install --prefix "$TOOLS" --no-audit --no-fund --loglevel=error "azurite@$VERSION" >"$TOOLS/npm.log" 2>&1 \
    || { tail -n 20 "$TOOLS/npm.log" >&2; die "npm install azurite failed (see $TOOLS/npm.log)"; }
  [ -x "$BIN" ] || die "no $BIN after npm install"
}

stop_pid() {
  local pid i
  pid=$(cat "$PIDFILE" 2>/dev/null || true)
  if [ -n "$pid" ] && alive "$pid"; then
    # Azurite closes on SIGINT (its Ctrl-C handler) and logs "successfully closed", but node may linger
    # afterwards: once closed (or after 10 s) the process is killed.
    kill -INT "$pid" 2>/dev/null || true
    for ((i = 0; i < 50; i++)); do
      alive "$pid" || break
      grep -q 'successfully closed' "$LOG" 2>/dev/null && break
      sleep 0.2
    done
    alive "$pid" && kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$PIDFILE"
}

start() {
  if answers "$PORT"; then
    log "already answering on http://127.0.0.1:$PORT"
    return 0
  fi
  install
  mkdir -p "$HOME_DIR/data"
  [ -f "$PIDFILE" ] && stop_pid
  log "starting azurite-blob $VERSION on http://127.0.0.1:$PORT (data $HOME_DIR/data)"
  setsid "$BIN" --blobHost 127.0.0.1 --blobPort "$PORT" --location "$HOME_DIR/data" --skipApiVersionCheck \
    >"$LOG" 2>&1 </dev/null 9>&- &
  echo $! >"$PIDFILE"
  local pid deadline=$((SECONDS + WAIT_SECONDS))
  pid=$(cat "$PIDFILE")
  while ((SECONDS < deadline)); do
    alive "$pid" || { tail -n 30 "$LOG" >&2; die "Azurite exited before it answered (log $LOG)"; }
    if answers "$PORT"; then
      log "up: http://127.0.0.1:$PORT/devstoreaccount1 (pid $pid, log $LOG)"
      return 0
    fi
    sleep 0.5
  done
  tail -n 30 "$LOG" >&2
  die "Azurite did not answer on 127.0.0.1:$PORT within ${WAIT_SECONDS}s (log $LOG)"
}

stop() {
  if [ ! -f "$PIDFILE" ]; then
    log "not running (no $PIDFILE)"
    return 0
  fi
  stop_pid
  rm -rf "$HOME_DIR/data"
  log "stopped"
}

status() {
  if answers "$PORT"; then
    log "http://127.0.0.1:$PORT answers; pid $(cat "$PIDFILE" 2>/dev/null || echo '? (not started here)')"
    return 0
  fi
  log "not answering on http://127.0.0.1:$PORT"
  return 1
}

mkdir -p "$(dirname "$HOME_DIR")"
exec 9>"$HOME_DIR.lock"
flock -w 120 9 || die "another azurite.sh run holds $HOME_DIR.lock"
case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
