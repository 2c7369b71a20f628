#!/usr/bin/env bash
# First command of the README: installs what is missing, builds the seed and
# the `aq` CLI into artifacts/ (linux-x64, skipped when nothing changed), writes
# the demo model into the model repository artifacts/models (if it is not
# there), then runs the seed node in the foreground, serving that repository
# unless --model or --models is given. Flags are passed to the seed, e.g.
#     ./scripts/start.sh --http 127.0.0.1:9090 --store sqlite:/tmp/aq.db --api-token s3cret
# ONNX Runtime comes with the NuGet package Microsoft.ML.OnnxRuntime: nothing
# else is downloaded.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# Debian packages the engine needs at run time. Later features extend this list.
RUNTIME_APT_PACKAGES="curl netcat-openbsd"

ROOT=$(repo_root)
ARTIFACTS="$ROOT/artifacts"
STAMP="$ARTIFACTS/.build-stamp"

need_dotnet
read -r -a runtime_packages <<<"$RUNTIME_APT_PACKAGES"
need_apt "${runtime_packages[@]}"

# Fingerprint of everything the seed and the CLI are built from (the test
# project is left out: it never goes into artifacts/).
source_fingerprint() {
    (
        cd "$ROOT"
        {
            dotnet --version
            find . -maxdepth 1 -type f \( -name '*.sln' -o -name '*.props' -o -name '*.targets' \
                -o -name 'global.json' -o -name 'NuGet.config' \) -print0 | sort -z | xargs -0 sha256sum
            find . -mindepth 1 -maxdepth 1 -type d -name 'Engine.*' ! -name 'Engine.Tests' -print0 |
                xargs -0 -I{} find {} \( -name bin -o -name obj -o -name node_modules \) -prune \
                    -o -type f -print0 | sort -z | xargs -0 -r sha256sum
        } | sha256sum | cut -d' ' -f1
    )
}

fingerprint=$(source_fingerprint)
if [[ -f $STAMP && $(cat "$STAMP") == "$fingerprint" \
    && -f $ARTIFACTS/seed/Engine.Seed.dll && -f $ARTIFACTS/node/Engine.Node.dll && -f $ARTIFACTS/aq/aq.dll && -x $ARTIFACTS/bin/aq ]]; then
    log "artifacts are up to date"
else
    log "building Engine.Seed, Engine.Node and Engine.Cli (Release) into $ARTIFACTS"
    rm -f "$STAMP"
    # linux-x64 only: without a runtime identifier every platform's ONNX Runtime would be copied (≈300 MB).
    publish=(-c Release -r linux-x64 --self-contained false --nologo -v quiet)
    rm -rf "$ARTIFACTS/seed" "$ARTIFACTS/aq" "$ARTIFACTS/node"
    dotnet publish "$ROOT/Engine.Seed/Engine.Seed.csproj" "${publish[@]}" -o "$ARTIFACTS/seed" >&2
    dotnet publish "$ROOT/Engine.Cli/Engine.Cli.csproj" "${publish[@]}" -o "$ARTIFACTS/aq" >&2
    dotnet publish "$ROOT/Engine.Node/Engine.Node.csproj" "${publish[@]}" -o "$ARTIFACTS/node" >&2
    mkdir -p "$ARTIFACTS/bin"
    cat >"$ARTIFACTS/bin/aq" <<'WRAPPER'
#!/usr/bin/env bash
# ActorQueue command line client (built by scripts/start.sh).
set -euo pipefail
here=$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")
exec dotnet "$here/../aq/aq.dll" "$@"
WRAPPER
    chmod +x "$ARTIFACTS/bin/aq"
    printf '%s\n' "$fingerprint" >"$STAMP"
fi

# The model repository: the demo model (a colour classifier this project writes as ONNX itself) is
# written once; a model dropped in beside it (artifacts/models/NAME/{model.onnx,model.json}) is served too.
MODELS="$ARTIFACTS/models"
if [[ ! -f $MODELS/colours/model.onnx ]]; then
    "$ARTIFACTS/bin/aq" models demo "$MODELS" >&2
fi
serve_models=true
for arg in "$@"; do
    case $arg in
        --model | --model=* | --models | --models=* | --Inference:Models* | --Inference:Model:Path*) serve_models=false ;;
    esac
done
[[ -n ${AQ_Inference__Models:-}${AQ_Inference__Model__Path:-} ]] && serve_models=false
if $serve_models; then
    set -- --models "$MODELS" "$@"
fi

# Where the seed will listen: the defaults, unless a flag or AQ_HTTP / AQ_TCP says otherwise.
http=${AQ_HTTP:-127.0.0.1:8080}
tcp=${AQ_TCP:-127.0.0.1:7070}
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
    case ${args[i]} in
        --http=*) http=${args[i]#*=} ;;
        --tcp=*) tcp=${args[i]#*=} ;;
        --http) http=${args[i + 1]:-$http} ;;
        --tcp) tcp=${args[i + 1]:-$tcp} ;;
    esac
done
[[ $http == *://* ]] || http="http://$http"

echo "ActorQueue seed starting: dashboard and API at $http, TCP protocol at ${tcp#*://} (Ctrl-C stops it)."
echo "To use the CLI in another shell: export PATH=\"$ARTIFACTS/bin:\$PATH\" && aq --help"
$serve_models && echo "Models served from $MODELS (aq models list); try: aq classify $MODELS/colours/samples/red.png --model colours"

exec dotnet "$ARTIFACTS/seed/Engine.Seed.dll" "$@"
