#!/usr/bin/env bash
# Times one experiment (samples/experiments/lenet-fashion-mnist.yaml) four ways on fresh stores — one process with
# 1 and with 2 libtorch threads, two processes on one store, two shards — and compares every file of the stores.
# Usage: bash benchmarks/many-processes.sh   (needs bc; the data set as for the demo)
set -u
cd "$(dirname "${BASH_SOURCE[0]}")/.."
file=samples/experiments/lenet-fashion-mnist.yaml
out="${TMPDIR:-/tmp}/lottery-bench-cli"
dir="${TMPDIR:-/tmp}/lottery-bench-many"
dotnet publish src/LotteryTickets.Cli -c Release -o "$out" -nologo -v quiet >/dev/null || exit 1
lottery() { dotnet "$out/lottery.dll" "$@"; }
now() { date +%s.%N; }
rm -rf "$dir"; mkdir -p "$dir"

s=$(now); LOTTERYTICKETS_NUM_THREADS=1 lottery run "$file" --store "$dir/one1" > "$dir/one1.log" 2>&1
echo "one process, 1 thread: rc=$? $(echo "$(now) - $s" | bc) s"
s=$(now); LOTTERYTICKETS_NUM_THREADS=2 lottery run "$file" --store "$dir/one2" > "$dir/one2.log" 2>&1
echo "one process, 2 threads: rc=$? $(echo "$(now) - $s" | bc) s"
s=$(now)
for i in 0 1; do LOTTERYTICKETS_NUM_THREADS=1 lottery run "$file" --store "$dir/two" > "$dir/two$i.log" 2>&1 & done; wait
echo "two processes, 1 thread each: $(echo "$(now) - $s" | bc) s"
s=$(now)
for i in 0 1; do LOTTERYTICKETS_NUM_THREADS=1 lottery run "$file" --store "$dir/shards" --shard "$i/2" > "$dir/shard$i.log" 2>&1 & done; wait
echo "two shards, 1 thread each: $(echo "$(now) - $s" | bc) s"

sums() { (cd "$dir/$1"/*/ && find . -type f | sort | xargs sha256sum) > "$dir/$1.sums"; }
for x in one1 one2 two shards; do sums "$x"; done
echo "files: $(wc -l < "$dir/one1.sums")"
for x in one2 two shards; do
  if diff -q "$dir/one1.sums" "$dir/$x.sums" > /dev/null; then echo "$x: identical to one process, 1 thread"
  else echo "$x: differs in $(diff "$dir/one1.sums" "$dir/$x.sums" | grep -c '^>') files"; fi
done
