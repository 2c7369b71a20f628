#!/usr/bin/env bash
# The cluster benchmark, run on demand (never in CI): a throwaway PostgreSQL on a free loopback port,
# the seed (no workers) and 1, 2, then 3 worker nodes, all on this machine, driven by `aq bench`:
#   1. no-op jobs/s end to end, batches of 1,000, with 1, 2 and 3 nodes (default=32 actors each, AQ_BENCH_POOL to change);
#   2. claim latency with 1,000,000 jobs already queued, and the claim query's plan (EXPLAIN ANALYZE).
# PostgreSQL runs with synchronous_commit=off (the counterpart of the embedded store's
# synchronous=NORMAL: a crash of the server loses at most the last ~0.6 s of commits, never consistency).
# Prints a Markdown section; with --record it is appended to bench/RESULTS.md.
#     bench/run-cluster.sh [--record]
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
# shellcheck source=scripts/lib.sh
. "$HERE/../scripts/lib.sh"
ROOT=$(repo_root)
RECORD=false
[[ ${1:-} == --record ]] && RECORD=true

need_dotnet
need_apt postgresql
cd "$ROOT"
dotnet publish Engine.Seed -c Release -o artifacts/seed --nologo -v q >/dev/null
dotnet publish Engine.Node -c Release -o artifacts/node --nologo -v q >/dev/null
dotnet publish Engine.Cli -c Release -o artifacts/aq --nologo -v q >/dev/null

# shellcheck source=bench/postgres.sh
. "$HERE/postgres.sh"
start_postgres -c max_connections=200

HTTP_PORT=$(free_port)
SEED="http://127.0.0.1:$HTTP_PORT"
aq() { dotnet artifacts/aq/aq.dll --seed "$SEED" "$@"; }
field() { python3 -c 'import json,sys; r=json.load(sys.stdin); v=r; [v:=v[k] for k in sys.argv[1].split(".")]; print(v)' "$1"; }

run_with_nodes() {
    local nodes=$1 db="bench_$1" store
    psql -c "CREATE DATABASE $db" >/dev/null
    store="postgres://postgres@127.0.0.1:$PGPORT/$db"
    dotnet artifacts/seed/Engine.Seed.dll --store "$store" --http "127.0.0.1:$HTTP_PORT" --tcp "127.0.0.1:$(free_port)" \
        --Logging:LogLevel:Default=Warning >"$WORK/seed.log" 2>&1 &
    local seed_pid=$!
    pids+=("$seed_pid")
    for _ in $(seq 100); do curl -sf "$SEED/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
    local node_pids=()
    for n in $(seq "$nodes"); do
        dotnet artifacts/node/Engine.Node.dll --store "$store" --name "bench-node-$n" --queues "default=${AQ_BENCH_POOL:-32}" \
            --Logging:LogLevel:Default=Warning >"$WORK/node$n.log" 2>&1 &
        node_pids+=($!)
        pids+=($!)
    done
    local up=0
    for _ in $(seq 100); do
        up=$(aq cluster show --json | python3 -c 'import json,sys; print(sum(1 for m in json.load(sys.stdin)["members"] if m["role"]=="worker" and m["status"]=="up"))')
        [[ $up -ge $nodes ]] && break
        sleep 0.2
    done
    aq bench --jobs 50000 --batch 1000 --concurrency 4 --warmup 10000 --latency 0 --duration-limit 300 --json | field jobsPerSecond
    kill "${node_pids[@]}" "$seed_pid"; wait "${node_pids[@]}" "$seed_pid" 2>/dev/null || true
}

log "throughput with 1, 2 and 3 nodes"
one=$(run_with_nodes 1)
two=${AQ_BENCH_ONE_ONLY:+skipped}; [[ -n $two ]] || two=$(run_with_nodes 2)
three=${AQ_BENCH_ONE_ONLY:+skipped}; [[ -n $three ]] || three=$(run_with_nodes 3)

log "claim latency with 1,000,000 jobs queued"
psql -c "CREATE DATABASE bench_deep" >/dev/null
dotnet artifacts/seed/Engine.Seed.dll --store "postgres://postgres@127.0.0.1:$PGPORT/bench_deep" --http "127.0.0.1:$HTTP_PORT" \
    --tcp "127.0.0.1:$(free_port)" --Logging:LogLevel:Default=Warning >"$WORK/seed.log" 2>&1 &
deep_seed=$!
pids+=("$deep_seed")
for _ in $(seq 100); do curl -sf "$SEED/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
claim_sql="EXPLAIN (ANALYZE, COSTS OFF, TIMING ON) UPDATE aq_jobs SET state = 'running', attempt = attempt + 1, node_id = 'bench', started_at = now(), lease_expires_at = now() + interval '30 s' WHERE seq IN (SELECT seq FROM aq_jobs WHERE state = 'available' AND queue = 'deep' ORDER BY priority DESC, seq LIMIT 32 FOR UPDATE SKIP LOCKED) RETURNING id"
empty_plan=$(psql -d bench_deep -c "BEGIN" -c "$claim_sql" -c "ROLLBACK" | grep -E 'Execution Time' | sed 's/^ *//')
psql -d bench_deep -c "INSERT INTO aq_jobs (id, kind, queue, state, priority, max_attempts, payload, enqueued_at)
    SELECT gen_random_uuid()::text, 'echo', 'deep', 'available', 0, 5, '{}', now() FROM generate_series(1, 1000000)" >/dev/null
psql -d bench_deep -c "ANALYZE aq_jobs" >/dev/null
deep_plan=$(psql -d bench_deep -c "BEGIN" -c "$claim_sql" -c "ROLLBACK" | sed -n '/QUERY PLAN/,$p')
deep_time=$(grep -E 'Execution Time' <<<"$deep_plan" | sed 's/^ *//')
kill "$deep_seed"; wait "$deep_seed" 2>/dev/null || true

cpu=$(lscpu | sed -n 's/^Model name: *//p' | head -1)
md=$(cat <<MD

## $(date -u +%Y-%m-%d) — cluster on PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}'), $(nproc) cores, ${cpu:-unknown CPU}, $(free -g | awk '/Mem:/{print $2}') GiB

PostgreSQL, the seed, every node and the load generator share the same $(nproc) cores; synchronous_commit=off.

| measure | result | target |
| --- | --- | --- |
| no-op jobs/s end to end, 1 node, batches of 1,000 (50,000 jobs) | $one | ≥ 10,000 |
| no-op jobs/s end to end, 2 nodes | $two | |
| no-op jobs/s end to end, 3 nodes | $three | |
| claim of 32 jobs, empty queue (server time) | ${empty_plan#Execution Time: } | |
| claim of 32 jobs with 1,000,000 queued (server time) | ${deep_time#Execution Time: } | flat |

Claim plan with 1,000,000 jobs queued:

\`\`\`
$deep_plan
\`\`\`
MD
)
printf '%s\n' "$md"
if $RECORD; then
    printf '\n%s\n' "$md" >>"$HERE/RESULTS.md"
    log "appended to bench/RESULTS.md"
fi
