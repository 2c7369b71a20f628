#!/usr/bin/env bash
# Image benchmark, run on demand (never in CI): thumbnails per second for three sizes (128, 512, 1024 px
# wide, JPEG q80) from an ~8 MP photo (../shared/assets/mug.jpg, 3361×2521, read in place) and from a
# ~1 MP one made from it at bench time, four ways:
#   engine        the embedded seed (Release) end to end: upload → job → image actors → blobs → completed
#   bare          the engine's thumbnailer in a loop on CORES and CORES+1 threads, no HTTP, store or actors:
#                 the best of the two is the limit the engine is held to
#   vipsthumbnail libvips' CLI (Debian libvips-tools, its own libvips), many files per call, one process per core
#   pillow        Python Pillow (Debian python3-pil), one process per core: its fastest path (thumbnail()
#                 with JPEG draft mode) and the plain one (decode in full, resize())
# Each measure runs REPEAT times (default 2), the ways in turn within each round, and the best is kept; the
# spread is printed, since other work on the machine moves these figures. The engine and the bare loop are
# measured after a warm-up (10 s and 3 s), so that both are at their steady state. Prints a Markdown
# section; with --record it is appended to bench/RESULTS.md.
#     bench/images/run.sh [--record] [--repeat N]
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
# shellcheck source=scripts/lib.sh
. "$HERE/../../scripts/lib.sh"
ROOT=$(repo_root)
RECORD=false
REPEAT=2
while (($# > 0)); do
    case $1 in
        --record) RECORD=true ;;
        --repeat) REPEAT=$2; shift ;;
        *) log "unknown argument $1"; exit 2 ;;
    esac
    shift
done
ASSETS=${AQ_ASSETS:-$ROOT/../shared/assets}
[[ -f $ASSETS/mug.jpg ]] || ASSETS=/work/shared/assets
PY=/usr/bin/python3 # not a pyenv shim: Debian's python3-pil is installed for this one
SIZES=128,512,1024
CORES=$(nproc)

need_dotnet
need_apt libvips-tools python3-pil # the CLI peer and Pillow; the engine brings its own libvips
cd "$ROOT"
dotnet publish Engine.Seed -c Release -o artifacts/seed --nologo -v q >/dev/null
dotnet publish bench/images -c Release -o artifacts/bench-images --nologo -v q >/dev/null
BENCH="dotnet artifacts/bench-images/Engine.Bench.Images.dll"

# shellcheck source=bench/seed.sh
. "$HERE/../seed.sh"

# The ~1 MP input: the same photo, resized once (1155×866).
vipsthumbnail "$ASSETS/mug.jpg" -s 1155 -o "$WORK/mug-1mp.jpg[Q=90]"
INPUTS=("$ASSETS/mug.jpg" "$WORK/mug-1mp.jpg")

field() { "$PY" -c 'import json,sys; print(json.loads(sys.stdin.readline())[sys.argv[1]])' "$1"; }
# best and spread of a list of numbers: "BEST (MIN–MAX)"
summary() { "$PY" -c 'import sys; v=[float(x) for x in sys.argv[1:]]; print(f"{max(v):.1f}" + (f" ({min(v):.1f}–{max(v):.1f})" if len(v) > 1 else ""))' "$@"; }
best() { "$PY" -c 'import sys; print(max(float(x) for x in sys.argv[1:]))' "$@"; }
lowest() { "$PY" -c 'import sys; print(min(float(x) for x in sys.argv[1:]))' "$@"; }


