#!/usr/bin/env bash
# The dataset benchmark, run on demand (never in CI): rows/s of running-stats datasets end to end
# (upload → every row processed and committed → completed), for one dataset and for 100 concurrent
# datasets, on the embedded seed (SQLite) and on PostgreSQL with a seed and 2 worker nodes, all on
# this machine. The CSV files are generated before the clock starts (bench/datasets/driver.py).
# Prints a Markdown section; with --record it is appended to bench/RESULTS.md.
#     bench/datasets/run.sh [--record]
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
# shellcheck source=scripts/lib.sh
. "$HERE/../../scripts/lib.sh"
ROOT=$(repo_root)
RECORD=false
[[ ${1:-} == --record ]] && RECORD=true
SINGLE_ROWS=${AQ_BENCH_ROWS:-1000000}

need_dotnet
need_apt postgresql
cd "$ROOT"
dotnet publish Engine.Seed -c Release -o artifacts/seed --nologo -v q >/dev/null
dotnet publish Engine.Node -c Release -o artifacts/node --nologo -v q >/dev/null

# shellcheck source=bench/postgres.sh
. "$HERE/../postgres.sh"
drive() { /usr/bin/python3 "$HERE/driver.py" "$@"; }
rate() { python3 -c 'import json,sys; print(json.load(sys.stdin)["rowsPerSecond"])'; }
wait_healthy() { for _ in $(seq 100); do curl -sf "$1/healthz" >/dev/null 2>&1 && return 0; sleep 0.1; done; log "the seed did not start"; exit 1; }

embedded() {
    local port seed pid
    port=$(free_port); seed="http://127.0.0.1:$port"
    rm -f "$WORK"/embedded.db*
    dotnet artifacts/seed/Engine.Seed.dll --store "sqlite:$WORK/embedded.db" --http "127.0.0.1:$port" --tcp "127.0.0.1:$(free_port)" \
        --Logging:LogLevel:Default=Warning >"$WORK/seed.log" 2>&1 &
    pid=$!; pids+=("$pid")
    wait_healthy "$seed"
    drive "$seed" "$@"
    kill "$pid"; wait "$pid" 2>/dev/null || true
}

start_postgres
cluster() {
    local port seed db store node_pids=()
    # Each run gets its own database (runs happen in subshells, so a counter would not advance).
    db="bench_$(date +%s%N)"
    psql -c "CREATE DATABASE $db" >/dev/null
    store="postgres://postgres@127.0.0.1:$PGPORT/$db"
    port=$(free_port); seed="http://127.0.0.1:$port"
    dotnet artifacts/seed/Engine.Seed.dll --store "$store" --http "127.0.0.1:$port" --tcp "127.0.0.1:$(free_port)" \
        --Logging:LogLevel:Default=Warning >"$WORK/seed.log" 2>&1 &
    node_pids+=($!); pids+=($!)
    wait_healthy "$seed"
    for n in 1 2; do
        dotnet artifacts/node/Engine.Node.dll --store "$store" --name "bench-node-$n" --queues default=4 \
            --Logging:LogLevel:Default=Warning >"$WORK/node$n.log" 2>&1 &
        node_pids+=($!); pids+=($!)
    done
    sleep 2 # let both nodes join before the first dataset appears, so that the share is computed over two
    drive "$seed" "$@"
    kill "${node_pids[@]}"; wait "${node_pids[@]}" 2>/dev/null || true
}

log "1/4 embedded, one dataset of $SINGLE_ROWS rows"
e1=$(embedded single "$SINGLE_ROWS" | rate)
log "2/4 embedded, 100 datasets of 10,000 rows"
e100=$(embedded many 100 10000 | rate)
log "3/4 PostgreSQL + 2 nodes, one dataset of $SINGLE_ROWS rows"
c1=$(cluster single "$SINGLE_ROWS" | rate)
log "4/4 PostgreSQL + 2 nodes, 100 datasets of 10,000 rows"
c100=$(cluster many 100 10000 | rate)

section=$(cat <<MD

## Datasets: running-stats rows/s end to end ($(date -u +%Y-%m-%d), $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo))

Upload (streamed CSV) → every row applied in order, its result journaled, snapshot and checkpoint
committed → dataset completed. Load generator on the same machine. Targets: 50,000 rows/s embedded
(one dataset), 20,000 rows/s on PostgreSQL with 2 nodes.

| setup | one dataset ($SINGLE_ROWS rows) | 100 datasets × 10,000 rows |
| --- | ---: | ---: |
| embedded (SQLite) | $e1 rows/s | $e100 rows/s |
| PostgreSQL, seed + 2 nodes | $c1 rows/s | $c100 rows/s |
MD
)
echo "$section"
if $RECORD; then echo "$section" >>"$ROOT/bench/RESULTS.md"; fi
