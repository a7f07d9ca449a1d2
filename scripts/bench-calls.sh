#!/usr/bin/env bash
# Private-call benchmarks: builds the server and tests/LiveRoom.CallBench in Release, starts the server on
# loopback with a fresh data directory, runs one mode and stops the server again, whatever happens.
#
#   scripts/bench-calls.sh queue                 # 500 waiting viewers, 2 agents taking 40 of them in turn
#   scripts/bench-calls.sh accept                # 20 calls: Accept → first remote frame on both sides (Chromium)
#   scripts/bench-calls.sh queue --viewers 1000  # any tool option passes through (see --help)
#
# Environment: BENCH_PORT (5092), BENCH_KEEP_DATA=1 keeps the data directory and server log.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mode="${1:-}"
if [[ "$mode" != "queue" && "$mode" != "accept" ]]; then
  echo "usage: scripts/bench-calls.sh queue|accept [tool options]" >&2
  exit 2
fi
shift
port="${BENCH_PORT:-5092}"
url="http://127.0.0.1:${port}"
# shellcheck source=lib/server.sh
source "$root/scripts/lib/server.sh"
# shellcheck source=lib/common.sh
source "$root/scripts/lib/common.sh"
tool_project="$root/tests/LiveRoom.CallBench/LiveRoom.CallBench.csproj"
tool_dll="$root/tests/LiveRoom.CallBench/bin/Release/net10.0/LiveRoom.CallBench.dll"
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

if [[ "$mode" == "accept" ]]; then
  apt_install chromium ffmpeg
  ensure_web_built
fi

echo "building the server and the benchmark (Release)..."
for project in "$server_project" "$tool_project"; do
  dotnet build -c Release -nologo -v q "$project" >/dev/null
done

server_refuse_taken_url "$url" BENCH_PORT
data="$(mktemp -d "${TMPDIR:-/tmp}/liveroom-bench-calls.XXXXXX")"
echo "starting the server on $url (data in $data)..."
server_start "$server_dll" "$data" \
  --urls "$url" \
  --contentRoot "$root/src/LiveRoom.Server" \
  --LiveRoom:Orleans:SiloPort=11312 \
  --LiveRoom:Orleans:GatewayPort=30112 \
  --LiveRoom:Ingest:RtmpPort=19352 \
  --LiveRoom:RateLimits:ViewerIdentitiesPerMinute=1000000 \
  --LiveRoom:RateLimits:LoginsPerMinute=1000 \
  --LiveRoom:Hub:CallsPerSecond=1000 \
  --LiveRoom:Hub:CallBurst=1000 \
  --Logging:LogLevel:Default=Warning \
  --Logging:LogLevel:Microsoft.Hosting.Lifetime=Information
server_wait_ready "$url"

status=0
dotnet "$tool_dll" "$mode" --url "$url" "$@" || status=$?
server_report_warnings
exit "$status"
