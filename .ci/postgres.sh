# Sourced by .ci/run: starts a throwaway PostgreSQL server for the cluster tests and exports where it is.
# It runs as the postgres user when CI runs as root (PostgreSQL refuses root), on a free port on 127.0.0.1,
# with its data in a temporary directory that is removed on exit.
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$pg_bin" ]; then
  echo "postgres: not installed; the cluster tests will fail (EQUIPLAN_TEST_POSTGRES_REQUIRED=1)"
  export EQUIPLAN_TEST_POSTGRES_REQUIRED=1
  return 0
fi
pg_dir=$(mktemp -d /tmp/equiplan-pg.XXXXXX)
pg_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
pg_password=$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
pg_as=()
if [ "$(id -u)" = 0 ]; then
  chown postgres "$pg_dir"
  pg_as=(runuser -u postgres --)
fi
echo "$pg_password" > "$pg_dir/pw" && chmod 600 "$pg_dir/pw"
[ "$(id -u)" = 0 ] && chown postgres "$pg_dir/pw"
"${pg_as[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -U postgres -A scram-sha-256 --pwfile="$pg_dir/pw" >"$pg_dir/initdb.log" 2>&1 \
  || { cat "$pg_dir/initdb.log"; exit 1; }
"${pg_as[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w \
  -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null \
  || { cat "$pg_dir/server.log"; exit 1; }
PGPASSWORD="$pg_password" psql -q -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres \
  -c "CREATE ROLE equiplan LOGIN CREATEDB PASSWORD '$pg_password'" \
  -c "CREATE DATABASE equiplan OWNER equiplan"
stop_postgres() {
  "${pg_as[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$pg_dir"
}
trap stop_postgres EXIT
export EQUIPLAN_TEST_DATABASE="jdbc:postgresql://127.0.0.1:$pg_port/equiplan"
export EQUIPLAN_TEST_DB_USER=equiplan
export EQUIPLAN_TEST_DB_PASSWORD="$pg_password"
export EQUIPLAN_TEST_POSTGRES_REQUIRED=1
echo "postgres: $("$pg_bin/postgres" --version) on 127.0.0.1:$pg_port (for the cluster tests)"
