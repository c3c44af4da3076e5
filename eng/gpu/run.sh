#!/usr/bin/env bash
# Runs the GPU proof on a Linux machine with an NVIDIA GPU and a Python torch built with CUDA, and no .NET
# (docs/gpu.md). Run from the repository root (or as the run.sh inside the bundle), after carrying the bundle
# made by eng/gpu/pack.sh (artifacts/gpu-bundle/ or artifacts/gpu-bundle.tar.xz):
#   1. records the environment (GPU, driver, Python torch and its lib/ folder, libstdc++),
#   2. makes TorchSharp load the Python torch's own libtorch (LD_LIBRARY_PATH=<torch>/lib: TorchSharp loads
#      libtorch_cuda.so by name, and libLibTorchSharp.so from the bundle resolves libtorch.so, libc10.so,
#      libtorch_cpu.so there), checks libLibTorchSharp.so's symbols against those libraries (ldd -r), then runs
#      the cheap load check: 'LotteryTickets.Benchmarks engine-check' (a CUDA tensor, one matmul). If that
#      fails, OUT gets the loader error and the missing symbols, demangled, and the run stops (exit 1),
#   3. runs the test category Gpu of every test runner in the bundle (NUnit XML + logs),
#   4. runs the GPU benchmarks side by side with PyTorch eager on the same GPU,
#   5. writes everything, and summary.md, into OUT.
# Usage: bash eng/gpu/run.sh OUT [--allow-cpu] [--device cuda|cpu] [--quick] [--rounds N] [--torch-lib DIR|bundled]
#                                [--bundle DIR|FILE.tar.xz] [--bandwidth-gbs B] [--skip-tests] [--skip-benchmarks] [--all-tests] [--check-only]
#   --allow-cpu      accept a libtorch without CUDA or no GPU (to check this script on a CPU machine)
#   --device         the load check's and the benchmarks' device (default cuda; cpu with --allow-cpu and a CPU libtorch)
#   --quick          tiny benchmark sizes (a smoke test; CPU checks)
#   --rounds N       benchmark rounds, each C# then Python (default 3)
#   --torch-lib      the folder holding libtorch*.so (default: the lib/ folder of PYTHON's torch), or 'bundled':
#                    the CPU libtorch kept in the bundle by 'pack.sh --keep-cpu-libtorch' (needs --allow-cpu)
#   --bundle         the bundle folder (holding bin/) or tarball (default: the folder holding this script when it
#                    is the bundle's own run.sh, else artifacts/gpu-bundle/, artifacts/gpu-bundle.tar.xz,
#                    ./gpu-bundle.tar.xz; a tarball is unpacked into /tmp/lt-gpu, or $LT_GPU_UNPACK_DIR)
#   --bandwidth-gbs  the GPU's peak memory bandwidth for the pruning bound (default: from the Python torch's device
#                    properties, 2 × memory clock × bus width; 0 leaves the bound out)
#   --all-tests      run every test, not only the category Gpu (checks TorchSharp against this libtorch)
#   --check-only     stop after the load check
#   PYTHON=...       the Python that holds torch (default python3)
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." 2>/dev/null && pwd)"
[ $# -ge 1 ] && [ "${1#-}" = "$1" ] || { sed -n '2,29p' "$0"; exit 2; }
out="$(mkdir -p "$1" && cd "$1" && pwd)"; shift
allow_cpu=0; device=""; quick=0; rounds=3; torch_lib=""; bundle_arg=""; bandwidth=""; tests=1; benchmarks=1
filter="TestCategory=Gpu"; check_only=0
while [ $# -gt 0 ]; do
  case "$1" in
    --allow-cpu) allow_cpu=1 ;;
    --device) device="$2"; shift ;;
    --quick) quick=1 ;;
    --rounds) rounds="$2"; shift ;;
    --torch-lib) torch_lib="$2"; shift ;;
    --bundle) bundle_arg="$2"; shift ;;
    --bandwidth-gbs) bandwidth="$2"; shift ;;
    --skip-tests) tests=0 ;;
    --skip-benchmarks) benchmarks=0 ;;
    --all-tests) filter="" ;;
    --check-only) check_only=1 ;;
    *) echo "error: unknown option '$1'" >&2; exit 2 ;;
  esac
  shift
