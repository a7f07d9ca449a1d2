#!/usr/bin/env bash
# Helpers shared by run.sh and test.sh: find the repository, install what a fresh Debian/Ubuntu machine lacks.

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

say() { printf '[liveroom] %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

apt_updated=0
apt_install() {
  # Installs the given Debian packages that are not installed yet.
  local missing=()
  for pkg in "$@"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$apt_updated" -eq 0 ]; then
    say "apt-get update"
    as_root apt-get update -qq
    apt_updated=1
  fi
  say "installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

ensure_dotnet() {
  if command -v dotnet >/dev/null 2>&1 && dotnet --list-sdks 2>/dev/null | grep -q '^10\.'; then
    return 0
  fi
  say ".NET 10 SDK not found: trying the distribution's package (dotnet-sdk-10.0)"
  if apt_install dotnet-sdk-10.0 2>/dev/null && dotnet --list-sdks 2>/dev/null | grep -q '^10\.'; then
    return 0
  fi
  say "Could not install the .NET 10 SDK from this machine's package sources."
  say "Install it following Microsoft's .NET install instructions for your distribution, then run this again."
  exit 1
}

ensure_web_built() {
  bash "$repo_root/scripts/build-web.sh"
}
