#!/usr/bin/env bash
# Chat fan-out benchmark: builds the server and the load tool in Release, starts the server on loopback
# with a fresh data directory and benchmark limits, runs tests/LiveRoom.LoadTests against it and stops
# the server again, whatever happens.
#
#   scripts/bench.sh                                  # the target: 2,000 viewers, 20 msg/s for 30 s
#   scripts/bench.sh --viewers 6000 --rate 20         # any load tool option (see --help) passes through
#   BENCH_KEEP_DATA=1 scripts/bench.sh ...            # keep the data directory and server log
#
# Environment: BENCH_PORT (5090), BENCH_CHAT_RATE (per-person chat messages/s the server allows, 50),
# BENCH_SERVER_ARGS (extra server settings, e.g. "--LiveRoom:Fanout:FrameIntervalMilliseconds=100"),
# LIVEROOM_ADMIN_EMAIL / LIVEROOM_ADMIN_PASSWORD (the first admin; generated when unset).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
port="${BENCH_PORT:-5090}"
chat_rate="${BENCH_CHAT_RATE:-50}"
url="http://127.0.0.1:${port}"
# shellcheck source=lib/server.sh
source "$root/scripts/lib/server.sh"
tool_project="$root/tests/LiveRoom.LoadTests/LiveRoom.LoadTests.csproj"
tool_dll="$root/tests/LiveRoom.LoadTests/bin/Release/net10.0/LiveRoom.LoadTests.dll"

# Both processes inherit this: one socket is one open file.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
echo "open files per process: $(ulimit -n)"

echo "building the server and the load tool (Release)..."
build_log="$(mktemp "${TMPDIR:-/tmp}/liveroom-bench-build.XXXXXX")"
for project in "$server_project" "$tool_project"; do
  if ! dotnet build -c Release -nologo -v q "$project" >"$build_log" 2>&1; then
    echo "the build of $project failed:" >&2
    grep -E 'error|Error' "$build_log" | sort -u | head -n 20 >&2
    rm -f "$build_log"
    exit 1
  fi
done
rm -f "$build_log"

server_refuse_taken_url "$url" BENCH_PORT

data="$(mktemp -d "${TMPDIR:-/tmp}/liveroom-bench.XXXXXX")"
echo "starting the server on $url (data in $data)..."
# shellcheck disable=SC2086 # BENCH_SERVER_ARGS is a list of settings on purpose.
server_start "$server_dll" "$data" \
  --urls "$url" \
  --LiveRoom:Orleans:SiloPort=11311 \
  --LiveRoom:Orleans:GatewayPort=30111 \
  --LiveRoom:Ingest:RtmpPort=19351 \
  --LiveRoom:RateLimits:ViewerIdentitiesPerMinute=1000000 \
  --LiveRoom:RateLimits:LoginsPerMinute=1000 \
  --LiveRoom:Chat:MessagesPerSecond="$chat_rate" \
  --LiveRoom:Chat:Burst="$chat_rate" \
  --LiveRoom:Hub:CallsPerSecond=1000 \
  --LiveRoom:Hub:CallBurst=1000 \
  --Logging:LogLevel:Default=Warning \
  --Logging:LogLevel:Microsoft.Hosting.Lifetime=Information \
  ${BENCH_SERVER_ARGS:-}
server_wait_ready "$url"

status=0
dotnet "$tool_dll" \
  --url "$url" \
  --server-pid "$server_pid" \
  --sender-limit "$chat_rate" \
  "$@" || status=$?

server_report_warnings
exit "$status"
