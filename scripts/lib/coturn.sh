#!/usr/bin/env bash
# coturn (Debian's package): the TURN relay of private calls. Its hardened configuration is
# infra/coturn/turnserver.conf. The tests start their own coturn (tests/*/Calls/CoturnServer.cs); this file
# installs it, and starts one on loopback for trying calls by hand. Source common.sh first, then:
#
#   ensure_coturn           # installs the coturn package (turnserver, turnutils_uclient) when missing
#   coturn_start_loopback   # starts turnserver on 127.0.0.1 with the hardened file, a free port and a random
#                           # secret; exports the settings a LiveRoom server started from this shell needs
#                           # (LiveRoom__Calls__Ice__Turn__Urls__0, LiveRoom__Calls__Ice__Turn__Secret) and
#                           # LIVEROOM_TURN_URL, LIVEROOM_TURN_SECRET, LIVEROOM_TURN_PORT; stops it on exit
#   coturn_stop             # stops it earlier (coturn_start_loopback's exit trap calls it)
#
# The loopback instance also allows the peer 127.0.0.1, coturn's own relay address here, so two browsers on this
# machine can relay to each other; a real deployment never does (see docs/CALLS-ICE.md).

coturn_repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
coturn_config="$coturn_repo_root/infra/coturn/turnserver.conf"
coturn_pid=""
coturn_dir=""

ensure_coturn() {
  if command -v turnserver >/dev/null 2>&1 && command -v turnutils_uclient >/dev/null 2>&1; then
    return 0
  fi
  if declare -F apt_install >/dev/null; then
    apt_install coturn
  else
    printf '[coturn] turnserver not found: install Debian'"'"'s coturn (apt-get install -y coturn)\n' >&2
    return 1
  fi
  command -v turnserver >/dev/null 2>&1 || { printf '[coturn] turnserver is missing after installing coturn\n' >&2; return 1; }
}

coturn_start_loopback() {
  ensure_coturn || return 1
  coturn_dir="$(mktemp -d "${TMPDIR:-/tmp}/liveroom-coturn.XXXXXX")"
  local secret port attempt
  secret="$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')"
  trap coturn_stop EXIT
  for attempt in 1 2 3 4 5; do
    # A random port in a range the kernel does not hand out as ephemeral; taken ports show up as a failed start.
    port=$((20000 + RANDOM % 10000))
    turnserver -c "$coturn_config" \
      --listening-ip=127.0.0.1 --relay-ip=127.0.0.1 --listening-port="$port" \
      --allow-loopback-peers --allowed-peer-ip=127.0.0.1 \
      --static-auth-secret="$secret" \
      --pidfile="$coturn_dir/turnserver.pid" --userdb="$coturn_dir/turndb" \
      --log-file=stdout >"$coturn_dir/turnserver.log" 2>&1 &
    coturn_pid=$!
    # Ready when it answers a STUN Binding request (turnutils_stunclient exits 0 on an answer; it retries
    # without end while nothing listens, hence the timeout).
    for _ in $(seq 1 50); do
      kill -0 "$coturn_pid" 2>/dev/null || break
      if timeout 1 turnutils_stunclient -p "$port" 127.0.0.1 >/dev/null 2>&1; then
        export LIVEROOM_TURN_PORT="$port" LIVEROOM_TURN_SECRET="$secret"
        export LIVEROOM_TURN_URL="turn:127.0.0.1:$port?transport=udp"
        export LiveRoom__Calls__Ice__Turn__Urls__0="$LIVEROOM_TURN_URL"
        export LiveRoom__Calls__Ice__Turn__Secret="$secret"
        printf '[coturn] relay on %s (log: %s)\n' "$LIVEROOM_TURN_URL" "$coturn_dir/turnserver.log"
        return 0
      fi
      sleep 0.1
    done
    coturn_stop_process
    grep -q -i "address already in use\|cannot bind" "$coturn_dir/turnserver.log" || break
    printf '[coturn] port %s is taken (attempt %s): trying another\n' "$port" "$attempt"
  done
  printf '[coturn] turnserver did not start; its log:\n' >&2
  tail -n 30 "$coturn_dir/turnserver.log" >&2
  return 1
}

coturn_stop_process() {
  if [ -n "$coturn_pid" ] && kill -0 "$coturn_pid" 2>/dev/null; then
    kill -TERM "$coturn_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do
      kill -0 "$coturn_pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$coturn_pid" 2>/dev/null || true
    wait "$coturn_pid" 2>/dev/null || true
  fi
  coturn_pid=""
}

coturn_stop() {
  coturn_stop_process
  [ -n "$coturn_dir" ] && rm -rf "$coturn_dir"
  coturn_dir=""
}
