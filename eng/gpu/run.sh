#!/usr/bin/env bash
# Runs the GPU proof on a Linux machine with an NVIDIA GPU, a Python torch built with CUDA, CMake and
# g++, and no .NET (docs/gpu.md). Run from the repository root, after carrying the bundle made by
# eng/gpu/pack.sh (artifacts/gpu-bundle/ or artifacts/gpu-bundle.tar.xz):
#   1. builds the native shim with CMake against Python torch's libtorch
#      (torch.utils.cmake_prefix_path; CUDA required unless --allow-cpu),
#   2. points the managed side at it (LOTTERYTICKETS_NATIVE_LIBRARY),
#   3. runs the test category Gpu of every test runner in the bundle (NUnit XML + logs),
#   4. runs the GPU benchmarks side by side with PyTorch eager on the same GPU,
#   5. writes everything, and summary.md, into OUT.
# Usage: bash eng/gpu/run.sh OUT [--allow-cpu] [--device cuda|cpu] [--quick] [--rounds N]
#                                [--torch-prefix DIR] [--skip-tests] [--skip-benchmarks] [--all-tests]
#   --allow-cpu      accept a libtorch without CUDA (to check this script on a CPU machine)
#   --device         the benchmarks' device (default cuda)
#   --quick          tiny benchmark sizes (a smoke test; CPU checks)
#   --all-tests      run every test, not only the category Gpu (checks the shim against this libtorch)
#   PYTHON=...       the Python that holds torch (default python3)
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
[ $# -ge 1 ] || { sed -n '2,19p' "$0"; exit 2; }
out="$(mkdir -p "$1" && cd "$1" && pwd)"; shift
allow_cpu=0; device=cuda; quick=0; rounds=3; prefix=""; tests=1; benchmarks=1; filter="TestCategory=Gpu"
while [ $# -gt 0 ]; do
  case "$1" in
    --allow-cpu) allow_cpu=1 ;;
    --device) device="$2"; shift ;;
    --quick) quick=1 ;;
    --rounds) rounds="$2"; shift ;;
    --torch-prefix) prefix="$2"; shift ;;
    --skip-tests) tests=0 ;;
    --skip-benchmarks) benchmarks=0 ;;
    --all-tests) filter="" ;;
    *) echo "error: unknown option '$1'" >&2; exit 2 ;;
  esac
  shift
done
py="${PYTHON:-python3}"
log() { echo "[$(date +%H:%M:%S)] $*" | tee -a "$out/run.log"; }
status=0

# 1. Environment.
{
  echo "date: $(date -u +%FT%TZ)"; uname -a
  command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,memory.total,driver_version,clocks.max.memory --format=csv
  "$py" -c 'import torch, sys; print("python", sys.version.split()[0]); print("torch", torch.__version__, "cuda", torch.version.cuda, "available", torch.cuda.is_available())'
  cmake --version | head -1; g++ --version | head -1
} > "$out/environment.txt" 2>&1
log "environment: $(grep -E '^torch' "$out/environment.txt")"

# 2. The bundle: in place, or unpacked from the tarball.
bin="$root/artifacts/gpu-bundle/bin"
if [ ! -x "$bin/LotteryTickets.Torch.Tests" ]; then
  tarball="$root/artifacts/gpu-bundle.tar.xz"
  [ -f "$tarball" ] || { log "error: no bundle: run 'bash eng/gpu/pack.sh' where .NET is installed and carry artifacts/gpu-bundle.tar.xz"; exit 1; }
  mkdir -p /tmp/lt-gpu && rm -rf /tmp/lt-gpu/gpu-bundle
  if command -v xz >/dev/null; then xz -dc "$tarball" | tar -xf - -C /tmp/lt-gpu
  else "$py" -c 'import sys, tarfile; tarfile.open(sys.argv[1]).extractall(sys.argv[2])' "$tarball" /tmp/lt-gpu; fi
  bin=/tmp/lt-gpu/gpu-bundle/bin
fi
log "bundle: $bin ($(cat "$bin/../commit.txt" 2>/dev/null || echo 'commit unknown'))"

# 3. The native shim against this machine's libtorch.
[ -n "$prefix" ] || prefix="$("$py" -c 'import torch; print(torch.utils.cmake_prefix_path)')"
build="${LT_NATIVE_BUILD_DIR:-/tmp/lt-gpu/native}"   # outside OUT: object files need not come back
require=ON; [ "$allow_cpu" = 1 ] && require=OFF
log "building the native shim against $prefix (CUDA required: $require)"
if ! { cmake -S "$root/src/LotteryTickets.Torch/Native" -B "$build" -DCMAKE_BUILD_TYPE=Release \
         -DCMAKE_PREFIX_PATH="$prefix" -DLT_REQUIRE_CUDA=$require -Wno-dev &&
       cmake --build "$build" --parallel "$(nproc)"; } > "$out/native-build.log" 2>&1; then
  tail -40 "$out/native-build.log"; log "error: the native shim did not build (native-build.log)"; exit 1
