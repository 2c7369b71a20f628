#!/usr/bin/env bash
# The runtime benchmark of the move onto Akka.NET, run on demand (never in CI): the engine of this tree
# ("new") against a baseline commit ("old", default: the last commit before the move), side by side in one
# run, the engines taking turns in each round so that a slow spell of the shared machine falls on both:
#   embedded (SQLite): no-op jobs/s with batches of 1,000; one HTTP request per job; idle submit→result p50
#   PostgreSQL: the seed and 1 worker node (default pools, then --queues default=4), 2 and 3 worker nodes
#   failover: kill -9 of a worker node running jobs → all of its jobs started on an idle node (5 trials new, 3 old)
# Prints a Markdown section; with --record it is appended to bench/RESULTS.md.
#     bench/runtime/run.sh [--record] [--baseline REF] [--repeat N]
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
# shellcheck source=scripts/lib.sh
. "$HERE/../../scripts/lib.sh"
ROOT=$(repo_root)
RECORD=false
BASELINE=ca25e78
REPEAT=2
while (($# > 0)); do
    case $1 in
        --record) RECORD=true ;;
        --baseline) BASELINE=$2; shift ;;
        --repeat) REPEAT=$2; shift ;;
        *) log "unknown argument $1"; exit 2 ;;
    esac
    shift
done

need_dotnet
need_apt postgresql
cd "$ROOT"
# shellcheck source=bench/postgres.sh
. "$HERE/../postgres.sh"

publish() { # publish REPO_DIR OUT_DIR
    for project in Engine.Seed Engine.Node Engine.Cli; do
        dotnet publish "$1/$project/$project.csproj" -c Release -r linux-x64 --self-contained false -o "$2/$project" --nologo -v q >/dev/null
    done
}
log "building new ($(git rev-parse --short HEAD)) and old ($BASELINE)"
publish "$ROOT" "$WORK/new"
git worktree add --detach "$WORK/baseline-src" "$BASELINE" >/dev/null 2>&1
publish "$WORK/baseline-src" "$WORK/old"
git worktree remove --force "$WORK/baseline-src" >/dev/null
AQ="dotnet $WORK/new/Engine.Cli/aq.dll"
field() { python3 -c 'import json,sys; r=json.load(sys.stdin); v=r; [v:=v[k] for k in sys.argv[1].split(".")]; print(v)' "$1"; }
median() { python3 -c 'import statistics,sys; print(round(statistics.median(float(x) for x in sys.argv[1:]), 2))' "$@"; }
best() { python3 -c 'import sys; v=[float(x) for x in sys.argv[1:]]; print(f"{max(v):.0f} ({min(v):.0f}–{max(v):.0f})")' "$@"; }
low() { python3 -c 'import sys; v=[float(x) for x in sys.argv[1:]]; print(f"{min(v):.3f} ({min(v):.3f}–{max(v):.3f})")' "$@"; }

seed_up() { for _ in $(seq 300); do curl -sf "$1/healthz" >/dev/null 2>&1 && return 0; sleep 0.1; done; log "a seed did not start"; exit 1; }

# embedded ENGINE MEASURE → one figure
embedded() {
    local engine=$1 measure=$2 http tcp seed out
    http=$(free_port); tcp=$(free_port); rm -f "$WORK"/emb.db*
    dotnet "$WORK/$engine/Engine.Seed/Engine.Seed.dll" --store "sqlite:$WORK/emb.db" --http "127.0.0.1:$http" --tcp "127.0.0.1:$tcp" \
        --Logging:LogLevel:Default=Warning >"$WORK/emb-$engine.log" 2>&1 &
    seed=$!; pids+=("$seed"); seed_up "http://127.0.0.1:$http"
    case $measure in
        batched) out=$($AQ --seed "http://127.0.0.1:$http" bench --jobs 100000 --batch 1000 --concurrency 4 --warmup 20000 --latency 0 --duration-limit 300 --json | field jobsPerSecond) ;;
        single) out=$($AQ --seed "http://127.0.0.1:$http" bench --jobs 20000 --batch 1 --concurrency 16 --warmup 10000 --latency 0 --duration-limit 300 --json | field jobsPerSecond) ;;
        latency)
            $AQ --seed "http://127.0.0.1:$http" bench --jobs 2000 --batch 1 --concurrency 1 --latency 0 --json >/dev/null
            out=$($AQ --seed "http://127.0.0.1:$http" bench --jobs 1 --batch 1 --concurrency 1 --latency 2000 --duration-limit 300 --json | field latency.p50Ms) ;;
    esac
    kill "$seed"; wait "$seed" 2>/dev/null || true
    echo "$out"
}

