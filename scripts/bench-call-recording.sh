#!/usr/bin/env bash
# The recording job of a call, measured on its own: builds tests/LiveRoom.MediaBench in Release and runs its
# call-recording mode, which makes a WebM like a browser records (VP8 + Opus, 640x360) of the given length,
# cuts it into chunks as the recording agent uploads them, and runs the job's steps (join the chunks, make the
# H.264/AAC MP4) with the job's own code. Prints wall time and CPU seconds. No server is needed.
#
#   scripts/bench-call-recording.sh                      # a 5-minute call in 3 s chunks
#   scripts/bench-call-recording.sh --seconds 20         # a short smoke run
#   scripts/bench-call-recording.sh --video-kbps 2500    # a busier recorder
#
# The source is kept in the work folder ($TMPDIR/liveroom-call-recording-bench, or --work-dir) and reused by
# runs of the same length and bitrate; making it is not measured.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if ! command -v ffmpeg >/dev/null 2>&1; then
  echo "ffmpeg not found: installing it (apt-get install -y ffmpeg)..." >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y ffmpeg >/dev/null
fi

dotnet build "$root/tests/LiveRoom.MediaBench/LiveRoom.MediaBench.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly >&2
exec dotnet "$root/tests/LiveRoom.MediaBench/bin/Release/net10.0/LiveRoom.MediaBench.dll" call-recording "$@"
