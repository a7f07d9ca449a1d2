#!/usr/bin/env bash
# What an anonymous caller's oversized requests cost the server: builds the server in Release, starts it on
# loopback with a fresh data directory, measures its resident memory (RSS) before, at its highest during
# and 30 s after a burst of oversized JSON bodies sent to POST /api/rooms/{id}/viewers, and stops it.
#
#   scripts/bench-abuse.sh                       # 30 requests of 29 MB, 10 at a time
#   BENCH_REQUESTS=60 BENCH_BODY_MB=10 scripts/bench-abuse.sh
#
# Environment: BENCH_PORT (5091), BENCH_REQUESTS (30), BENCH_PARALLEL (10), BENCH_BODY_MB (29),
# BENCH_SETTLE_SECONDS (30), BENCH_SERVER_ARGS (extra server settings).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
port="${BENCH_PORT:-5091}"
requests="${BENCH_REQUESTS:-30}"
parallel="${BENCH_PARALLEL:-10}"
body_mb="${BENCH_BODY_MB:-29}"
settle="${BENCH_SETTLE_SECONDS:-30}"
url="http://127.0.0.1:${port}"
# shellcheck source=lib/server.sh
source "$root/scripts/lib/server.sh"

echo "building the server (Release)..."
dotnet build -c Release -nologo -v q "$server_project" >/dev/null
server_refuse_taken_url "$url" BENCH_PORT
work="$(mktemp -d "${TMPDIR:-/tmp}/liveroom-bench-abuse.XXXXXX")"
# shellcheck disable=SC2086
server_start "$server_dll" "$work" --urls "$url" --LiveRoom:Ingest:RtmpPort=0 \
  --LiveRoom:Orleans:SiloPort=11191 --LiveRoom:Orleans:GatewayPort=30091 \
  --LiveRoom:RateLimits:ViewerIdentitiesPerMinute=100000 ${BENCH_SERVER_ARGS:-}
server_wait_ready "$url"

rss_mb() { awk '/^VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$server_pid/status"; }

token="$(curl -fsS -H 'Content-Type: application/json' \
  -d "{\"email\":\"$LIVEROOM_ADMIN_EMAIL\",\"password\":\"$LIVEROOM_ADMIN_PASSWORD\"}" "$url/api/auth/login" |
  sed -E 's/.*"accessToken":"([^"]+)".*/\1/')"
room="$(curl -fsS -H 'Content-Type: application/json' -H "Authorization: Bearer $token" \
  -d '{"title":"abuse benchmark"}' "$url/api/rooms" | sed -E 's/^\{"id":"([^"]+)".*/\1/')"

body="$work/body.json"
{ printf '{"displayName":"'; head -c "$((body_mb * 1000 * 1000))" /dev/zero | tr '\0' 'x'; printf '"}'; } >"$body"
sleep 5
before="$(rss_mb)"
peak="$before"
echo "room $room; RSS before: $before MB; sending $requests bodies of $body_mb MB, $parallel at a time"

codes="$work/codes"
start=$(date +%s.%N)
seq 1 "$requests" | xargs -P "$parallel" -I{} \
  curl -s -o /dev/null -w '%{http_code}\n' --max-time 120 -H 'Content-Type: application/json' \
  --data-binary "@$body" "$url/api/rooms/$room/viewers" >"$codes" &
senders=$!
while kill -0 "$senders" 2>/dev/null; do
  now="$(rss_mb)"; [ "$now" -gt "$peak" ] && peak="$now"
  sleep 0.2
done
wait "$senders" || true
elapsed="$(echo "$(date +%s.%N) - $start" | bc)"
sleep "$settle"
after="$(rss_mb)"

echo
echo "answers:        $(sort "$codes" | uniq -c | awk '{printf "%s x %s  ", $1, $2}')"
printf 'time:           %.1f s for %s requests\n' "$elapsed" "$requests"
echo "RSS before:     $before MB"
echo "RSS peak:       $peak MB"
echo "RSS ${settle} s after: $after MB"
server_report_warnings
