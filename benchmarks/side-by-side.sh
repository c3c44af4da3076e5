#!/usr/bin/env bash
# Times the same work in LotteryTickets, in plain TorchSharp (hand-written, no library) and in PyTorch Python,
# alternating runs so all three see the same machine conditions, and prints the medians and the ratios to PyTorch
# (below 1.0 means faster than PyTorch).
#   lenet  (default)  the masked LeNet-300-100 Adam step, batch 60 (N = steps per repeat)
#   imp               one IMP level on Fashion-MNIST, LeNet-300-100 (N = iterations per level; 3 levels)
#   resnet            the masked ResNet-20 SGD-momentum step, batch 128 (N = steps per repeat)
# Usage: bash benchmarks/side-by-side.sh [rounds] [N] [lenet|imp|resnet] [extra options for all three, e.g. --prune 0]
# C# runs TorchSharp's libtorch; Python runs Debian's python3-torch (1.13) over OpenBLAS (libopenblas0-pthread;
# without it Debian's torch falls back to the reference BLAS and is about 8x slower), installed here when missing.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-3}"
work="${2:-}"
what="${3:-lenet}"
extra=("${@:4}")
cd "$root"

missing=()
for p in python3-torch libopenblas0-pthread dataset-fashion-mnist; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "Installing: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

dotnet build -c Release benchmarks/LotteryTickets.Benchmarks -nologo -v quiet >/dev/null
bench=(dotnet benchmarks/LotteryTickets.Benchmarks/bin/Release/net10.0/LotteryTickets.Benchmarks.dll)
case "$what" in
  lenet)  n="${work:-2000}"; cs=(step-loop --steps "$n"); py=(benchmarks/python/lenet_step.py --steps "$n"); field=step_us_median; unit="us/step" ;;
  imp)    n="${work:-1000}"; cs=(imp-level --iterations "$n" --levels 3); py=(benchmarks/python/imp_level.py --iterations "$n" --levels 3); field=level_s_median; unit="s/level" ;;
  resnet) n="${work:-200}"; cs=(resnet-step --steps "$n"); py=(benchmarks/python/resnet_step.py --steps "$n"); field=step_us_median; unit="us/step" ;;
  *) echo "error: unknown benchmark '$what'; give lenet, imp or resnet." >&2; exit 2 ;;
esac

out="$root/artifacts/benchmarks"
mkdir -p "$out"
log="$out/side-by-side-$what.jsonl"
: > "$log"
for _ in $(seq "$rounds"); do
  "${bench[@]}" "${cs[@]}" --impl library "${extra[@]}" | tee -a "$log"
  "${bench[@]}" "${cs[@]}" --impl plain "${extra[@]}" | tee -a "$log"
  /usr/bin/python3 "${py[@]}" "${extra[@]}" | tee -a "$log"
done
/usr/bin/python3 - "$log" "$field" "$unit" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip().startswith("{")]
field, unit = sys.argv[2], sys.argv[3]
def median(prefix):
    return statistics.median(r[field] for r in rows if r["runtime"].startswith(prefix))
lib, plain, py = median("LotteryTickets"), median("TorchSharp plain"), median("pytorch-python")
print(f"LotteryTickets: {lib:.4g} {unit}   plain TorchSharp: {plain:.4g} {unit}   PyTorch Python: {py:.4g} {unit}")
print(f"ratios to PyTorch: LotteryTickets {lib / py:.3f}, plain TorchSharp {plain / py:.3f}; LotteryTickets / plain TorchSharp {lib / plain:.3f}")
PY
