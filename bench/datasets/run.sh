#!/usr/bin/env bash
# The dataset benchmark, run on demand (never in CI): rows/s of running-stats datasets end to end
# (upload → every row processed, its output written and its batch journalled → completed), for one dataset
# and for 100 concurrent datasets, on the embedded seed (SQLite) and on PostgreSQL with a seed and 2
# worker nodes, all on this machine; then, on PostgreSQL, the time from kill -9 of the node that hosts a
# dataset's entity until another node has resumed it (median of AQ_BENCH_FAILOVERS runs, 5 by default).
# The CSV files are generated before the clock starts (bench/datasets/driver.py).
# The engine of this tree runs against a baseline commit (--baseline, default ca25e78: the lease-based
# shard region), old and new in turn for each throughput measure; the kill -9 measure runs on the new one.
# Prints a Markdown section; with --record it is appended to bench/RESULTS.md. A short smoke run:
#     AQ_BENCH_ROWS=50000 AQ_BENCH_MANY="10 2000" AQ_BENCH_FAILOVERS=1 AQ_BENCH_FAILOVER_ROWS=300000 bench/datasets/run.sh
#     bench/datasets/run.sh [--record] [--baseline REF]
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
# shellcheck source=scripts/lib.sh
. "$HERE/../../scripts/lib.sh"
ROOT=$(repo_root)
RECORD=false
BASELINE=ca25e78
while (($# > 0)); do
    case $1 in
        --record) RECORD=true ;;
        --baseline) BASELINE=$2; shift ;;
        *) log "unknown argument $1"; exit 2 ;;
    esac
    shift
done
SINGLE_ROWS=${AQ_BENCH_ROWS:-1000000}
read -r MANY_DATASETS MANY_ROWS <<<"${AQ_BENCH_MANY:-100 10000}"
FAILOVERS=${AQ_BENCH_FAILOVERS:-5}
FAILOVER_ROWS=${AQ_BENCH_FAILOVER_ROWS:-1000000}

need_dotnet
need_apt postgresql
cd "$ROOT"

# shellcheck source=bench/postgres.sh
. "$HERE/../postgres.sh"
# The engine of this tree ("new") and the baseline commit ("old": the lease-based shard region) take turns
# in each measure, so that a slow spell of the shared machine falls on both.
publish() { # REPO_DIR OUT_DIR
    dotnet publish "$1/Engine.Seed/Engine.Seed.csproj" -c Release -o "$2/seed" --nologo -v q >/dev/null
    dotnet publish "$1/Engine.Node/Engine.Node.csproj" -c Release -o "$2/node" --nologo -v q >/dev/null
}
log "building new ($(git rev-parse --short HEAD)) and old ($BASELINE)"
publish "$ROOT" "$WORK/new"
git worktree add --detach "$WORK/baseline-src" "$BASELINE" >/dev/null 2>&1
publish "$WORK/baseline-src" "$WORK/old"
git worktree remove --force "$WORK/baseline-src" >/dev/null
drive() { /usr/bin/python3 "$HERE/driver.py" "$@"; }
rate() { python3 -c 'import json,sys; print(json.load(sys.stdin)["rowsPerSecond"])'; }
wait_healthy() { for _ in $(seq 100); do curl -sf "$1/healthz" >/dev/null 2>&1 && return 0; sleep 0.1; done; log "the seed did not start"; exit 1; }

embedded() { # ENGINE driver-arguments…
    local engine=$1 port seed pid
    shift
    port=$(free_port); seed="http://127.0.0.1:$port"
    rm -f "$WORK"/embedded.db*
    dotnet "$WORK/$engine/seed/Engine.Seed.dll" --store "sqlite:$WORK/embedded.db" --http "127.0.0.1:$port" --tcp "127.0.0.1:$(free_port)" \
        --Logging:LogLevel:Default=Warning >"$WORK/seed.log" 2>&1 &
    pid=$!; pids+=("$pid")
    wait_healthy "$seed"
    drive "$seed" "$@"
    kill "$pid"; wait "$pid" 2>/dev/null || true
}

