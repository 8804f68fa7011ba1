#!/usr/bin/env bash
# Runs the history-store suite against a real PostgreSQL (tests/AkkaCompute.Postgres.Tests, not in AkkaCompute.sln):
# installs Debian's postgresql when missing, starts a throwaway server (initdb + pg_ctl into a temp directory, as the
# postgres user, listening on 127.0.0.1 only, on a free port), creates a user and a database, exports its URL as
# AKC_TEST_POSTGRES_URL, runs `dotnet test` on that project, and stops the server whatever happens. .ci/run calls it
# after the solution's tests and adds its counts to the closing line.
#
#   sudo .ci/postgres-tests.sh            (extra arguments go to dotnet test)
#
# Exit code: dotnet test's (0 when the tests pass); 2 when a precondition is missing.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
if [ "$(id -u)" != 0 ]; then
  echo "postgres-tests: needs root to install and start PostgreSQL as the postgres user (try: sudo $0)" >&2
  exit 2
fi
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
if [ -z "$(pg_bin)" ] || [ ! -x "$(pg_bin)/initdb" ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq postgresql >/dev/null
fi
bin="$(pg_bin)"
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "postgres-tests: no initdb under /usr/lib/postgresql/*/bin after installing postgresql" >&2
  exit 2
fi

dir="$(mktemp -d /tmp/akc-pg.XXXXXX)"
chown postgres:postgres "$dir"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null || echo 54329)"
as_pg() { (cd "$dir" && runuser -u postgres -- "$@"); }
stop() {
  as_pg "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT

as_pg "$bin/initdb" -D "$dir/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 --no-sync >/dev/null
as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off" start >/dev/null || {
  cat "$dir/server.log" >&2; exit 2; }
password="akc-$RANDOM$RANDOM"
as_pg "$bin/psql" -h "$dir" -p "$port" -U postgres -v ON_ERROR_STOP=1 -q \
  -c "CREATE USER akc WITH PASSWORD '$password' CREATEDB" -c "CREATE DATABASE akc OWNER akc" >/dev/null

export AKC_TEST_POSTGRES_URL="postgres://akc:$password@127.0.0.1:$port/akc"
echo "postgres-tests: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
set +e
dotnet test "$repo/tests/AkkaCompute.Postgres.Tests/AkkaCompute.Postgres.Tests.csproj" "$@"
rc=$?
exit "$rc"
