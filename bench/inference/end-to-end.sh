#!/usr/bin/env bash
# End-to-end classification benchmark, run on demand (never in CI): classifications per second of the
# shared SqueezeNet 1.1 on three photos of ../shared/assets (castle_image.jpg, jemma.png, mug.jpg, read in
# place; every answer is checked: castle, beagle, coffee mug), three ways:
#   raw      decode + preprocess + run with the engine's own pieces (libvips preprocessing, one
#            Microsoft.ML.OnnxRuntime InferenceSession per worker with reused buffers) and nothing else (no HTTP, store, jobs,
#            actors or batcher), 1 and 2 worker threads × batch sizes 1–32: its best is the limit
#   engine   the embedded seed (Release, SQLite) serving a temporary model repository (outside the
#            repository: the SqueezeNet linked in place, with its model.json), POST /api/classify?top=1&wait=60 from 32 concurrent
#            clients, default settings (Inference:MaxBatch=4, MaxDelayMs=0, one model actor per core with one
#            thread each), timed after a 10 s warm-up
#            (the raw loop warms up for 3 s), so that both are at their steady state
#   batch 1  the same seed with --Inference:MaxBatch=1 (batching off)
# Each measure runs REPEAT times (default 2), in rotation; the best and the range are printed, with the
# 1-minute load average seen around the runs (the machine may be shared). Prints a Markdown section; with
# --record it is appended to bench/RESULTS.md.
#     bench/inference/end-to-end.sh [--record] [--repeat N] [--seconds S] [--batches 1,2,4,8,16,32]
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
# shellcheck source=scripts/lib.sh
. "$HERE/../../scripts/lib.sh"
ROOT=$(repo_root)
RECORD=false
REPEAT=2
SECONDS_PER=6
BATCHES=1,2,4,8,16,32
CLIENTS=32
while (($# > 0)); do
    case $1 in
        --record) RECORD=true ;;
        --repeat) REPEAT=$2; shift ;;
        --seconds) SECONDS_PER=$2; shift ;;
        --batches) BATCHES=$2; shift ;;
        *) log "unknown argument $1"; exit 2 ;;
    esac
    shift
done
ASSETS=${AQ_ASSETS:-$ROOT/../shared/assets}
[[ -f $ASSETS/squeezenet_fp32_dynbatch.onnx ]] || ASSETS=/work/shared/assets
PY=/usr/bin/python3

need_dotnet
cd "$ROOT"
dotnet publish Engine.Seed -c Release -r linux-x64 --self-contained false -o artifacts/seed --nologo -v q >/dev/null
dotnet publish bench/inference -c Release -r linux-x64 --self-contained false -o artifacts/bench-inference --nologo -v q >/dev/null
BENCH="dotnet artifacts/bench-inference/Inference.Bench.dll"

# shellcheck source=bench/seed.sh
. "$HERE/../seed.sh"

# A model repository outside the repository: the shared SqueezeNet linked in place, with its manifest.
MODELS="$WORK/models" # removed with WORK when the script exits
mkdir -p "$MODELS/squeezenet"
ln -s "$ASSETS/squeezenet_fp32_dynbatch.onnx" "$MODELS/squeezenet/model.onnx"
ln -s "$ASSETS/imagenet_labels.txt" "$MODELS/squeezenet/imagenet_labels.txt"
cat >"$MODELS/squeezenet/model.json" <<'JSON'
{
  "input": "data_0", "layout": "NCHW", "size": 224, "channelOrder": "BGR",
  "scale": 1, "mean": [103.939, 116.779, 123.68], "std": [1, 1, 1],
  "resize": "crop", "cropFraction": 0.875, "labels": "imagenet_labels.txt"
}
JSON
SQUEEZENET=(--models "$MODELS")

field() { "$PY" -c 'import json,sys; print(json.loads(sys.stdin.readline())[sys.argv[1]])' "$1"; }
# "MEDIAN (MIN–MAX)" of a list of numbers; median and max alone
summary() { "$PY" -c 'import sys,statistics as s; v=[float(x) for x in sys.argv[1:]]; print(f"{s.median(v):.1f}" + (f" ({min(v):.1f}–{max(v):.1f})" if len(v) > 1 else ""))' "$@"; }
median() { "$PY" -c 'import sys,statistics as s; print(s.median(float(x) for x in sys.argv[1:]))' "$@"; }
best() { "$PY" -c 'import sys; print(max(float(x) for x in sys.argv[1:]))' "$@"; }
# median of "SEED+CLIENT" pairs, printed as "TOTAL (SEED + CLIENT)"
cpu_median() { "$PY" -c 'import sys,statistics as s; p=[tuple(map(float,x.split("+"))) for x in sys.argv[1:]]; a=s.median(x for x,_ in p); b=s.median(y for _,y in p); print(f"{a+b:.1f} ({a:.1f} + {b:.1f})")' "$@"; }
LOADS=()
load_now() { cut -d' ' -f1 /proc/loadavg; }