done
py="${PYTHON:-python3}"
log() { echo "[$(date +%H:%M:%S)] $*" | tee -a "$out/run.log"; }
: > "$out/run.log"
status=0
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# Writes summary.md from whatever OUT holds so far (called at the end, and when the load check stops the run).
summarize() {
  "$py" - "$out" <<'PY' | tee "$out/summary.md"
import glob, json, os, re, statistics, sys
out = sys.argv[1]
def read(name):
    p = os.path.join(out, name)
    return open(p, encoding="utf-8", errors="replace").read().strip() if os.path.exists(p) else ""
print("# GPU run\n\n```\n" + read("environment.txt") + "\n```\n")
print("## Load check\n")
check = read("engine-check.json")
last = check.splitlines()[-1] if check else ""
try:
    row = json.loads(last)
except ValueError:
    row = None
if row and row.get("ok"):
    print("TorchSharp loaded this libtorch: `" + last + "`\n")
else:
    print("**TorchSharp did not load this libtorch** (engine-check.err, engine-check.ld-debug.txt):\n")
    err = read("engine-check.err").splitlines()
    print("```\n" + "\n".join((last and [last] or []) + err[:40]) + "\n```\n")
    loader = read("engine-check.loader-errors.txt")
    if loader:
        print("The dynamic loader's errors (count, message; engine-check.loader-errors.txt):\n\n```\n" + loader + "\n```\n")
missing = [l for l in read("missing-symbols.txt").splitlines() if l.strip()]
own = [l.split("\t", 1)[-1] for l in missing if l.startswith("libLibTorchSharp.so\t")]
if missing:
    print(f"`ldd -r libLibTorchSharp.so` against this libtorch: {len(own)} symbols libLibTorchSharp.so needs are not "
          f"defined, {len(missing) - len(own)} more are missing among the libtorch's own libraries (missing-symbols.txt, ldd-r.txt):\n")
    shown = own[:40] if own else missing[:40]
    print("```\n" + "\n".join(shown) + ("\n…" if len(shown) == 40 else "") + "\n```\n")
elif os.path.exists(os.path.join(out, "ldd-r.txt")):
    print("`ldd -r libLibTorchSharp.so` against this libtorch: no undefined symbols.\n")
xmls = sorted(glob.glob(os.path.join(out, "tests", "**", "*.xml"), recursive=True))
if xmls:
    print("## Tests\n\n| runner | total | passed | failed | skipped |\n|---|---|---|---|---|")
    for xml in xmls:
        head = open(xml, encoding="utf-8", errors="replace").read(4000)
        m = re.search(r"<test-run [^>]*", head)
        get = lambda k: (re.search(k + r'="(\d+)"', m.group(0)) or [None, "?"])[1] if m else "?"
        print(f"| {os.path.basename(xml)[:-4]} | {get('total')} | {get('passed')} | {get('failed')} | {get('skipped')} |")
path = os.path.join(out, "benchmarks.jsonl")
rows = []
if os.path.exists(path):
    for l in open(path, encoding="utf-8"):
        try:
            rows.append(json.loads(l))
        except ValueError:
            pass
if rows:
    print("\n## Benchmarks (median of the rounds' medians)\n\n| benchmark | runtime | median | bound / ratio |\n|---|---|---|---|")
    groups = {}
    for r in rows:
        groups.setdefault((r.get("benchmark", "?"), r.get("runtime", "?")), []).append(r)
    for (b, rt), rs in groups.items():
        key = "step_us_median" if "step_us_median" in rs[0] else "prune_ms_median"
        if key not in rs[0]:
            continue
        unit = "µs/step" if key.startswith("step") else "ms"
        med = statistics.median(r[key] for r in rs)
        bound = f"{rs[0]['bound_ms']:.3f} ms / {med / rs[0]['bound_ms']:.1f}×" if rs[0].get("bound_ms") else ""
        print(f"| {b} | {rt} | {med:,.1f} {unit} | {bound} |")
    gpu = next((r.get("gpu") for r in rows if r.get("gpu")), None)
    if gpu:
        print(f"\nGPU: {gpu}")
PY
}

