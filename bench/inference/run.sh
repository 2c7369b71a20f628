#!/usr/bin/env bash
# Raw ONNX Runtime benchmark through the engine's OnnxModel (Microsoft.ML.OnnxRuntime) (on demand, never in CI): images/s of one
# SqueezeNet session at batch sizes 1–32 with 1 and 2 intra-op threads. The model is read in place
# from ../shared/assets. Arguments go to the program, e.g.
#     bench/inference/run.sh --repeats 5 --seconds 3
#     bench/inference/run.sh --pool --batches 1,4,8,16     # the dynamic batcher with 16 callers
# Classification end to end (photos decoded, the engine against a raw loop): bench/inference/end-to-end.sh.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib.sh"
need_dotnet
ROOT=$(repo_root)
dotnet build "$ROOT/bench/inference" -c Release --nologo -v quiet >&2
exec dotnet run -c Release --no-build --project "$ROOT/bench/inference" -- "$@"
