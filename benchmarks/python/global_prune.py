"""Global magnitude pruning of a VGG-19-sized parameter set (about 20M weights) in PyTorch eager, timed.

The same work as `LotteryTickets.Benchmarks global-prune` (GlobalPrune.cs): open_lth's CIFAR VGG-19
weights (sixteen 3x3 convolutions, 64..512 channels, and a 512->10 linear layer; 20,024,000 weights),
drawn once on the device, a dense mask, and 20% of the remaining weights pruned by |w| under one global
threshold. Two PyTorch forms are timed:
  - "threshold": the idiomatic eager code (cat |w| of the remaining weights, kthvalue, compare per layer);
  - "sorted": the library's algorithm (a seeded random permutation for ties, a stable sort, a scatter),
    so that the C# figure can be read against the same work.
The bandwidth bound is 12 bytes per weight (read the weight and the mask, write the mask) over the GPU's
peak bandwidth (--bandwidth-gbs, default: the figure the C# runner printed, else none).

Usage: python3 benchmarks/python/global_prune.py [--device cuda] [--scale 1.0] [--repeats 5]
"""
import argparse
import json
import time

import torch

VGG19 = [64, 64, 128, 128, 256, 256, 256, 256, 512, 512, 512, 512, 512, 512, 512, 512]


def shapes(scale):
    result, cin = [], 3
    for width in VGG19:
        cout = max(1, round(width * scale))
        result.append((cout, cin, 3, 3))
        cin = cout
    result.append((10, cin))
    return result


def prune_threshold(weights, masks, rate):
    scores = torch.cat([(w.abs() * m).flatten() for w, m in zip(weights, masks)])
    remaining = int(sum(int(m.sum().item()) for m in masks))
    prune = -(-int(rate * remaining * 1e6) // int(1e6))  # ceil(rate * remaining) as the library counts
    n = scores.numel()
    cut = n - remaining + prune  # pruned so far (scored 0 here) plus the new ones
    threshold = torch.kthvalue(scores, cut).values if cut > 0 else scores.new_tensor(-1.0)
    return [((w.abs() * m) > threshold).to(m.dtype) * m for w, m in zip(weights, masks)]


def prune_sorted(weights, masks, rate, generator):
    flat = [torch.where(m.flatten() == 0, torch.full_like(w.flatten(), float("-inf"), dtype=torch.float64),
                        w.flatten().abs().double()) for w, m in zip(weights, masks)]
    scores = torch.cat(flat)
    n = scores.numel()
    remaining = int(sum(int(m.count_nonzero().item()) for m in masks))
    prune = -(-int(rate * remaining * 1e6) // int(1e6))
    cut = n - remaining + prune
    order = torch.randperm(n, generator=generator, device=scores.device)
    _, idx = torch.sort(scores.index_select(0, order), stable=True)
    keep = torch.ones(n, device=scores.device)
    keep.scatter_(0, order.index_select(0, idx[:cut]), 0.0)
    return [k.view_as(m) for k, m in zip(keep.split([m.numel() for m in masks]), masks)]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--bandwidth-gbs", type=float, default=0.0)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    device = torch.device(args.device)
    g = torch.Generator().manual_seed(0)
    weights = [torch.randn(s, generator=g).to(device) for s in shapes(args.scale)]
    masks = [torch.ones_like(w) for w in weights]
    n = sum(w.numel() for w in weights)
    tie = torch.Generator(device=device).manual_seed(1)

    def sync():
        if device.type == "cuda":
            torch.cuda.synchronize(device)

    for form in ("threshold", "sorted"):
        def once():
            sync()
            start = time.perf_counter()
            new = prune_threshold(weights, masks, 0.2) if form == "threshold" else prune_sorted(weights, masks, 0.2, tie)
            sync()
            return time.perf_counter() - start, int(sum(int(m.count_nonzero().item()) for m in new))

        for _ in range(args.warmup):
            once()
        runs = [once() for _ in range(args.repeats)]
        times = sorted(t * 1e3 for t, _ in runs)
        row = {
            "benchmark": "global_magnitude_prune_vgg19",
            "runtime": f"pytorch-python {torch.__version__} ({form})",
            "weights": n, "kept": runs[-1][1],
            "prune_ms_median": times[len(times) // 2], "prune_ms_min": times[0], "prune_ms_all": times,
        }
        if device.type == "cuda":
            props = torch.cuda.get_device_properties(device)
            row.update({"device": str(device), "gpu": props.name, "gpu_memory_bytes": props.total_memory})
        else:
            row.update({"device": "cpu", "threads": torch.get_num_threads()})
        if args.bandwidth_gbs > 0:
            bound_ms = 12.0 * n / (args.bandwidth_gbs * 1e9) * 1e3
            row.update({"bandwidth_gbs_used": args.bandwidth_gbs, "bound_bytes": 12 * n, "bound_ms": bound_ms,
                        "ratio_to_bound": row["prune_ms_median"] / bound_ms})
        print(json.dumps(row), flush=True)


if __name__ == "__main__":
    main()