declare -A RAW
RAW_CPU=()
engine=(); engine_cpu=(); single=(); single_cpu=()
for ((r = 0; r < REPEAT; r++)); do
    for workers in 1 2; do
        for batch in ${BATCHES//,/ }; do
            LOADS+=("$(load_now)")
            line=$($BENCH decode "$ASSETS" "$workers" "$batch" "$SECONDS_PER")
            rate=$(field imagesPerSecond <<<"$line")
            RAW[$workers.$batch]="${RAW[$workers.$batch]:-} $rate"
            RAW_CPU+=("$(field cpuMsPerImage <<<"$line")")
            log "raw, $workers worker(s), batch $batch: $rate images/s"
        done
    done
    for flags in "" "--Inference:MaxBatch=1"; do
        LOADS+=("$(load_now)")
        # shellcheck disable=SC2086  # $flags is one flag or none
        start_seed "${SQUEEZENET[@]}" $flags
        # shellcheck disable=SC2086  # the list of rates
        images=$("$PY" -c "print(int(max(200, $(best ${RAW[1.1]}) * $SECONDS_PER * 4)))")
        line=$($BENCH engine "$SEED" "$ASSETS" "$images" "$CLIENTS" "$seed_pid" 10)
        stop_seed
        LOADS+=("$(load_now)")
        log "engine ${flags:-(defaults)}: $line"
        if [[ -z $flags ]]; then
            engine+=("$(field imagesPerSecond <<<"$line")"); engine_cpu+=("$(field seedCpuMsPerImage <<<"$line")+$(field clientCpuMsPerImage <<<"$line")")
        else
            single+=("$(field imagesPerSecond <<<"$line")"); single_cpu+=("$(field seedCpuMsPerImage <<<"$line")+$(field clientCpuMsPerImage <<<"$line")")
        fi
    done
done

rows=""
raw_median=0
raw_best_at=""
for workers in 1 2; do
    for batch in ${BATCHES//,/ }; do
        # shellcheck disable=SC2086  # the list of rates
        rows+="| $workers | $batch | $(summary ${RAW[$workers.$batch]}) |"$'\n'
        # shellcheck disable=SC2086
        m=$(median ${RAW[$workers.$batch]})
        if "$PY" -c "import sys; sys.exit(0 if $m > $raw_median else 1)"; then
            raw_median=$m; raw_best_at="$workers worker(s), batch $batch"
            # shellcheck disable=SC2086
            raw_summary=$(summary ${RAW[$workers.$batch]})
            # shellcheck disable=SC2086
            raw_max=$(best ${RAW[$workers.$batch]})
        fi
    done
done
e=$(median "${engine[@]}"); s=$(median "${single[@]}")
CPU=$(lscpu | sed -n 's/^Model name:[[:space:]]*//p' | head -n 1)
MEM=$(free -m | awk '/^Mem:/ {printf "%.1f", $2 / 1024}')
load_range=$("$PY" -c 'import sys; v=[float(x) for x in sys.argv[1:]]; print(f"{min(v):.1f}–{max(v):.1f}")' "${LOADS[@]}")
section=$(cat <<MD

## $(date -u +%Y-%m-%d) — classification end to end, $(nproc) cores ($CPU, $MEM GiB)

SqueezeNet 1.1 (\`squeezenet_fp32_dynbatch.onnx\`, BGR, Caffe mean) on castle_image.jpg, jemma.png and mug.jpg
in rotation, every answer checked (castle, beagle, coffee mug). Median of $REPEAT runs, range in brackets, in
classifications per second; the load generator runs on the same cores, and the seed is timed after 10 s of
untimed classifications. 1-minute load average around the
runs: $load_range.

| | classifications/s |
| --- | --- |
| raw loop at its best batch size and threads ($raw_best_at, the best median) | $raw_summary |
| engine, defaults (MaxBatch 4, MaxDelayMs 0, $(( $(nproc) < 4 ? $(nproc) : 4 )) model actors), $CLIENTS clients | $(summary "${engine[@]}") |
| engine, MaxBatch 1, $CLIENTS clients | $(summary "${single[@]}") |
| engine ÷ raw best (medians; best runs); engine ÷ MaxBatch 1 (medians) | $("$PY" -c "print(f'{$e / $raw_median:.0%}; {$(best "${engine[@]}") / $raw_max:.0%}; {$e / $s:.2f}×')") |

CPU time per classification (median over the runs; less sensitive to the other work on the machine than the
rates): raw loop $(median "${RAW_CPU[@]}") ms; engine, seed + load generator, $(cpu_median "${engine_cpu[@]}") ms with
the defaults and $(cpu_median "${single_cpu[@]}") ms with MaxBatch 1.

Raw loop (decode + preprocess + run, no engine), by worker threads (each with its own session and
cores ÷ workers intra-op threads) and batch size:

| workers | batch | classifications/s |
| --- | --- | --- |
$rows
MD
)
printf '%s\n' "$section"
if $RECORD; then
    printf '%s\n' "$section" >>"$ROOT/bench/RESULTS.md"
    log "appended to bench/RESULTS.md"
fi
