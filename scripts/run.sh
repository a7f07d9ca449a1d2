#!/usr/bin/env bash
# Runs LiveRoom in embedded mode (one process: web, hub, grains, SQLite in ./data) with a demo room,
# and prints the staff sign-in, the viewer page and the RTMP ingest. Installs what is missing first.
# Extra arguments go to the server, e.g.: scripts/run.sh --urls http://0.0.0.0:5080
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
cd "$repo_root"

ensure_dotnet
apt_install ffmpeg
ensure_web_built
say "building the server (Release)"
dotnet build src/LiveRoom.Server/LiveRoom.Server.csproj -c Release -nologo -v quiet -clp:ErrorsOnly

export LIVEROOM_DATA="${LIVEROOM_DATA:-$repo_root/data}"
say "data directory: $LIVEROOM_DATA"
say "starting LiveRoom (Ctrl+C stops it)"
exec dotnet src/LiveRoom.Server/bin/Release/net10.0/LiveRoom.Server.dll \
  --contentRoot "$repo_root/src/LiveRoom.Server" \
  --LiveRoom:Demo=true "$@"
