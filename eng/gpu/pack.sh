#!/usr/bin/env bash
# Packs what a GPU machine without .NET needs to run the GPU tests and benchmarks (docs/gpu.md).
# Run here, with the .NET SDK. Publishes the test projects as self-contained linux-x64 executables
# (NUnit's Microsoft.Testing.Platform runner, EnableNUnitRunner=true: no 'dotnet' needed to run them)
# and the benchmarks runner, all into one folder that shares one copy of the .NET runtime. Then it
# leaves out what a GPU run does not use:
#   - the CPU libtorch that TorchSharp-cpu brings (every native file of the libtorch-cpu-* packages, read
#     from the runners' .deps.json: libtorch*.so, libc10.so, libgomp-*.so.1, libshm.so, test backends …);
#     on the GPU machine TorchSharp loads the libtorch of the Python torch instead (eng/gpu/run.sh).
#     libLibTorchSharp.so, TorchSharp's own native library, stays: the publish has already marked its
#     GLIBCXX_3.4.32 requirement weak where this machine's libstdc++ lacks it (LotteryTickets.targets);
#   - code coverage, createdump, satellite resources, the library's XML docs;
# and compresses it:
#   artifacts/gpu-bundle/            the bundle (bin/ the runners, python/ the PyTorch benchmark scripts,
#                                    run.sh); run.sh uses it in place when present
#   artifacts/gpu-bundle.tar.xz      the same, compressed: the one file to carry to the GPU machine
# Build outputs go under artifacts/gpu-publish/ (--artifacts-path), not into the projects' bin/ and obj/.
# Usage: bash eng/gpu/pack.sh [--keep-cpu-libtorch] [--no-compress]
#   --keep-cpu-libtorch   keep the CPU libtorch in bin/ (about 470 MB more before compression): lets
#                         'run.sh OUT --allow-cpu --torch-lib bundled' run on a machine with no libtorch at all
#   --no-compress         leave out the .tar.xz (run.sh uses artifacts/gpu-bundle/ in place)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
keep_cpu=0; compress=1
while [ $# -gt 0 ]; do
  case "$1" in
    --keep-cpu-libtorch) keep_cpu=1 ;;
    --no-compress) compress=0 ;;
    *) echo "error: unknown option '$1' (see the head of $0)" >&2; exit 2 ;;
  esac
  shift
done
py="$(command -v python3 || true)"
[ -n "$py" ] || { echo "error: pack.sh needs python3 (to read the runners' .deps.json)" >&2; exit 1; }

bundle="$root/artifacts/gpu-bundle"
rm -rf "$bundle" "$bundle.tar.xz"
mkdir -p "$bundle/bin"

projects=(
  tests/LotteryTickets.Datasets.Tests
  tests/LotteryTickets.Tests
  benchmarks/LotteryTickets.Benchmarks
)
for project in "${projects[@]}"; do
  echo "publishing $project"
  dotnet publish "$project" -c Release -r linux-x64 --self-contained \
    --artifacts-path "$root/artifacts/gpu-publish" \
    -p:EnableNUnitRunner=true -p:UseAppHost=true \
    -o "$bundle/bin" -nologo -v quiet -clp:NoSummary
done

# The CPU libtorch: every native asset of a libtorch-cpu* package named in any runner's .deps.json.
mapfile -t cpu_natives < <("$py" - "$bundle/bin" <<'PY'
import glob, json, os, sys
names = set()
for deps in glob.glob(os.path.join(sys.argv[1], "*.deps.json")):
    d = json.load(open(deps, encoding="utf-8"))
    for target in d.get("targets", {}).values():
        for lib, assets in target.items():
            if lib.lower().startswith("libtorch-cpu"):
                names.update(os.path.basename(p) for p in assets.get("native", {}))
print("\n".join(sorted(names)))
PY
)
[ "${#cpu_natives[@]}" -gt 0 ] || { echo "error: no libtorch-cpu native assets found in the .deps.json files; is TorchSharp-cpu still referenced?" >&2; exit 1; }
if [ "$keep_cpu" = 0 ]; then
  for name in "${cpu_natives[@]}"; do
    [ "$name" = libLibTorchSharp.so ] || rm -f "$bundle/bin/$name"
  done
  echo "left out the CPU libtorch: ${cpu_natives[*]}"
else
  echo "kept the CPU libtorch (--keep-cpu-libtorch)"
fi

# libLibTorchSharp.so must be there, and must not demand a libstdc++ newer than the one where it will run.
lts="$bundle/bin/libLibTorchSharp.so"
[ -f "$lts" ] || { echo "error: $lts is missing from the publish" >&2; exit 1; }
if readelf -V "$lts" 2>/dev/null | grep -q "Name: GLIBCXX_3.4.32  Flags: none"; then
  echo "warning: $lts requires GLIBCXX_3.4.32 strictly (this machine's libstdc++ has it, so the publish left it as" \
       "shipped); a GPU machine with an older libstdc++ (Debian 12, Ubuntu 22.04) will refuse it" >&2
fi

# What a run on the GPU machine does not use.
rm -rf "$bundle/bin/Microsoft.CodeCoverage" "$bundle/bin/createdump"
for culture in cs de es fr it ja ko pl pt-BR ru tr zh-Hans zh-Hant; do rm -rf "$bundle/bin/$culture"; done
find "$bundle/bin" -maxdepth 1 -name 'LotteryTickets*.xml' -delete

cp eng/gpu/run.sh "$bundle/run.sh"
mkdir -p "$bundle/python" && cp benchmarks/python/*.py "$bundle/python/"
{
  git rev-parse HEAD 2>/dev/null || echo "commit unknown"
  git status --porcelain 2>/dev/null | grep -q . && echo "(with uncommitted changes)"
  echo "packed $(date -u +%FT%TZ)$([ "$keep_cpu" = 1 ] && echo ', CPU libtorch kept')"
} > "$bundle/commit.txt" || true
echo "bundle: $bundle ($(du -sh "$bundle" | cut -f1))"
if [ "$compress" = 1 ]; then
  (cd "$root/artifacts" && tar -cf - gpu-bundle | xz -T0 -9 > gpu-bundle.tar.xz)
  size=$(stat -c %s "$bundle.tar.xz")
  echo "compressed: artifacts/gpu-bundle.tar.xz ($size bytes, $(( (size + 1048575) / 1048576 )) MiB)"
fi
