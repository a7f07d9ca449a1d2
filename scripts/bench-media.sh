#!/usr/bin/env bash
# Live-video benchmark: builds the server and tests/LiveRoom.MediaBench in Release, starts the server on
# loopback with a fresh data directory, runs the tool against it (real ffmpeg publishers and viewers) and
# stops the server again, whatever happens. Every option is passed to the tool (see --help):
#
#   scripts/bench-media.sh                                   # 720p and 1080p ladders, HTTP-FLV and HLS latency
#   scripts/bench-media.sh --json > media.json               # the report as JSON (progress stays on stderr)
#   scripts/bench-media.sh --sources 1080 --latency-source none
#   BENCH_SERVER_ARGS="--LiveRoom:Transcode:Preset=superfast" scripts/bench-media.sh --sources 1080 --latency-source none
#   BENCH_KEEP_DATA=1 scripts/bench-media.sh ...             # keep the data directory and server log
#
# Environment: BENCH_MEDIA_PORT (5095), BENCH_SERVER_ARGS (extra server settings), BENCH_MEDIA_WAIT (seconds
# to wait for another benchmark on this machine to finish before refusing to measure, 0), BENCH_MEDIA_ALLOW_BUSY=1
# (run anyway, for smoke runs only: the report then carries a warning), LIVEROOM_ADMIN_EMAIL / LIVEROOM_ADMIN_PASSWORD (the first admin; generated when unset).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
port="${BENCH_MEDIA_PORT:-5095}"
url="http://127.0.0.1:${port}"
# shellcheck source=lib/server.sh
source "$root/scripts/lib/server.sh"
tool_project="$root/tests/LiveRoom.MediaBench/LiveRoom.MediaBench.csproj"
tool_dll="$root/tests/LiveRoom.MediaBench/bin/Release/net10.0/LiveRoom.MediaBench.dll"
server_args=(
  --urls "$url"
  --LiveRoom:Ingest:RtmpPort=19350
  --LiveRoom:Ingest:ListenAddress=127.0.0.1
  --LiveRoom:Orleans:SiloPort=11411
  --LiveRoom:Orleans:GatewayPort=30211
  --LiveRoom:RateLimits:LoginsPerMinute=1000
  --Logging:LogLevel:Default=Warning
  --Logging:LogLevel:Microsoft.Hosting.Lifetime=Information
)
# shellcheck disable=SC2206 # BENCH_SERVER_ARGS is a list of settings on purpose.
extra_args=(${BENCH_SERVER_ARGS:-})
# The report may be on stdout (--json): notes about the server go to stderr.
server_notes_fd=2

if ! command -v ffmpeg >/dev/null 2>&1; then
  echo "ffmpeg not found: installing it (apt-get install -y ffmpeg)..."
  if [[ "$(id -u)" -eq 0 ]]; then apt-get update -qq && apt-get install -y -qq ffmpeg >/dev/null
  else sudo apt-get update -qq && sudo apt-get install -y -qq ffmpeg >/dev/null; fi
fi

# Numbers taken while another benchmark runs on this (small) machine say nothing: wait, then refuse.
others_pattern='LiveRoom\.LoadTests|scripts/bench\.sh|127\.0\.0\.1:509[0-9]'
waited=0
while [[ "${BENCH_MEDIA_ALLOW_BUSY:-0}" != "1" ]] && pgrep -af "$others_pattern" >/dev/null 2>&1; do
  if (( waited >= ${BENCH_MEDIA_WAIT:-0} )); then
    echo "another benchmark is running on this machine; not measuring (set BENCH_MEDIA_WAIT=SECONDS to wait for it):" >&2
    pgrep -af "$others_pattern" >&2 || true
    exit 3
  fi
  sleep 5
  waited=$((waited + 5))
done

echo "building the server and the media benchmark (Release)..." >&2
dotnet build -c Release -nologo -v q "$server_project" >/dev/null
dotnet build -c Release -nologo -v q "$tool_project" >/dev/null

server_refuse_taken_url "$url" BENCH_MEDIA_PORT

data="$(mktemp -d "${TMPDIR:-/tmp}/liveroom-bench-media.XXXXXX")"
echo "starting the server on $url (RTMP 127.0.0.1:19350, data in $data) ${extra_args[*]:-}..." >&2
server_start "$server_dll" "$data" "${server_args[@]}" "${extra_args[@]}"
server_wait_ready "$url"

status=0
dotnet "$tool_dll" \
  --url "$url" \
  --server-pid "$server_pid" \
  --work-dir "${TMPDIR:-/tmp}/liveroom-mediabench" \
  --note "server settings: defaults${extra_args[*]:+ + ${extra_args[*]}}" \
  "$@" || status=$?

server_report_warnings
exit "$status"
