#!/bin/sh
# Entry point of the ActorQueue image: the first argument picks the executable, the rest are its flags.
#     seed [flags]   Engine.Seed (the default command)
#     node [flags]   Engine.Node, a worker node
#     aq [args]      the command line client
# Flags alone (`--api-token x`) go to the seed; anything else runs as given (e.g. `sh`).
# exec keeps dotnet as PID 1, so it receives SIGTERM itself and drains.
set -e
case "${1:-}" in
    seed) shift; exec dotnet /app/seed/Engine.Seed.dll "$@" ;;
    node) shift; exec dotnet /app/node/Engine.Node.dll "$@" ;;
    aq) shift; exec dotnet /app/aq/aq.dll "$@" ;;
    -*) exec dotnet /app/seed/Engine.Seed.dll "$@" ;;
esac
exec "$@"
