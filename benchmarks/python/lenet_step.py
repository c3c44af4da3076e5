"""One masked LeNet-300-100 training step (batch 60, Adam, CPU) in PyTorch eager, timed.

The same step as benchmarks/LotteryTickets.Benchmarks step-loop (LeNetStep.cs, PlainLeNetStep.cs): 784-300-100-10
MLP with ReLU, cross-entropy, Adam(lr=1.2e-3), a fixed random batch of 60 28x28 images; the smallest --prune of
each hidden layer's weights (half of that of the output layer's) by |w| at initialization are set to zero after
every step under no_grad (--prune 0: the dense step).
Prints one JSON line: {"step_us_median": microseconds per step, ...}.

Usage: /usr/bin/python3 benchmarks/python/lenet_step.py [--prune 0.2] [--steps N] [--threads T]
"""
import argparse
import json
import math
import time

import torch
import torch.nn as nn


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--steps", type=int, default=3000)
    parser.add_argument("--warmup", type=int, default=300)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--prune", type=float, default=0.2)
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    model = nn.Sequential(
        nn.Flatten(), nn.Linear(784, 300), nn.ReLU(), nn.Linear(300, 100), nn.ReLU(), nn.Linear(100, 10)
    )
    pruned = []
    if args.prune > 0:
        for name, p in model.named_parameters():
            if p.dim() < 2:
                continue
            rate = args.prune / 2 if name == "5.weight" else args.prune
            k = math.ceil(rate * p.numel())
            magnitude = p.detach().abs()
            pruned.append((p, magnitude <= magnitude.flatten().sort().values[k - 1]))

    def apply_masks():
        with torch.no_grad():
            for p, m in pruned:
                p.masked_fill_(m, 0)

    apply_masks()
    optimizer = torch.optim.Adam(model.parameters(), lr=1.2e-3)
    x = torch.rand(60, 1, 28, 28)
    y = torch.randint(0, 10, (60,))
    loss_fn = nn.CrossEntropyLoss()

    def step():
        optimizer.zero_grad(set_to_none=True)
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()
        apply_masks()
        return loss

    for _ in range(args.warmup):
        step()
    times = []
    for _ in range(args.repeats):
        start = time.perf_counter()
        for _ in range(args.steps):
            step()
        times.append((time.perf_counter() - start) / args.steps * 1e6)
    final_loss = step().item()
    times.sort()
    print(json.dumps({
        "benchmark": "lenet300_100_adam_step_b60",
        "runtime": "pytorch-python " + torch.__version__,
        "threads": torch.get_num_threads(),
        "prune_rate": args.prune,
        "pruned_weights": sum(int(m.sum().item()) for _, m in pruned),
        "step_us_median": times[len(times) // 2],
        "step_us_min": times[0],
        "step_us_all": times,
        "final_loss": final_loss,
    }))


if __name__ == "__main__":
    main()
