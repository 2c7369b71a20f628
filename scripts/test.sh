#!/usr/bin/env bash
# Second command of the README, and what CI runs (.ci/run): installs what the
# tests need, builds the solution in Release and runs every test. Arguments go
# to `dotnet test`, e.g.  ./scripts/test.sh --filter Category=Unit
#
# The last line of its output is always `tests: P passed, F failed, S skipped`,
# summed over the TRX files. It exits non-zero when the build fails, a test
# fails, the test run breaks off, or no test ran; with CI=true also when any
# test was skipped.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# Debian packages the tests need: the PostgreSQL server (throwaway clusters),
# docker-compose (the compose file's checks), and Chromium with a font for the
# dashboard's browser tests (Playwright drives /usr/bin/chromium; it never
# downloads a browser of its own).
TEST_APT_PACKAGES="postgresql docker-compose chromium fonts-dejavu-core"

# A test that runs longer than this dumps the test host and fails the run.
HANG_TIMEOUT=${AQ_TEST_HANG_TIMEOUT:-5m}

ROOT=$(repo_root)
RESULTS="$ROOT/artifacts/test-results"

summary="tests: 0 passed, 0 failed, 0 skipped"
trap 'printf "%s\n" "$summary"' EXIT

need_dotnet
read -r -a test_packages <<<"$TEST_APT_PACKAGES"
need_apt "${test_packages[@]}"

rm -rf "$RESULTS"
mkdir -p "$RESULTS"
cd "$ROOT"

if ! dotnet build ActorQueue.sln -c Release --nologo; then
    log "the build failed (errors above); no test ran."
    exit 1
fi

# One TRX per test project: LogFilePrefix gives each its own file
# (results_net10.0_TIMESTAMP.trx); a fixed LogFileName would make a second
# test project overwrite the first one's results.
set +e
dotnet test ActorQueue.sln -c Release --no-build --nologo \
    --logger "trx;LogFilePrefix=results" --results-directory "$RESULTS" \
    --blame-hang-timeout "$HANG_TIMEOUT" --blame-hang-dump-type mini \
    "$@"
test_rc=$?
set -e

# Sum the counters of every TRX file; list failed and skipped tests.
# Output: "passed failed skipped" on the first line, then tab-separated
# "failed NAME" and "skipped NAME REASON" lines.
parse_trx() {
    local py
    py=$(command -v python3 || true)
    [[ -x /usr/bin/python3 ]] && py=/usr/bin/python3
    if [[ -z $py ]]; then
        # No python3: counters only, with grep/sed.
        local p=0 f=0 s=0 trx line
        while IFS= read -r -d '' trx; do
            line=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1 || true)
            p=$((p + $(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$line" | grep . || echo 0)))
            f=$((f + $(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$line" | grep . || echo 0)))
            # The notExecuted counter stays 0 for skipped xunit tests: count the results.
            s=$((s + $(grep -o '<UnitTestResult [^>]*outcome="NotExecuted"' "$trx" | wc -l)))
        done < <(find "$RESULTS" -name '*.trx' -print0)
        echo "$p $f $s"
        return
    fi
    "$py" - "$RESULTS" <<'PY'
import pathlib, sys, xml.etree.ElementTree as ET

ns = "{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}"
passed = failed = skipped = 0
lines = []
for trx in sorted(pathlib.Path(sys.argv[1]).rglob("*.trx")):
    try:
        root = ET.parse(trx).getroot()
    except ET.ParseError as e:
        print(f"unreadable TRX file {trx}: {e}", file=sys.stderr)
        failed += 1
        continue
    counters = root.find(f"{ns}ResultSummary/{ns}Counters")
    c = {k: int(counters.get(k, 0)) for k in ("passed", "failed", "notExecuted")} if counters is not None else {}
    n = {"Passed": 0, "Failed": 0, "NotExecuted": 0}
    for r in root.iter(f"{ns}UnitTestResult"):
        outcome = r.get("outcome")
        n[outcome] = n.get(outcome, 0) + 1
        name = " ".join(r.get("testName", "?").split())
        if outcome == "Failed":
            lines.append(f"failed\t{name}")
        elif outcome == "NotExecuted":
            msg = r.find(f"{ns}Output/{ns}ErrorInfo/{ns}Message")
            reason = " ".join((msg.text or "").split()) if msg is not None else ""
            lines.append(f"skipped\t{name}\t{reason}")
    # VSTest leaves the notExecuted counter at 0 for skipped xunit tests, so
    # the per-test outcomes count too.
    passed += max(c.get("passed", 0), n["Passed"])
    failed += max(c.get("failed", 0), n["Failed"])
    skipped += max(c.get("notExecuted", 0), n["NotExecuted"])
lines.sort(key=lambda line: line.startswith("failed\t"))  # skipped first, failures last
print(passed, failed, skipped)
print("\n".join(lines))
PY
}

parsed=$(parse_trx)
read -r passed failed skipped <<<"$(head -n 1 <<<"$parsed")"
summary="tests: $passed passed, $failed failed, $skipped skipped"

rc=0
while IFS=$'\t' read -r kind name reason; do
    case $kind in
        failed) echo "FAILED:  $name" ;;
        skipped) echo "SKIPPED: $name${reason:+ — $reason}" ;;
    esac
done < <(tail -n +2 <<<"$parsed")

if ((failed > 0)); then
    log "$failed test(s) failed."
    rc=1
fi
if ((test_rc != 0 && failed == 0)); then
    log "dotnet test exited with $test_rc (test host crashed, hung or could not start: see above; dumps are under $RESULTS)."
    rc=1
fi
if ((passed + failed == 0)); then
    log "no test ran."
    rc=1
fi
if [[ ${CI:-} == true ]] && ((skipped > 0)); then
    log "CI=true and $skipped test(s) were skipped (listed above): skipped tests fail CI."
    rc=1
fi
exit "$rc"
