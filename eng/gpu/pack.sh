#!/usr/bin/env bash
# Packs what a GPU machine without .NET needs to run the GPU tests and benchmarks (docs/gpu.md).
# Run here, with the .NET SDK. Publishes the test projects as self-contained linux-x64 executables
# (NUnit's Microsoft.Testing.Platform runner, EnableNUnitRunner=true: no 'dotnet' needed to run them)
# and the benchmarks runner, all into one folder that shares one copy of the .NET runtime, trims what
# a run does not need (the CPU native shim, rebuilt there against CUDA; code coverage; satellite
# resources; XML docs), and compresses it:
#   artifacts/gpu-bundle/            the bundle (bin/, the runners; run.sh uses it in place when present)
#   artifacts/gpu-bundle.tar.xz      the same, compressed: the one file to carry to the GPU machine
# Usage: bash eng/gpu/pack.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

bundle="$root/artifacts/gpu-bundle"
rm -rf "$bundle" "$bundle.tar.xz"
mkdir -p "$bundle/bin"

projects=(
  tests/LotteryTickets.Torch.Tests
  tests/LotteryTickets.Datasets.Tests
  tests/LotteryTickets.Tests
  benchmarks/LotteryTickets.Benchmarks
)
for project in "${projects[@]}"; do
  echo "publishing $project"
  dotnet publish "$project" -c Release -r linux-x64 --self-contained \
    -p:EnableNUnitRunner=true -p:UseAppHost=true \
    -o "$bundle/bin" -nologo -v quiet
done

# What a run on the GPU machine does not use.
rm -rf "$bundle/bin/runtimes/linux-x64/native/libLotteryTicketsTorchNative.so" \
       "$bundle/bin/Microsoft.CodeCoverage" "$bundle/bin/createdump"
for culture in cs de es fr it ja ko pl pt-BR ru tr zh-Hans zh-Hant; do rm -rf "$bundle/bin/$culture"; done
find "$bundle/bin" -maxdepth 1 -name 'LotteryTickets*.xml' -delete

cp eng/gpu/run.sh "$bundle/run.sh"
git rev-parse HEAD > "$bundle/commit.txt" 2>/dev/null || true
(cd "$root/artifacts" && tar -cf - gpu-bundle | xz -T0 -6 > gpu-bundle.tar.xz)
echo "bundle: $bundle ($(du -sh "$bundle" | cut -f1)), compressed: artifacts/gpu-bundle.tar.xz ($(du -h "$bundle.tar.xz" | cut -f1))"
