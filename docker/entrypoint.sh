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
    node)
        shift
        # Replicas of one service share its name, so each advertises its own container address to the
        # cluster (unless told another with AQ_Akka__PublicHost or --akka-public-host).
        if [ -z "${AQ_Akka__PublicHost:-}" ]; then
            AQ_Akka__PublicHost=$(hostname -i | cut -d' ' -f1)
            export AQ_Akka__PublicHost
        fi
        exec dotnet /app/node/Engine.Node.dll "$@"
        ;;
    aq) shift; exec dotnet /app/aq/aq.dll "$@" ;;
    -*) exec dotnet /app/seed/Engine.Seed.dll "$@" ;;
esac
exec "$@"
