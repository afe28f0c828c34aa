#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the fleet tests: Debian's postgresql binaries, a data folder in
# a temporary directory, listening on loopback only, trust authentication (nothing else can reach
# it). Prints `FLEET_TEST_DATABASE_URL=...` on stdout; `stop <dir>` removes it again.
#
#   eval "$(build/ci/postgres-cluster.sh start)"   # exports FLEET_TEST_DATABASE_URL, FLEET_PG_DIR
#   build/ci/postgres-cluster.sh stop "$FLEET_PG_DIR"
#
# PostgreSQL refuses to run as root: as root the cluster is owned by the `postgres` user Debian's
# package creates.
set -euo pipefail

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [[ -z "$bindir" ]]; then
  echo "postgres-cluster: Debian's postgresql is not installed" >&2
  exit 1
fi

as_owner() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

case "${1:-}" in
start)
  port=${FLEET_PG_PORT:-55432}
  dir=$(mktemp -d /tmp/fleet-pg.XXXXXX)
  chmod 0755 "$dir"
  [[ $(id -u) -eq 0 ]] && chown postgres: "$dir"
  as_owner "$bindir/initdb" -D "$dir/data" -U fleet -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
  as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off" start >/dev/null
  as_owner "$bindir/createdb" -h 127.0.0.1 -p "$port" -U fleet fleet_test
  echo "export FLEET_PG_DIR=$dir"
  echo "export FLEET_TEST_DATABASE_URL=postgres://fleet@127.0.0.1:$port/fleet_test"
  ;;
stop)
  dir=${2:?usage: postgres-cluster.sh stop <dir>}
  [[ -d "$dir/data" ]] || exit 0
  as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
  rm -rf "$dir"
  ;;
*)
  echo "usage: postgres-cluster.sh start | stop <dir>" >&2
  exit 2
  ;;
esac
