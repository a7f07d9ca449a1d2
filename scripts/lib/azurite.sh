#!/usr/bin/env bash
# Azurite, the Azure Blob Storage emulator the storage tests start (tests/LiveRoom.Storage.Tests/Media/AzuriteFixture.cs).
# Source this file, then call ensure_azurite. The version is pinned in tests/tools/azurite/package-lock.json.

azurite_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/tests/tools/azurite"

ensure_azurite() {
  # Installs tests/tools/azurite/node_modules (npm ci) when it is missing or older than the lock file.
  local bin="$azurite_dir/node_modules/.bin/azurite-blob"
  local installed_lock="$azurite_dir/node_modules/.package-lock.json"
  if [ -x "$bin" ] && [ -f "$installed_lock" ] && [ ! "$azurite_dir/package-lock.json" -nt "$installed_lock" ]; then
    return 0
  fi
  if ! command -v npm >/dev/null 2>&1; then
    if declare -F apt_install >/dev/null; then
      apt_install nodejs npm
    else
      printf '[azurite] npm not found: install Node.js and npm (Debian: apt-get install nodejs npm)\n' >&2
      return 1
    fi
  fi
  printf '[azurite] installing the emulator in %s (npm ci)\n' "$azurite_dir"
  (cd "$azurite_dir" && npm ci --no-audit --no-fund --loglevel=error) || {
    printf '[azurite] npm ci failed in %s\n' "$azurite_dir" >&2
    return 1
  }
  [ -x "$bin" ] || { printf '[azurite] %s is missing after npm ci\n' "$bin" >&2; return 1; }
}