# 1. Environment, and the Python torch's lib/ folder.
if [ -z "$torch_lib" ]; then
  torch_lib="$("$py" -c 'import os, torch; print(os.path.join(os.path.dirname(torch.__file__), "lib"))' 2>/dev/null)"
  [ -n "$torch_lib" ] || { log "error: '$py' cannot import torch; set PYTHON=... or give --torch-lib DIR"; exit 1; }
fi
{
  echo "date: $(date -u +%FT%TZ)"; uname -a
  command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,memory.total,driver_version,clocks.max.memory --format=csv
  "$py" -c 'import torch, sys; print("python", sys.version.split()[0]); print("torch", torch.__version__, "cuda", torch.version.cuda, "available", torch.cuda.is_available())'
  echo "libtorch for TorchSharp: $torch_lib"
  echo "glibc: $(ldd --version 2>&1 | head -1)"
  libstdcxx="$(ldconfig -p 2>/dev/null | awk '/libstdc\+\+\.so\.6 .*x86-64/ {print $NF; exit}')"
  [ -n "$libstdcxx" ] && echo "libstdc++: $libstdcxx, newest $(grep -ao 'GLIBCXX_3\.4\.[0-9]*' "$libstdcxx" | sort -t. -k3 -n -u | tail -1)"
} > "$out/environment.txt" 2>&1
log "environment: $(grep -E '^torch' "$out/environment.txt")"

# 2. The bundle: in place, or unpacked from the tarball.
bin=""
candidates=("$bundle_arg")
[ -n "$bundle_arg" ] || candidates=("$here" "$root/artifacts/gpu-bundle" "$root/artifacts/gpu-bundle.tar.xz" "$PWD/gpu-bundle.tar.xz")
for candidate in "${candidates[@]}"; do
  if [ -d "$candidate" ] && [ -x "$candidate/bin/LotteryTickets.Benchmarks" ]; then
    bin="$(cd "$candidate/bin" && pwd)"; break
  elif [ -f "$candidate" ]; then
    unpack="${LT_GPU_UNPACK_DIR:-/tmp/lt-gpu}"
    mkdir -p "$unpack" && rm -rf "$unpack/gpu-bundle"
    log "unpacking $candidate into $unpack"
    if command -v xz >/dev/null; then xz -dc "$candidate" | tar -xf - -C "$unpack"
    else "$py" -c 'import sys, tarfile; tarfile.open(sys.argv[1]).extractall(sys.argv[2])' "$candidate" "$unpack"; fi
    [ -x "$unpack/gpu-bundle/bin/LotteryTickets.Benchmarks" ] && bin="$unpack/gpu-bundle/bin" && break
  fi
done
[ -n "$bin" ] || { log "error: no bundle: run 'bash eng/gpu/pack.sh' where .NET is installed and carry artifacts/gpu-bundle.tar.xz (or give --bundle)"; exit 1; }
log "bundle: $bin ($(head -1 "$bin/../commit.txt" 2>/dev/null || echo 'commit unknown'))"
pydir="$bin/../python"; [ -f "$root/benchmarks/python/resnet_step.py" ] && pydir="$root/benchmarks/python"

# 3. TorchSharp against this libtorch: which libtorch, its symbols, then the load check.
if [ "$torch_lib" = bundled ]; then
  [ "$allow_cpu" = 1 ] || { log "error: --torch-lib bundled is the CPU libtorch; it needs --allow-cpu"; exit 2; }
  [ -f "$bin/libtorch_cpu.so" ] || { log "error: the bundle has no CPU libtorch; pack it with 'pack.sh --keep-cpu-libtorch' or give --torch-lib DIR"; exit 1; }
  libdir="$bin"; ld_path="${LD_LIBRARY_PATH:-}"
