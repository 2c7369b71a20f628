#!/usr/bin/env bash
# The embedded-engine benchmark, run on demand (never in CI): builds the seed and aq in Release,
# starts the seed on a throwaway SQLite file on free loopback ports, and measures with `aq bench`:
#   1. no-op jobs/s end to end, submitted in batches of 1,000;
#   2. no-op jobs/s end to end, one HTTP request per job;
#   3. submit→result latency when idle (sequential round trips);
#   4. the same kind of no-op workload on RQ + Redis (bench/rq), side by side.
# Each throughput run is preceded by an unmeasured warm-up with the same settings.
# Prints a Markdown section; with --record it is appended to bench/RESULTS.md.
#     bench/run.sh [--record]
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
# shellcheck source=scripts/lib.sh
. "$HERE/../scripts/lib.sh"
ROOT=$(repo_root)
RECORD=false
[[ ${1:-} == --record ]] && RECORD=true

need_dotnet
cd "$ROOT"
dotnet publish Engine.Seed -c Release -o artifacts/seed --nologo -v q >/dev/null
dotnet publish Engine.Cli -c Release -o artifacts/aq --nologo -v q >/dev/null

# shellcheck source=bench/seed.sh
. "$HERE/seed.sh"
aq() { dotnet artifacts/aq/aq.dll --seed "$SEED" "$@"; }
field() { python3 -c 'import json,sys; r=json.load(sys.stdin); v=r; [v:=v[k] for k in sys.argv[1].split(".")]; print(v)' "$1"; }

log "1/4 batched submission"
start_seed
batched=$(aq bench --jobs 100000 --batch 1000 --concurrency 4 --warmup 20000 --latency 0 --duration-limit 300 --json)
stop_seed
log "2/4 one request per job"
start_seed
single=$(aq bench --jobs 20000 --batch 1 --concurrency 16 --warmup 10000 --latency 0 --duration-limit 300 --json)
stop_seed
log "3/4 idle latency"
start_seed
aq bench --jobs 2000 --batch 1 --concurrency 1 --latency 0 --json >/dev/null
latency=$(aq bench --jobs 1 --batch 1 --concurrency 1 --latency 2000 --duration-limit 300 --json)
stop_seed
log "4/4 RQ + Redis, same machine"
rq=$("$HERE/rq/run.sh" 2000 2>/dev/null | grep '^rq' | paste -sd ';' - | sed 's/;/; /g' || true)

cpu=$(lscpu | sed -n 's/^Model name: *//p' | head -1)
md=$(cat <<MD

## $(date -u +%Y-%m-%d) — embedded engine (SQLite), $(nproc) cores, ${cpu:-unknown CPU}, $(free -g | awk '/Mem:/{print $2}') GiB

| measure | result | target |
| --- | --- | --- |
| no-op jobs/s end to end, batches of 1,000 (100,000 jobs, 4 submitters) | $(field jobsPerSecond <<<"$batched") | ≥ 20,000 |
| no-op jobs/s end to end, one HTTP request per job (20,000 jobs, 16 submitters) | $(field jobsPerSecond <<<"$single") | ≥ 5,000 |
| submit→result latency when idle, p50 (2,000 round trips) | $(field latency.p50Ms <<<"$latency") ms | < 2 ms |
| submit→result latency when idle, p99 | $(field latency.p99Ms <<<"$latency") ms | |
| RQ + Redis, same no-op workload | ${rq:-not measured} | |

Durability: SQLite WAL with synchronous=NORMAL — a committed job survives a crash or kill -9 of the
process; a power loss may lose the last commits, never corrupt the file. Client, seed and worker share
the same $(nproc) cores.
MD
)
printf '%s\n' "$md"
if $RECORD; then
    printf '\n%s\n' "$md" >>"$HERE/RESULTS.md"
    log "appended to bench/RESULTS.md"
fi
