#!/usr/bin/env bash
# s3proxy.sh start|stop|status
#
# S3Proxy (org.gaul:s3proxy 4.0.0) on loopback: the reference S3 server for the S3 compat tests, the backend of
# trustgate's S3 passthrough tests and the comparison target of bench/s3.sh. It runs as its own process because
# S3Proxy 4.x brings its own Jackson and AWS SDK versions.
#
#   start   already answering on S3PROXY_PORT -> does nothing. Otherwise fetches the jar-with-dependencies into
#           S3PROXY_CACHE when it is missing (./mvnw dependency:copy from the Maven repository the wrapper uses),
#           writes a properties file (jclouds filesystem provider, basedir S3PROXY_DATA; SigV2/SigV4 auth with
#           S3PROXY_ACCESS_KEY / S3PROXY_SECRET_KEY), generates a self-signed PKCS12 keystore for the HTTPS
#           endpoint (SAN ip:127.0.0.1, dns:localhost; password S3PROXY_KEYSTORE_PASSWORD), starts S3Proxy in
#           the background and waits (at most S3PROXY_WAIT_SECONDS, default 60) until both endpoints answer HTTP.
#   stop    stops the S3Proxy whose pid is in S3PROXY_HOME (TERM, then KILL after 15 s) and removes its data.
#   status  prints the endpoints; exit 0 only when the HTTP endpoint answers.
#
# Knobs (environment; the compat tests read the same names with the same defaults):
#   S3PROXY_PORT (9100)  S3PROXY_TLS_PORT (9101)  S3PROXY_ACCESS_KEY (trustgate-s3proxy)
#   S3PROXY_SECRET_KEY (trustgate-s3proxy-secret)  S3PROXY_HOME (${TMPDIR:-/tmp}/trustgate-s3proxy: pid, log,
#   properties, keystore.p12)  S3PROXY_DATA ($S3PROXY_HOME/data)  S3PROXY_CACHE (<repo>/.tools/s3proxy, the jar)
#   S3PROXY_JAVA (java to run it with: default `java` when it is 17 or newer, else /usr/lib/jvm/temurin-25*)
#   S3PROXY_JAVA_OPTS (-Xmx512m)
#
# Everything listens on 127.0.0.1 only. Runs are serialized with a lock file. Exits non-zero with a message on
# stderr on any failure.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
VERSION=4.0.0
PORT="${S3PROXY_PORT:-9100}"
TLS_PORT="${S3PROXY_TLS_PORT:-9101}"
ACCESS_KEY="${S3PROXY_ACCESS_KEY:-trustgate-s3proxy}"
SECRET_KEY="${S3PROXY_SECRET_KEY:-trustgate-s3proxy-secret}"
HOME_DIR="${S3PROXY_HOME:-${TMPDIR:-/tmp}/trustgate-s3proxy}"
DATA="${S3PROXY_DATA:-$HOME_DIR/data}"
CACHE="${S3PROXY_CACHE:-$ROOT/.tools/s3proxy}"
KEYSTORE_PASSWORD="${S3PROXY_KEYSTORE_PASSWORD:-trustgate}"
WAIT_SECONDS="${S3PROXY_WAIT_SECONDS:-60}"
JAR="$CACHE/s3proxy-$VERSION-jar-with-dependencies.jar"
PIDFILE="$HOME_DIR/s3proxy.pid"
LOG="$HOME_DIR/s3proxy.log"

log() { echo "s3proxy: $*"; }
die() { echo "s3proxy: ERROR: $*" >&2; exit 1; }

alive() { # the pid runs and is not a zombie
  local st
  st=$(sed -n 's/^.*) \([A-Za-z]\).*/\1/p' "/proc/$1/stat" 2>/dev/null) || return 1
  [ -n "$st" ] && [ "$st" != Z ]
}

answers() { # answers PORT: an HTTP status line comes back for GET / (403 without credentials)
  timeout 3 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1 && printf 'GET / HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3 \
    && head -c 12 <&3 | grep -q '^HTTP/1.[01] '" 2>/dev/null
}

tls_answers() { # an HTTPS handshake and a status line (the certificate is self-signed: not verified here)
  command -v openssl >/dev/null || { answers_tcp "$1"; return; }
  timeout 5 bash -c "printf 'GET / HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' \
    | openssl s_client -quiet -connect 127.0.0.1:$1 2>/dev/null | head -c 12 | grep -q '^HTTP/1.[01] '"
}

answers_tcp() { timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; }

