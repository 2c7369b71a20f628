# Sourced by the cluster benchmarks: a work directory, a throwaway PostgreSQL on a free loopback port
# (synchronous_commit=off, the counterpart of SQLite's synchronous=NORMAL), and clean-up on exit of
# the server and of every process whose pid is added to `pids`.
#     start_postgres [extra -c settings…]   sets PGBIN, PGPORT; psql() talks to it
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
WORK=$(mktemp -d)
chmod 755 "$WORK"
pids=()
as_postgres() { if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    as_postgres "$PGBIN/pg_ctl" -D "$WORK/pg" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
start_postgres() {
    PGPORT=$(free_port)
    mkdir -p "$WORK/pg" && [[ $(id -u) == 0 ]] && chown postgres "$WORK/pg"
    as_postgres "$PGBIN/initdb" -D "$WORK/pg" -U postgres -A trust --no-sync >/dev/null
    as_postgres "$PGBIN/pg_ctl" -w -D "$WORK/pg" -l "$WORK/pg/log" \
        -o "-p $PGPORT -k $WORK/pg -c listen_addresses=127.0.0.1 -c synchronous_commit=off -c shared_buffers=512MB -c autovacuum_naptime=1 $*" start >/dev/null
}
psql() { "$PGBIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -X -q "$@"; }