# vipsthumbnail: one call per size over COUNT copies of the path, split over one process per core.
vipsthumbnail_rate() {
    local file=$1 count=$2 per start end size p
    per=$(((count + CORES - 1) / CORES))
    mkdir -p "$WORK/vt"
    start=$(date +%s.%N)
    for ((p = 0; p < CORES; p++)); do
        (
            files=()
            for ((i = 0; i < per; i++)); do files+=("$file"); done
            for size in ${SIZES//,/ }; do
                VIPS_CONCURRENCY=1 vipsthumbnail -s "$size" -o "$WORK/vt/%s-$p-$size.jpg[Q=80,strip]" "${files[@]}"
            done
        ) &
    done
    wait
    end=$(date +%s.%N)
    "$PY" -c 'import sys; n, s = int(sys.argv[1]), float(sys.argv[3]) - float(sys.argv[2]); print(f"{n / s:.2f}")' $((per * CORES)) "$start" "$end"
}

declare -A RESULT
for input in "${INPUTS[@]}"; do
    name=$(basename "$input")
    bare=(); bare_cpu=(); per_size=(); engine=(); engine_cpu=(); vt=(); pil=(); pil_plain=()
    # Every way is measured once per round, in turn, so that a slow spell of the machine (it may be shared)
    # falls on all of them alike rather than on one.
    for ((r = 1; r <= REPEAT; r++)); do
        log "$name, round $r of $REPEAT: bare loop, $CORES and $((CORES + 1)) workers (derive-from-largest), $((CORES + 1)) (one call per size)"
        for workers in "$CORES" $((CORES + 1)); do
            line=$($BENCH bare "$input" "$SIZES" 15 "$workers" derive)
            bare+=("$(field imagesPerSecond <<<"$line")"); bare_cpu+=("$(field cpuMsPerImage <<<"$line")")
        done
        per_size+=("$($BENCH bare "$input" "$SIZES" 15 $((CORES + 1)) per-size | field imagesPerSecond)")
        rate=$(best "${bare[@]}")
        log "$name, round $r: engine end to end (after a 10 s warm-up)"
        start_seed
        line=$($BENCH engine "$SEED" "$input" "$SIZES" "$("$PY" -c "print(max(40, int($rate * 20)))")" $((CORES * 4)) "$seed_pid" 10)
        engine+=("$(field imagesPerSecond <<<"$line")"); engine_cpu+=("$(field cpuMsPerImage <<<"$line")")
        stop_seed
        log "$name, round $r: vipsthumbnail"
        vt+=("$(vipsthumbnail_rate "$input" "$("$PY" -c "print(max(20, int($rate * 15)))")")")
        log "$name, round $r: Pillow (thumbnail() with draft mode, and plain resize())"
        pil+=("$("$PY" "$HERE/pillow_thumbs.py" "$input" "$SIZES" "$("$PY" -c "print(max(10, int($rate * 4)))")" "$CORES" draft | field imagesPerSecond)")
        pil_plain+=("$("$PY" "$HERE/pillow_thumbs.py" "$input" "$SIZES" "$("$PY" -c "print(max(10, int($rate * 2)))")" "$CORES" plain | field imagesPerSecond)")
    done
    RESULT[$name.engine]=$(summary "${engine[@]}"); RESULT[$name.bare]=$(summary "${bare[@]}")
    RESULT[$name.cpu]="$(lowest "${engine_cpu[@]}") ms in the seed vs $(lowest "${bare_cpu[@]}") ms bare"
    RESULT[$name.persize]=$(summary "${per_size[@]}"); RESULT[$name.vt]=$(summary "${vt[@]}")
    RESULT[$name.pil]=$(summary "${pil[@]}"); RESULT[$name.pilplain]=$(summary "${pil_plain[@]}")
    RESULT[$name.ratios]=$("$PY" -c 'import sys; e,b,v,p,q=map(float,sys.argv[1:]); print(f"{e/b:.0%} of the bare loop, {e/v:.2f}× vipsthumbnail, {e/p:.1f}× Pillow draft, {e/q:.1f}× Pillow plain")' \
        "$(best "${engine[@]}")" "$(best "${bare[@]}")" "$(best "${vt[@]}")" "$(best "${pil[@]}")" "$(best "${pil_plain[@]}")")
done

CPU=$(lscpu | sed -n 's/^Model name:[[:space:]]*//p' | head -n 1)
MEM=$(free -g | awk '/^Mem:/ {print $2}')
VIPS=$(vips --version 2>/dev/null || echo "libvips")
ENGINE_VIPS=$(sed -n 's/.*"NetVips.Native.linux-x64" Version="\([^"]*\)".*/\1/p' "$ROOT/Directory.Packages.props") # the package version is libvips'.
PIL=$("$PY" -c 'import PIL; print(PIL.__version__)')
section=$(cat <<MD

## $(date -u +%Y-%m-%d) — image thumbnails, $CORES cores ($CPU, $MEM GiB)

Three JPEG thumbnails (128, 512 and 1024 px wide, quality 80, metadata stripped) per input image, in
images per second (× 3 for thumbnails per second); best of $REPEAT runs, range in brackets. Engine and bare loop:
libvips ${ENGINE_VIPS:-?} (NetVips, bundled); vipsthumbnail: $VIPS; Pillow $PIL.
Engine: embedded seed (Release, SQLite), \`POST /api/images?wait=\` with $((CORES * 4)) uploads in flight, the
image pool at its default (cores + 1 actors), timed after 10 s of untimed uploads; the load generator runs on
the same cores. The ways take turns within each of the $REPEAT rounds.

| input | engine end to end | bare loop (derive from largest; $CORES or $((CORES + 1)) threads) | bare loop (one thumbnail_buffer per size) | vipsthumbnail | Pillow, thumbnail() with draft | Pillow, plain resize() | engine vs the others |
| --- | --- | --- | --- | --- | --- | --- | --- |
| 8.5 MP JPEG (mug.jpg, 3361×2521) | ${RESULT[mug.jpg.engine]} | ${RESULT[mug.jpg.bare]} | ${RESULT[mug.jpg.persize]} | ${RESULT[mug.jpg.vt]} | ${RESULT[mug.jpg.pil]} | ${RESULT[mug.jpg.pilplain]} | ${RESULT[mug.jpg.ratios]} |
| 1 MP JPEG (the same, 1155×866) | ${RESULT[mug-1mp.jpg.engine]} | ${RESULT[mug-1mp.jpg.bare]} | ${RESULT[mug-1mp.jpg.persize]} | ${RESULT[mug-1mp.jpg.vt]} | ${RESULT[mug-1mp.jpg.pil]} | ${RESULT[mug-1mp.jpg.pilplain]} | ${RESULT[mug-1mp.jpg.ratios]} |

CPU time per image (least of the runs; the seed's whole process, HTTP and store included, against the bare
loop's): 8.5 MP ${RESULT[mug.jpg.cpu]}; 1 MP ${RESULT[mug-1mp.jpg.cpu]}.
Unlike the rates, this hardly depends on what else the machine runs.
MD
)
printf '%s\n' "$section"
if $RECORD; then
    printf '%s\n' "$section" >>"$ROOT/bench/RESULTS.md"
    log "appended to bench/RESULTS.md"
fi