start_postgres
new_store() {
    # Each run gets its own database (runs happen in subshells, so a counter would not advance).
    local db="bench_$(date +%s%N)"
    psql -c "CREATE DATABASE $db" >/dev/null
    echo "postgres://postgres@127.0.0.1:$PGPORT/$db"
}
start_node() { # engine store name seed → pid
    dotnet "$WORK/$1/node/Engine.Node.dll" --store "$2" --name "$3" --seed "$4" --queues default=4 \
        --Logging:LogLevel:Default=Warning >>"$WORK/$3.log" 2>&1 &
    echo $!
}
wait_member_up() { # seed name
    for _ in $(seq 300); do
        curl -sf "$1/api/cluster" | python3 -c 'import json,sys; sys.exit(0 if any(m["name"]==sys.argv[1] and m["status"]=="up" for m in json.load(sys.stdin)["members"]) else 1)' "$2" && return 0
        sleep 0.1
    done
    log "$2 did not join"; exit 1
}
cluster() { # ENGINE driver-arguments…
    local engine=$1 port seed store node_pids=()
    shift
    store=$(new_store)
    port=$(free_port); seed="http://127.0.0.1:$port"
    dotnet "$WORK/$engine/seed/Engine.Seed.dll" --store "$store" --http "127.0.0.1:$port" --tcp "127.0.0.1:$(free_port)" \
        --Logging:LogLevel:Default=Warning >"$WORK/seed.log" 2>&1 &
    node_pids+=($!); pids+=($!)
    wait_healthy "$seed"
    for n in 1 2; do
        node_pids+=("$(start_node "$engine" "$store" "bench-node-$n" "$seed")"); pids+=("${node_pids[-1]}")
    done
    # Both nodes up before the first dataset appears, so that its shards spread over two.
    for n in 1 2; do wait_member_up "$seed" "bench-node-$n"; done
    drive "$seed" "$@"
    kill "${node_pids[@]}"; wait "${node_pids[@]}" 2>/dev/null || true
}
failovers() {
    local engine=new port seed store seed_pid times=() result killed
    declare -A node_pid
    store=$(new_store)
    port=$(free_port); seed="http://127.0.0.1:$port"
    dotnet "$WORK/$engine/seed/Engine.Seed.dll" --store "$store" --http "127.0.0.1:$port" --tcp "127.0.0.1:$(free_port)" \
        --Logging:LogLevel:Default=Warning >"$WORK/seed.log" 2>&1 &
    seed_pid=$!; pids+=("$seed_pid")
    wait_healthy "$seed"
    for n in 1 2; do
        node_pid[bench-node-$n]=$(start_node "$engine" "$store" "bench-node-$n" "$seed"); pids+=("${node_pid[bench-node-$n]}")
        wait_member_up "$seed" "bench-node-$n"
    done
    for _ in $(seq "$FAILOVERS"); do
        result=$(drive "$seed" failover "$FAILOVER_ROWS" "bench-node-1=${node_pid[bench-node-1]}" "bench-node-2=${node_pid[bench-node-2]}")
        log "  $result"
        times+=("$(python3 -c 'import json,sys; print(json.load(sys.stdin)["resumedSeconds"])' <<<"$result")")
        killed=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["killed"])' <<<"$result")
        # The killed node comes back under its name (the cluster has removed the dead one by now).
        node_pid[$killed]=$(start_node "$engine" "$store" "$killed" "$seed"); pids+=("${node_pid[$killed]}")
        wait_member_up "$seed" "$killed"
    done
    kill "$seed_pid" "${node_pid[@]}"; wait "$seed_pid" "${node_pid[@]}" 2>/dev/null || true
    printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2) " s (runs: " NR ")"}'
}

declare -A r
measure() { # KEY WHAT SETUP driver-arguments… : new, then old, into r[ENGINE-KEY]
    local key=$1 what=$2 setup=$3 engine
    shift 3
    for engine in new old; do
        log "$what ($engine)"
        r[$engine-$key]=$("$setup" "$engine" "$@" | rate)
    done
}
measure e1 "1/5 embedded, one dataset of $SINGLE_ROWS rows" embedded single "$SINGLE_ROWS"
measure e100 "2/5 embedded, $MANY_DATASETS datasets of $MANY_ROWS rows" embedded many "$MANY_DATASETS" "$MANY_ROWS"
measure c1 "3/5 PostgreSQL + 2 nodes, one dataset of $SINGLE_ROWS rows" cluster single "$SINGLE_ROWS"
measure c100 "4/5 PostgreSQL + 2 nodes, $MANY_DATASETS datasets of $MANY_ROWS rows" cluster many "$MANY_DATASETS" "$MANY_ROWS"
log "5/5 new: PostgreSQL + 2 nodes, kill -9 of the node hosting a dataset of $FAILOVER_ROWS rows, $FAILOVERS time(s)"
failover=$(failovers)

section=$(cat <<MD

## Datasets: running-stats rows/s end to end ($(date -u +%Y-%m-%d), $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo))

Upload (streamed CSV through Akka.Streams) → every row applied in order by the dataset's sharded
entity, its output written to the ledger and one journal event per batch (Akka.Persistence.Sql) →
dataset completed. Load generator on the same machine. Targets: 100,000 rows/s embedded (one
dataset), 60,000 rows/s on PostgreSQL with 2 nodes (one dataset and 100 × 10,000), owner kill -9 →
resumed on the other node in 10 s or less (median of 5).

New: this tree ($(git rev-parse --short HEAD)), Akka.Cluster.Sharding and Akka.Persistence.Sql. Old: $BASELINE, the
lease-based shard region over the ledger. Each measure runs old and new one after the other.

| setup | new: one dataset ($SINGLE_ROWS rows) | old | new: $MANY_DATASETS datasets × $MANY_ROWS rows | old |
| --- | ---: | ---: | ---: | ---: |
| embedded (SQLite) | ${r[new-e1]} rows/s | ${r[old-e1]} | ${r[new-e100]} rows/s | ${r[old-e100]} |
| PostgreSQL, seed + 2 nodes | ${r[new-c1]} rows/s | ${r[old-c1]} | ${r[new-c100]} rows/s | ${r[old-c100]} |

Owner kill -9 → another node hosts the dataset and has processed more rows (new): median $failover.
MD
)
echo "$section"
if $RECORD; then echo "$section" >>"$ROOT/bench/RESULTS.md"; fi
