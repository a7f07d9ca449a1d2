#!/usr/bin/env bash
# The funnel's queries on generated data: builds tests/LiveRoom.FunnelBench in Release, makes a fresh database in a
# temporary folder (a room with 100,000 viewers and about a million engagement events written through the real
# batch writer, 20 smaller rooms, leads and calls), times each funnel query and removes the folder again.
#
#   scripts/bench-funnel.sh                      # 100,000 viewers, 20 other rooms, 20 runs of each query
#   scripts/bench-funnel.sh --viewers 20000      # any tool option passes through (see --help)
#
# Environment: BENCH_KEEP_DATA=1 keeps the database.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
project="$root/tests/LiveRoom.FunnelBench/LiveRoom.FunnelBench.csproj"
dll="$root/tests/LiveRoom.FunnelBench/bin/Release/net10.0/LiveRoom.FunnelBench.dll"

echo "building the benchmark (Release)..."
dotnet build -c Release -nologo -v q "$project" >/dev/null

data="$(mktemp -d "${TMPDIR:-/tmp}/liveroom-bench-funnel.XXXXXX")"
cleanup() {
  if [[ "${BENCH_KEEP_DATA:-}" == "1" ]]; then echo "database kept in $data"; else rm -rf "$data"; fi
}
trap cleanup EXIT

dotnet "$dll" --data "$data" "$@"