else
  [ -f "$torch_lib/libtorch_cpu.so" ] || { log "error: no libtorch_cpu.so in $torch_lib (--torch-lib)"; exit 1; }
  if [ -f "$bin/libtorch_cpu.so" ]; then
    log "error: the bundle carries its own CPU libtorch (pack.sh --keep-cpu-libtorch), which TorchSharp would load" \
        "before $torch_lib; use --torch-lib bundled --allow-cpu, or pack without --keep-cpu-libtorch"
    exit 1
  fi
  libdir="$(cd "$torch_lib" && pwd)"
  ld_path="$libdir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
fi
# Runs a command of the bundle (or ldd) against that libtorch; Python keeps its own environment. NUGET_PACKAGES
# points nowhere so that TorchSharp's fallback (copying a libtorch out of a NuGet cache into bin/) cannot stand in
# for the libtorch under test where a NuGet cache exists.
lt() { LD_LIBRARY_PATH="$ld_path" NUGET_PACKAGES=/nonexistent/lt-gpu-no-nuget-cache "$@"; }
if [ -f "$libdir/libtorch_cuda.so" ]; then has_cuda_lib=1; else has_cuda_lib=0; fi
log "libtorch: $libdir (libtorch_cuda.so: $([ $has_cuda_lib = 1 ] && echo yes || echo no)); LD_LIBRARY_PATH for the bundle: ${ld_path:-(none)}"
if [ "$has_cuda_lib" = 0 ] && [ "$allow_cpu" = 0 ]; then
  log "error: $libdir has no libtorch_cuda.so: this torch has no CUDA (--allow-cpu accepts that)"; exit 1
fi
if [ -z "$device" ]; then
  device=cuda
  [ "$allow_cpu" = 1 ] && [ "$has_cuda_lib" = 0 ] && device=cpu
fi

# Symbols: every symbol libLibTorchSharp.so needs that this libtorch lacks (TorchSharp 0.107 is built for libtorch 2.10).
# missing-symbols.txt: one line per symbol, "<library that needs it><TAB><symbol, demangled>", libLibTorchSharp.so's first.
demangle() { if command -v c++filt >/dev/null; then c++filt; else cat; fi; }
lt ldd -r "$bin/libLibTorchSharp.so" > "$out/ldd-r.txt" 2>&1
sed -n 's/^undefined symbol: \([^[:space:]]*\)[[:space:]]*(\(.*\))$/\2\t\1/p' "$out/ldd-r.txt" \
  | awk -F'\t' '{ n = split($1, p, "/"); print (p[n] == "libLibTorchSharp.so" ? "0" : "1") "\t" p[n] "\t" $2 }' \
  | sort -u | cut -f2- | demangle > "$out/missing-symbols.txt"
grep -E "not found|=> not" "$out/ldd-r.txt" | grep -v "weak version" | tee -a "$out/run.log"
own=$(grep -c "^libLibTorchSharp.so"$'\t' "$out/missing-symbols.txt")
log "ldd -r libLibTorchSharp.so: $own symbols it needs are undefined in this libtorch, $(( $(wc -l < "$out/missing-symbols.txt") - own )) more in the libtorch's own libraries (missing-symbols.txt)"

log "load check: LotteryTickets.Benchmarks engine-check --device $device"
(cd "$bin" && lt timeout 300 ./LotteryTickets.Benchmarks engine-check --device "$device" </dev/null) \
  > "$out/engine-check.json" 2> "$out/engine-check.err"
