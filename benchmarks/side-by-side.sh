#!/usr/bin/env bash
# Times the LeNet-300-100 training step (batch 60, Adam, CPU) in LotteryTickets and in PyTorch
# Python on the same libtorch, alternating runs so both see the same machine conditions, and prints
# the ratio of medians (C# / PyTorch; below 1.0 means LotteryTickets is faster).
# Usage: bash benchmarks/side-by-side.sh [rounds] [steps]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-3}"
steps="${2:-2000}"
cd "$root"
bash eng/install-deps.sh
dotnet build -c Release benchmarks/LotteryTickets.Benchmarks -nologo -v quiet >/dev/null
out="$root/artifacts/benchmarks"
mkdir -p "$out"
: > "$out/side-by-side.jsonl"
for _ in $(seq "$rounds"); do
  dotnet benchmarks/LotteryTickets.Benchmarks/bin/Release/net10.0/LotteryTickets.Benchmarks.dll step-loop --steps "$steps" | tee -a "$out/side-by-side.jsonl"
  /usr/bin/python3 benchmarks/python/lenet_step.py --steps "$steps" | tee -a "$out/side-by-side.jsonl"
done
/usr/bin/python3 - "$out/side-by-side.jsonl" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
cs = [r["step_us_median"] for r in rows if r["runtime"].startswith("LotteryTickets")]
py = [r["step_us_median"] for r in rows if r["runtime"].startswith("pytorch")]
c, p = statistics.median(cs), statistics.median(py)
print(f"LotteryTickets: {c:.1f} us/step   PyTorch Python: {p:.1f} us/step   ratio (C#/PyTorch): {c / p:.3f}")
PY
