#!/usr/bin/env bash
# Side-by-side reference: how fast RQ (Python's Redis Queue) runs N no-op jobs
# on this machine. Starts a throwaway Redis on a free loopback port, enqueues N
# jobs, drains them with a burst worker (RQ's default forking worker, then
# SimpleWorker, which runs jobs in-process) and prints `rq: N jobs in S s = R jobs/s`.
#     bench/rq/run.sh [N]      (N defaults to 2000; at most 1,000,000; 600 s time limit)
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
# shellcheck source=scripts/lib.sh
. "$HERE/../../scripts/lib.sh"

N=${1:-2000}
if ! [[ $N =~ ^[0-9]+$ ]] || ((N < 1 || N > 1000000)); then
    echo "usage: $0 [N]  (number of jobs, 1 to 1000000; default 2000)" >&2
    exit 2
fi
TIME_LIMIT=600
# Debian's python3 has python3-rq; the python3 first on PATH may be another one.
PY=/usr/bin/python3

"$HERE/install.sh"

BENCH_TMP=$(mktemp -d)
export BENCH_TMP
redis_pid=""
cleanup() {
    if [[ -n $redis_pid ]]; then
        kill "$redis_pid" 2>/dev/null || true
        wait "$redis_pid" 2>/dev/null || true
    fi
    rm -rf "$BENCH_TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port=$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
redis-server --bind 127.0.0.1 --port "$port" --save '' --appendonly no \
    --dir "$BENCH_TMP" --daemonize no --loglevel warning >"$BENCH_TMP/redis.log" 2>&1 &
redis_pid=$!
url="redis://127.0.0.1:$port/0"

for _ in $(seq 100); do
    if "$PY" -c 'import sys, redis; redis.Redis.from_url(sys.argv[1]).ping()' "$url" 2>/dev/null; then
        break
    fi
    if ! kill -0 "$redis_pid" 2>/dev/null; then
        log "redis-server did not start:"; cat "$BENCH_TMP/redis.log" >&2; exit 1
    fi
    sleep 0.05
done
log "redis $(redis-server --version | sed -n 's/.*v=\([^ ]*\).*/\1/p') on 127.0.0.1:$port, rq $("$PY" -c 'import rq; print(rq.__version__)'), $N no-op jobs"

deadline=$(($(date +%s) + TIME_LIMIT))
measure() {
    local left=$((deadline - $(date +%s)))
    ((left > 0)) || { log "time limit of $TIME_LIMIT s reached"; return 1; }
    (cd "$HERE" && timeout "$left" "$PY" "$HERE/measure.py" "$url" "$N" "$1" "$((left - 5))")
}

measure default
if "$PY" -c 'from rq.worker import SimpleWorker' 2>/dev/null; then
    measure rq.worker.SimpleWorker
else
    log "this rq has no rq.worker.SimpleWorker; skipped that measurement"
fi
