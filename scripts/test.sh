#!/usr/bin/env bash
# Installs what the tests need, builds everything (warnings are errors), runs every test project and
# ends with one line: "N passed, N failed, N skipped".
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
cd "$repo_root"
set -e

ensure_dotnet
# The Azure Storage emulator (npm azurite) for the media-store tests.
source "$repo_root/scripts/lib/azurite.sh"; ensure_azurite
# coturn (Debian's package) for the call relay tests, which start their own turnserver on loopback.
source "$repo_root/scripts/lib/coturn.sh"; ensure_coturn
# PostgreSQL (Debian's package) for the cluster-mode tests, which start their own private cluster.
source "$repo_root/scripts/lib/postgres.sh"; ensure_postgres
# Real browser for the end-to-end tests (Playwright drives Debian's Chromium; no browser downloads)
# and real ffmpeg for the media tests.
apt_install chromium ffmpeg
ensure_web_built

say "building the solution (Release)"
dotnet build LiveRoom.sln -c Release -nologo -v quiet -clp:ErrorsOnly
set +e

results="$repo_root/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"
passed=0 failed=0 skipped=0 broken=0
for project in tests/*/*.csproj; do
  grep -q '<IsTestProject>false</IsTestProject>' "$project" && continue
  name="$(basename "$project" .csproj)"
  p=0 f=0 t=0 e=0
  if ! grep -q "$name.csproj" LiveRoom.sln; then
    say "$name is not in LiveRoom.sln: building it on its own"
    dotnet build "$project" -c Release -nologo -v quiet -clp:ErrorsOnly || true
  fi
  say "running $name"
  log="$results/$name.log"
  dotnet test "$project" -c Release --no-build --nologo --results-directory "$results" \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=normal" >"$log" 2>&1
  code=$?
  grep -E '^\s*(Failed|Skipped) [A-Za-z]|^(Passed|Failed)!|Error Message|^\s+at .*Tests' "$log" | head -200 || true
  trx="$results/$name.trx"
  if [ -f "$trx" ]; then
    counters="$(grep -o '<Counters [^>]*>' "$trx")"
    value() { printf '%s' "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
    p="$(value passed)"; f="$(value failed)"; t="$(value total)"; e="$(value executed)"
    passed=$((passed + ${p:-0}))
    failed=$((failed + ${f:-0}))
    skipped=$((skipped + ${t:-0} - ${e:-0}))
  fi
  if [ "$code" -ne 0 ] && { [ ! -f "$trx" ] || [ "${f:-0}" -eq 0 ]; }; then
    say "$name did not finish cleanly (exit $code):"
    tail -n 30 "$log"
    broken=$((broken + 1))
  elif [ "${t:-0}" -eq 0 ]; then
    say "$name ran no test"
    broken=$((broken + 1))
  fi
done

failed=$((failed + broken))
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
