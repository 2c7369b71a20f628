#!/usr/bin/env bash
# Helpers for benchmark scripts that drive a throwaway embedded seed (artifacts/seed, published by the
# caller). Source it after scripts/lib.sh, with the repository root as the working directory:
#     start_seed [FLAG…]   starts the seed on a fresh SQLite file and free loopback ports; sets SEED (its URL)
#     stop_seed            stops it
#     free_port            prints a free loopback TCP port
# WORK is a temporary directory, removed (and the seed stopped) when the script exits.
# shellcheck disable=SC2034  # SEED and WORK are for the caller

WORK=$(mktemp -d)
seed_pid=""
cleanup() {
    if [[ -n $seed_pid ]]; then kill "$seed_pid" 2>/dev/null || true; wait "$seed_pid" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT

free_port() { "${PY:-python3}" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# shellcheck disable=SC2120  # flags are optional
start_seed() {
    local http tcp
    http=$(free_port)
    tcp=$(free_port)
    rm -f "$WORK"/bench.db*
    dotnet artifacts/seed/Engine.Seed.dll --store "sqlite:$WORK/bench.db" --http "127.0.0.1:$http" \
        --tcp "127.0.0.1:$tcp" --Logging:LogLevel:Default=Warning "$@" >"$WORK/seed.log" 2>&1 &
    seed_pid=$!
    SEED="http://127.0.0.1:$http"
    for _ in $(seq 100); do curl -sf "$SEED/healthz" >/dev/null 2>&1 && return 0; sleep 0.1; done
    log "the seed did not start:"; cat "$WORK/seed.log" >&2; exit 1
}

stop_seed() { kill "$seed_pid"; wait "$seed_pid" 2>/dev/null || true; seed_pid=""; }