# cluster ENGINE NODES QUEUES → jobs/s with the seed and NODES worker nodes on a fresh database

cluster() {
    local engine=$1 nodes=$2 queues=$3 http seed store db n node_pids=()
    # A fresh database per call, named by the clock: each call runs in a command substitution (a subshell), so a counter would never move.
    db="bench_$(date +%s%N)"; psql -c "CREATE DATABASE $db" >/dev/null
    store="postgres://postgres@127.0.0.1:$PGPORT/$db"; http=$(free_port)
    dotnet "$WORK/$engine/Engine.Seed/Engine.Seed.dll" --store "$store" --http "127.0.0.1:$http" --tcp "127.0.0.1:$(free_port)" \
        --Logging:LogLevel:Default=Warning >"$WORK/seed-$engine.log" 2>&1 &
    seed=$!; pids+=("$seed"); seed_up "http://127.0.0.1:$http"
    for n in $(seq "$nodes"); do
        dotnet "$WORK/$engine/Engine.Node/Engine.Node.dll" --store "$store" --seed "http://127.0.0.1:$http" --name "node-$n" \
            ${queues:+--queues "$queues"} --Logging:LogLevel:Default=Warning >"$WORK/node-$engine-$n.log" 2>&1 &
        node_pids+=($!); pids+=($!)
    done
    for _ in $(seq 300); do
        [[ $($AQ --seed "http://127.0.0.1:$http" cluster show --json | python3 -c 'import json,sys; print(sum(1 for m in json.load(sys.stdin)["members"] if m["role"]=="worker" and m["status"]=="up"))') -ge $nodes ]] && break
        sleep 0.2
    done
    $AQ --seed "http://127.0.0.1:$http" bench --jobs 50000 --batch 1000 --concurrency 4 --warmup 10000 --latency 0 --duration-limit 300 --json | field jobsPerSecond
    kill "${node_pids[@]}" "$seed"; wait "${node_pids[@]}" "$seed" 2>/dev/null || true
}

# failover ENGINE → seconds from kill -9 of a worker to all its jobs started on the other
failover() {
    local engine=$1 http seed store db victim
    db="bench_$(date +%s%N)"; psql -c "CREATE DATABASE $db" >/dev/null
    store="postgres://postgres@127.0.0.1:$PGPORT/$db"; http=$(free_port)
    dotnet "$WORK/$engine/Engine.Seed/Engine.Seed.dll" --store "$store" --http "127.0.0.1:$http" --tcp "127.0.0.1:$(free_port)" \
        --Logging:LogLevel:Default=Warning >"$WORK/fo-seed-$engine.log" 2>&1 &
    seed=$!; pids+=("$seed"); seed_up "http://127.0.0.1:$http"
    dotnet "$WORK/$engine/Engine.Node/Engine.Node.dll" --store "$store" --seed "http://127.0.0.1:$http" --name victim --queues default=4 \
        --Logging:LogLevel:Default=Warning >"$WORK/fo-victim-$engine.log" 2>&1 &
    victim=$!; pids+=("$victim")
    for _ in $(seq 300); do
        [[ $($AQ --seed "http://127.0.0.1:$http" cluster show --json | python3 -c 'import json,sys; print(sum(1 for m in json.load(sys.stdin)["members"] if m["role"]=="worker" and m["status"]=="up"))') -ge 1 ]] && break
        sleep 0.2
    done
    python3 "$HERE/failover.py" "http://127.0.0.1:$http" victim "$victim" survivor \
        dotnet "$WORK/$engine/Engine.Node/Engine.Node.dll" --store "$store" --seed "http://127.0.0.1:$http" --name survivor --queues default=8 \
        --Logging:LogLevel:Default=Warning | field seconds
    kill "$seed" 2>/dev/null || true; wait "$seed" 2>/dev/null || true
}

