#!/usr/bin/env bash
# PostgreSQL (Debian's package): the database of cluster mode. The tests start their own private cluster
# (tests/LiveRoom.Testing/PostgresServer.cs: initdb in a temporary folder, a free loopback port, deleted
# afterwards); this file only installs the programs. Source common.sh first, then:
#
#   ensure_postgres   # installs the postgresql package when initdb and pg_ctl are missing
#
# Installing the package may start Debian's own cluster as a system service; the tests do not use it.

postgres_binaries() {
  # The newest /usr/lib/postgresql/<version>/bin with initdb, else the PATH's (as PostgresServer.cs looks).
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -n -r); do
    [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && { printf '%s\n' "$dir"; return 0; }
  done
  command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1 && { dirname "$(command -v initdb)"; return 0; }
  return 1
}

ensure_postgres() {
  postgres_binaries >/dev/null && return 0
  if declare -F apt_install >/dev/null; then
    apt_install postgresql
  else
    printf '[postgres] initdb not found: install Debian'"'"'s postgresql (apt-get install -y postgresql)\n' >&2
    return 1
  fi
  postgres_binaries >/dev/null || { printf '[postgres] initdb is missing after installing postgresql\n' >&2; return 1; }
  # As root the tests run PostgreSQL as the postgres system user (it refuses to run as root); the package makes it.
  if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
    printf '[postgres] the postgres system user is missing after installing postgresql\n' >&2
    return 1
  fi
}