rc=$?
if [ $rc -ne 0 ] || ! grep -q '"ok": *true' "$out/engine-check.json"; then
  grep -q '"check"' "$out/engine-check.json" ||
    echo "(no JSON line from engine-check: does this LotteryTickets.Benchmarks have the engine-check mode? exit $rc)" >> "$out/engine-check.err"
  # The dynamic loader's view of the same load, for what the exception does not say.
  (cd "$bin" && export LD_DEBUG=libs,versions LD_DEBUG_OUTPUT="$out/ld-debug" && lt timeout 300 \
     ./LotteryTickets.Benchmarks engine-check --device "$device" </dev/null) >/dev/null 2>&1
  cat "$out"/ld-debug.* 2>/dev/null | grep -E "error|fatal|not found|cannot" | grep -v "trying file=" \
    | grep -F -e "$libdir" -e LibTorchSharp | sed 's/^ *[0-9]*:[[:space:]]*//' | sort | uniq -c | sort -rn | head -100 \
    | demangle > "$out/engine-check.loader-errors.txt"
  { echo "# LD_DEBUG=libs,versions of the load check"; cat "$out"/ld-debug.* 2>/dev/null | head -c 4000000; } > "$out/engine-check.ld-debug.txt"
  rm -f "$out"/ld-debug.*
  log "FAILED: the load check (exit $rc): $(head -c 300 "$out/engine-check.err" | tr '\n' ' ')"
  [ -s "$out/engine-check.loader-errors.txt" ] && log "the dynamic loader says: $(head -3 "$out/engine-check.loader-errors.txt" | sed 's/^ *[0-9]* //' | tr '\n' ' ')"
  summarize > /dev/null
  log "stopped after the load check: see $out/summary.md, engine-check.err, missing-symbols.txt"
  exit 1
fi
log "load check: $(tail -n 1 "$out/engine-check.json")"
if [ "$check_only" = 1 ]; then summarize > /dev/null; log "done (--check-only): $out"; exit 0; fi

# 4. Tests: NUnit XML per runner in tests/, console logs beside them.
if [ "$tests" = 1 ]; then
  mkdir -p "$out/tests"
  cat > "$out/tests/nunit.runsettings" <<XML
<RunSettings><NUnit><TestOutputXml>$out/tests</TestOutputXml><OutputXmlFolderMode>AsSpecified</OutputXmlFolderMode></NUnit></RunSettings>
XML
  for runner in LotteryTickets.Datasets.Tests LotteryTickets.Tests; do
    [ -x "$bin/$runner" ] || { log "missing runner: $runner"; status=1; continue; }
    log "tests: $runner ${filter:-(all)}"
    args=(--settings "$out/tests/nunit.runsettings" --results-directory "$out/tests/$runner" --no-progress --no-ansi
          --output detailed --ignore-exit-code 8)
    [ -n "$filter" ] && args+=(--filter "$filter")
    (cd "$bin" && lt "./$runner" "${args[@]}" </dev/null) > "$out/tests/$runner.log" 2>&1 || { status=1; log "FAILED: $runner (tests/$runner.log)"; }
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
  run() { local shown="$*"; log "benchmark: ${shown#lt }"; "$@" 2>>"$out/benchmarks.err" </dev/null | tee -a "$bench" || { status=1; log "FAILED: $*"; }; }
  for _ in $(seq "$rounds"); do
    run lt "$bin/LotteryTickets.Benchmarks" resnet-step --device "$device" "${step[@]}"
    run "$py" "$pydir/resnet_step.py" --device "$device" "${step[@]}"
  done
  # The pruning bound's peak memory bandwidth: 2 × memory clock × bus width, as the Python torch reports the device.
  if [ -z "$bandwidth" ]; then
    bandwidth="$("$py" - "$device" <<'PY' 2>/dev/null || echo 0
import sys, torch
d = torch.device(sys.argv[1])
if d.type != "cuda" or not torch.cuda.is_available():
    print(0); sys.exit()
p = torch.cuda.get_device_properties(d.index or 0)
clock_khz, bus_bits = getattr(p, "memory_clock_rate", 0), getattr(p, "memory_bus_width", 0)
print(f"{2 * clock_khz * 1e3 * bus_bits / 8 / 1e9:.1f}")
PY
)"
  fi
  log "peak memory bandwidth for the pruning bound: ${bandwidth:-0} GB/s (0: no bound)"
  for _ in $(seq "$rounds"); do
    run lt "$bin/LotteryTickets.Benchmarks" global-prune --device "$device" "${prune[@]}" --bandwidth-gbs "${bandwidth:-0}"
    run "$py" "$pydir/global_prune.py" --device "$device" "${prune[@]}" --bandwidth-gbs "${bandwidth:-0}"
  done
fi

# 6. summary.md: environment, load check, test counts from the NUnit XML, medians of the benchmark runs.
summarize
log "done (status $status): $out"
exit "$status"