pick_java() { # prints a java of version 17 or newer
  local j v
  for j in ${S3PROXY_JAVA:-} java /usr/lib/jvm/temurin-25*/bin/java /usr/lib/jvm/*/bin/java; do
    command -v "$j" >/dev/null 2>&1 || [ -x "$j" ] || continue
    v=$("$j" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
    [ -n "$v" ] && [ "${v%%.*}" -ge 17 ] 2>/dev/null && { echo "$j"; return 0; }
  done
  return 1
}

fetch_jar() {
  [ -s "$JAR" ] && return 0
  mkdir -p "$CACHE"
  log "fetching org.gaul:s3proxy:$VERSION:jar-with-dependencies into $CACHE"
  local args=(-q -N -f "$ROOT/pom.xml" org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy
    "-Dartifact=org.gaul:s3proxy:$VERSION:jar:jar-with-dependencies" "-DoutputDirectory=$CACHE")
  # Offline first (a warm ~/.m2 needs no network), then online.
  (cd "$ROOT" && { ./mvnw -o "${args[@]}" >/dev/null 2>&1 || ./mvnw -B "${args[@]}"; }) >"$CACHE/fetch.log" 2>&1 \
    || { tail -n 20 "$CACHE/fetch.log" >&2; die "could not fetch the S3Proxy jar (see $CACHE/fetch.log)"; }
  [ -s "$JAR" ] || die "no $JAR after dependency:copy"
}

write_config() { # properties file and a fresh self-signed keystore for the HTTPS endpoint
  local java=$1 keytool
  keytool="$(dirname "$(readlink -f "$(command -v "$java")")")/keytool"
  [ -x "$keytool" ] || keytool=keytool
  rm -f "$HOME_DIR/keystore.p12"
  "$keytool" -genkeypair -alias s3proxy -keyalg RSA -keysize 2048 -validity 30 -storetype PKCS12 \
    -dname "CN=127.0.0.1, O=trustgate compat tests" -ext "SAN=ip:127.0.0.1,dns:localhost" \
    -keystore "$HOME_DIR/keystore.p12" -storepass "$KEYSTORE_PASSWORD" -keypass "$KEYSTORE_PASSWORD" \
    >"$HOME_DIR/keytool.log" 2>&1 || { cat "$HOME_DIR/keytool.log" >&2; die "keytool failed"; }
  cat >"$HOME_DIR/s3proxy.properties" <<EOF
s3proxy.endpoint=http://127.0.0.1:$PORT
s3proxy.secure-endpoint=https://127.0.0.1:$TLS_PORT
s3proxy.keystore-path=$HOME_DIR/keystore.p12
s3proxy.keystore-password=$KEYSTORE_PASSWORD
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$ACCESS_KEY
s3proxy.credential=$SECRET_KEY
jclouds.provider=filesystem
jclouds.filesystem.basedir=$DATA
EOF
}

start() {
  if answers "$PORT"; then
    log "already answering on http://127.0.0.1:$PORT"
    return 0
  fi
  if answers_tcp "$PORT"; then
    die "port $PORT is taken by something that does not answer HTTP; set S3PROXY_PORT"
  fi
  local java
  java=$(pick_java) || die "no Java 17+ found (java, /usr/lib/jvm/temurin-25*); set S3PROXY_JAVA"
  fetch_jar
  mkdir -p "$HOME_DIR" "$DATA"
  if [ -f "$PIDFILE" ] && alive "$(cat "$PIDFILE")"; then
    log "a stale S3Proxy (pid $(cat "$PIDFILE")) is not answering; stopping it"
    stop_pid
  fi
  write_config "$java"
  log "starting $(basename "$JAR") on http://127.0.0.1:$PORT and https://127.0.0.1:$TLS_PORT (data $DATA, $java)"
  # setsid: the server outlives this script and the shell that ran it; its pid goes into PIDFILE.
  # shellcheck disable=SC2086
  setsid "$java" ${S3PROXY_JAVA_OPTS:--Xmx512m} -jar "$JAR" --properties "$HOME_DIR/s3proxy.properties" \
    >"$LOG" 2>&1 </dev/null 9>&- &
  echo $! >"$PIDFILE"
  local pid deadline=$((SECONDS + WAIT_SECONDS))
  pid=$(cat "$PIDFILE")
  while ((SECONDS < deadline)); do
    alive "$pid" || { tail -n 30 "$LOG" >&2; die "S3Proxy exited before it answered (log $LOG)"; }
    if answers "$PORT" && tls_answers "$TLS_PORT"; then
      log "up: http://127.0.0.1:$PORT https://127.0.0.1:$TLS_PORT (pid $pid, log $LOG)"
      return 0
    fi
    sleep 0.5
  done
  tail -n 30 "$LOG" >&2
  die "S3Proxy did not answer on 127.0.0.1:$PORT and :$TLS_PORT within ${WAIT_SECONDS}s (log $LOG)"
}

stop_pid() {
  local pid i
  pid=$(cat "$PIDFILE" 2>/dev/null || true)
  if [ -n "$pid" ] && alive "$pid"; then
    kill "$pid" 2>/dev/null || true
    for ((i = 0; i < 75; i++)); do alive "$pid" || break; sleep 0.2; done
    if alive "$pid"; then
      log "pid $pid did not stop within 15 s; killing it"
      kill -9 "$pid" 2>/dev/null || true
    fi
  fi
  rm -f "$PIDFILE"
}

stop() {
  if [ ! -f "$PIDFILE" ]; then
    answers "$PORT" && log "something answers on $PORT but was not started by this script (no $PIDFILE); left alone"
    log "not running"
    return 0
  fi
  stop_pid
  rm -rf "$DATA"
  log "stopped"
}

status() {
  if answers "$PORT"; then
    log "http://127.0.0.1:$PORT answers; https://127.0.0.1:$TLS_PORT $(tls_answers "$TLS_PORT" && echo answers \
      || echo 'does not answer'); pid $(cat "$PIDFILE" 2>/dev/null || echo '? (not started here)'); data $DATA"
    return 0
  fi
  log "not answering on http://127.0.0.1:$PORT"
  return 1
}

mkdir -p "$(dirname "$HOME_DIR")"
exec 9>"$HOME_DIR.lock"
flock -w 120 9 || die "another s3proxy.sh run holds $HOME_DIR.lock"
case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
