# Sourced by the bench scripts: a throwaway PostgreSQL server in "$work/pg" on a free port of 127.0.0.1 (run as user
# postgres when the script runs as root; initdb refuses root). Needs $work; gives pgbin, port, as_pg, pg_start, pg_stop
# and pg_sql (psql, quiet, unaligned, tuples only; extra arguments are passed on).
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pg_start() {
  chown postgres "$work" 2>/dev/null || true
  as_pg "$pgbin/initdb" -D "$work/pg" --auth=trust -U postgres >/dev/null
  as_pg "$pgbin/pg_ctl" -D "$work/pg" -l "$work/pg.log" -w -o "-c listen_addresses=127.0.0.1 -p $port -k $work -c fsync=on" start >/dev/null
}
pg_stop() { as_pg "$pgbin/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1 || true; }
pg_sql() { PGOPTIONS="-c client_min_messages=warning" as_pg "$pgbin/psql" -h 127.0.0.1 -p "$port" -U postgres -qAt "$@"; }