fi
grep "LotteryTickets native shim" "$out/native-build.log" | tee -a "$out/run.log"
cp "$build/libLotteryTicketsTorchNative.so" "$out/" 2>/dev/null || true
export LOTTERYTICKETS_NATIVE_LIBRARY="$build/libLotteryTicketsTorchNative.so"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# 4. Tests: NUnit XML per runner in tests/, console logs beside them.
if [ "$tests" = 1 ]; then
  mkdir -p "$out/tests"
  cat > "$out/tests/nunit.runsettings" <<XML
<RunSettings><NUnit><TestOutputXml>$out/tests</TestOutputXml><OutputXmlFolderMode>AsSpecified</OutputXmlFolderMode></NUnit></RunSettings>
XML
  for runner in LotteryTickets.Torch.Tests LotteryTickets.Datasets.Tests LotteryTickets.Tests; do
    [ -x "$bin/$runner" ] || continue
    log "tests: $runner ${filter:-(all)}"
    args=(--settings "$out/tests/nunit.runsettings" --results-directory "$out/tests/$runner" --no-progress --no-ansi
          --output detailed --ignore-exit-code 8)
    [ -n "$filter" ] && args+=(--filter "$filter")
    (cd "$bin" && "./$runner" "${args[@]}") > "$out/tests/$runner.log" 2>&1 || { status=1; log "FAILED: $runner (tests/$runner.log)"; }
    grep -A6 "Test run summary" "$out/tests/$runner.log" | tee -a "$out/run.log"
  done
fi

# 5. Benchmarks, alternating LotteryTickets and PyTorch eager rounds; one JSON line per run.
if [ "$benchmarks" = 1 ]; then
  bench="$out/benchmarks.jsonl"; : > "$bench"
  if [ "$quick" = 1 ]; then
    step=(--batch 4 --size 8 --width 4 --steps 2 --warmup 1 --repeats 1); prune=(--scale 0.05 --repeats 1 --warmup 0)
  else
    step=(--batch 128 --size 32 --steps 200 --warmup 20 --repeats 5); prune=(--scale 1.0 --repeats 5 --warmup 2)
  fi
  run() { log "benchmark: $*"; "$@" 2>>"$out/benchmarks.err" | tee -a "$bench" || { status=1; log "FAILED: $*"; }; }
  for _ in $(seq "$rounds"); do
    run "$bin/LotteryTickets.Benchmarks" resnet-step --device "$device" "${step[@]}"
    run "$py" "$root/benchmarks/python/resnet_step.py" --device "$device" "${step[@]}"
  done
  for _ in $(seq "$rounds"); do
    run "$bin/LotteryTickets.Benchmarks" global-prune --device "$device" "${prune[@]}"
    bw="$(tail -n 1 "$bench" | "$py" -c 'import json,sys; print(json.loads(sys.stdin.read()).get("bandwidth_gbs_used", 0))' 2>/dev/null || echo 0)"
    run "$py" "$root/benchmarks/python/global_prune.py" --device "$device" "${prune[@]}" --bandwidth-gbs "$bw"
  done
fi

# 6. summary.md: environment, test counts from the NUnit XML, medians of the benchmark runs.
"$py" - "$out" <<'PY' | tee "$out/summary.md"
import glob, json, os, re, statistics, sys
out = sys.argv[1]
print("# GPU run\n\n```\n" + open(os.path.join(out, "environment.txt")).read().strip() + "\n```\n")
print("## Tests\n\n| runner | total | passed | failed | skipped |\n|---|---|---|---|---|")
for xml in sorted(glob.glob(os.path.join(out, "tests", "*.xml"))):
    head = open(xml, encoding="utf-8").read(4000)
    m = re.search(r"<test-run [^>]*", head)
    get = lambda k: (re.search(k + r'="(\d+)"', m.group(0)) or [None, "?"])[1] if m else "?"
    print(f"| {os.path.basename(xml)[:-4]} | {get('total')} | {get('passed')} | {get('failed')} | {get('skipped')} |")
path = os.path.join(out, "benchmarks.jsonl")
rows = [json.loads(l) for l in open(path)] if os.path.exists(path) else []
if rows:
    print("\n## Benchmarks (median of the rounds' medians)\n\n| benchmark | runtime | median | bound / ratio |\n|---|---|---|---|")
    groups = {}
    for r in rows:
        groups.setdefault((r["benchmark"], r["runtime"]), []).append(r)
    for (b, rt), rs in groups.items():
        key = "step_us_median" if "step_us_median" in rs[0] else "prune_ms_median"
        unit = "µs/step" if key.startswith("step") else "ms"
        med = statistics.median(r[key] for r in rs)
        bound = f"{rs[0]['bound_ms']:.3f} ms / {med / rs[0]['bound_ms']:.1f}×" if rs[0].get("bound_ms") else ""
        print(f"| {b} | {rt} | {med:,.1f} {unit} | {bound} |")
    gpu = next((r.get("gpu") for r in rows if r.get("gpu")), None)
    if gpu:
        print(f"\nGPU: {gpu}")
PY
log "done (status $status): $out"
exit "$status"
