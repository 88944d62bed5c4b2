#!/usr/bin/env bash
# Starts a throwaway PostgreSQL 15 cluster for `npm run test:db`, and prints
# the DATABASE_URL to use. Installs the server from Debian's packages when it
# is missing (needs root). Usage:
#   eval "$(bash scripts/pg-test-server.sh start)"   # exports DATABASE_URL, PG_TEST_DIR
#   npm run test:db
#   bash scripts/pg-test-server.sh stop "$PG_TEST_DIR"
set -euo pipefail

PG_VERSION=15
PORT="${PG_TEST_PORT:-}"
BIN="/usr/lib/postgresql/${PG_VERSION}/bin"

case "${1:-start}" in
  start)
    if [ ! -x "$BIN/initdb" ]; then
      echo "PostgreSQL ${PG_VERSION} not found: installing postgresql-${PG_VERSION}..." >&2
      apt-get update -qq >&2
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "postgresql-${PG_VERSION}" >&2
    fi
    if [ -z "$PORT" ]; then
      # First free port from 54329: another cluster (a developer's, a previous run) may hold one.
      for candidate in $(seq 54329 54399); do
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then PORT=$candidate; break; fi
      done
    fi
    dir="$(mktemp -d /tmp/pg-test.XXXXXX)"
    # initdb refuses to run as root: the cluster belongs to the postgres user when we are root.
    run() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    run "'$BIN/initdb' -D '$dir/data' -A trust -U postgres --no-sync -E UTF8 --locale=C.UTF-8" >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    run "'$BIN/pg_ctl' -D '$dir/data' -o \"-p $PORT -k '$dir' -c listen_addresses=127.0.0.1 -c fsync=off\" -l '$dir/server.log' -w start" >&2 \
      || { cat "$dir/server.log" >&2; exit 1; }
    echo "export DATABASE_URL=postgres://postgres@127.0.0.1:${PORT}/postgres"
    echo "export PG_TEST_DIR=$dir"
    ;;
  stop)
    dir="${2:?usage: pg-test-server.sh stop DIR}"
    run() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
    run "'$BIN/pg_ctl' -D '$dir/data' -m fast -w stop" >&2 || true
    rm -rf "$dir"
    ;;
  *)
    echo "usage: pg-test-server.sh start | stop DIR" >&2
    exit 2
    ;;
esac
