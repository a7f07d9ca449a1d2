#!/usr/bin/env bash
# Builds the browser front end (src/LiveRoom.Web) into src/LiveRoom.Server/wwwroot.
# Installs Node.js and npm from Debian's packages when they are missing. Safe to run again.
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
web_dir="$script_dir/../src/LiveRoom.Web"

log() { printf '[build-web] %s\n' "$*"; }

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  log "node/npm not found: installing them with apt-get"
  sudo_cmd=()
  if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
  "${sudo_cmd[@]}" apt-get update
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y nodejs npm
fi
log "node $(node --version), npm $(npm --version 2>/dev/null)"
node_major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$node_major" -lt 20 ]; then
  log "warning: Vite needs Node.js 20.19 or newer; this is $(node --version)"
fi

cd "$web_dir"
log "installing packages in $(pwd) (npm ci)"
npm ci --no-audit --no-fund
log "building (type check + vite build)"
npm run build
log "done: $(cd ../LiveRoom.Server/wwwroot && pwd)"
