#!/usr/bin/env bash
# The LiveRoom server a benchmark measures (scripts/bench.sh, scripts/bench-media.sh): the Release build on
# loopback with a fresh data directory, ready before the tool starts, stopped whatever happens. Source this
# file, then:
#
#   server_refuse_taken_url "$url" BENCH_PORT   # exits 2 when something already answers on $url (names the setting)
#   server_start "$server_dll" "$data" ARGS...  # starts it (log in $data/server.log); sets server_pid and server_log;
#                                               # on exit stops it and removes $data (kept with BENCH_KEEP_DATA=1)
#   server_wait_ready "$url"                    # exits 1 with the log's tail when it dies or is not ready in 60 s
#   server_report_warnings                      # the warning and error lines of its log, if any
#
# Sourcing it also sets server_project and server_dll, and exports the first admin the tool signs in as
# (LIVEROOM_ADMIN_EMAIL / LIVEROOM_ADMIN_PASSWORD, generated when unset). Notes go to stdout, or to stderr
# with server_notes_fd=2 (for a tool whose report is on stdout).

server_project="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/src/LiveRoom.Server/LiveRoom.Server.csproj"
server_dll="$(dirname "$server_project")/bin/Release/net10.0/LiveRoom.Server.dll"
export LIVEROOM_ADMIN_EMAIL="${LIVEROOM_ADMIN_EMAIL:-bench-admin@liveroom.local}"
export LIVEROOM_ADMIN_PASSWORD="${LIVEROOM_ADMIN_PASSWORD:-bench-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

server_notes_fd=1
server_pid=""
server_log=""
server_data=""

server_refuse_taken_url() {
  local url="$1" setting="$2"
  if curl -fsS -o /dev/null --max-time 2 "$url/healthz" 2>/dev/null; then
    echo "something already answers on $url: stop it or set $setting" >&2
    exit 2
  fi
}

server_start() {
  local dll="$1"
  server_data="$2"
  shift 2
  server_log="$server_data/server.log"
  server_pid=""
  trap server_stop EXIT
  trap 'exit 130' INT TERM
  (
    cd "$(dirname "$dll")"
    export LIVEROOM_DATA="$server_data/data" ASPNETCORE_ENVIRONMENT=Production
    exec dotnet "$dll" "$@"
  ) >"$server_log" 2>&1 &
  server_pid=$!
}

server_stop() {
  local status=$?
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 150); do
      kill -0 "$server_pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$server_pid" 2>/dev/null; then
      echo "the server did not stop within 15 s: killing it" >&2
      kill -KILL "$server_pid" 2>/dev/null || true
    fi
    wait "$server_pid" 2>/dev/null || true
  fi
  if [[ "${BENCH_KEEP_DATA:-0}" == "1" ]]; then
    echo "data directory and server log kept in $server_data" >&"$server_notes_fd"
  else
    rm -rf "$server_data"
  fi
  exit "$status"
}

server_wait_ready() {
  local url="$1" ready=0
  # /readyz has no push notification to wait on: ask it every 200 ms for up to 60 s.
  for _ in $(seq 1 300); do
    if ! kill -0 "$server_pid" 2>/dev/null; then
      echo "the server exited during start; its log:" >&2
      tail -n 50 "$server_log" >&2
      exit 1
    fi
    if curl -fsS -o /dev/null --max-time 2 "$url/readyz" 2>/dev/null; then
      ready=1
      break
    fi
    sleep 0.2
  done
  if [[ "$ready" != "1" ]]; then
    echo "the server was not ready within 60 s; its log:" >&2
    tail -n 50 "$server_log" >&2
    exit 1
  fi
  echo "server ready (pid $server_pid)" >&"$server_notes_fd"
}

server_report_warnings() {
  local warnings
  warnings="$(grep -ciE '\b(warn|fail|crit)' "$server_log" || true)"
  if [[ "$warnings" != "0" ]]; then
    {
      echo
      echo "server log: $warnings warning/error lines; the last ones:"
      grep -iE '\b(warn|fail|crit)' -A2 "$server_log" | tail -n 20
    } >&"$server_notes_fd"
  fi
}