declare -A r
for round in $(seq "$REPEAT"); do
    for engine in new old; do
        for measure in batched single latency; do
            log "round $round: embedded $measure, $engine"
            r[$engine-$measure]+=" $(embedded "$engine" "$measure")"
        done
    done
done
start_postgres -c max_connections=300
for round in $(seq "$REPEAT"); do
    for engine in new old; do
        log "round $round: PostgreSQL, $engine"
        r[$engine-pg1]+=" $(cluster "$engine" 1 "")"
        r[$engine-pg1q4]+=" $(cluster "$engine" 1 default=4)"
        r[$engine-pg2]+=" $(cluster "$engine" 2 "")"
        r[$engine-pg3]+=" $(cluster "$engine" 3 "")"
    done
done
for trial in 1 2 3 4 5; do
    log "failover trial $trial, new"; r[new-fo]+=" $(failover new)"
    if ((trial <= 3)); then log "failover trial $trial, old"; r[old-fo]+=" $(failover old)"; fi
done

# shellcheck disable=SC2086  # the lists are space-separated on purpose
md=$(cat <<MD

## $(date -u +%Y-%m-%d) — the runtime on Akka.NET (new, $(git rev-parse --short HEAD)) against the engine before it (old, $BASELINE), $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -1)

Best of $REPEAT rounds (range in brackets), the engines in turn in each round; the load generator, PostgreSQL
and every process share the same $(nproc) cores (synchronous_commit=off, as in bench/run-cluster.sh).

| measure | new | old | target |
| --- | --- | --- | --- |
| embedded: no-op jobs/s, batches of 1,000 | $(best ${r[new-batched]}) | $(best ${r[old-batched]}) | ≥ 24,000 |
| embedded: no-op jobs/s, one HTTP request per job | $(best ${r[new-single]}) | $(best ${r[old-single]}) | ≥ 6,500 |
| embedded: idle submit→result p50, ms | $(low ${r[new-latency]}) | $(low ${r[old-latency]}) | ≤ 1 |
| PostgreSQL, seed + 1 worker, default pools: jobs/s | $(best ${r[new-pg1]}) | $(best ${r[old-pg1]}) | ≥ 10,000 |
| PostgreSQL, seed + 1 worker, --queues default=4: jobs/s | $(best ${r[new-pg1q4]}) | $(best ${r[old-pg1q4]}) | ≥ 10,000 |
| PostgreSQL, seed + 2 workers: jobs/s | $(best ${r[new-pg2]}) | $(best ${r[old-pg2]}) | no worse than 1 |
| PostgreSQL, seed + 3 workers: jobs/s | $(best ${r[new-pg3]}) | $(best ${r[old-pg3]}) | no worse than 1 |
| kill -9 of a worker → its jobs started elsewhere, median s (trials) | $(median ${r[new-fo]}) (${r[new-fo]# }) | $(median ${r[old-fo]}) (${r[old-fo]# }) | ≤ 10 |
MD
)
printf '%s\n' "$md"
if $RECORD; then
    printf '\n%s\n' "$md" >>"$ROOT/bench/RESULTS.md"
    log "appended to bench/RESULTS.md"
fi
