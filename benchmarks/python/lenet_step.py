"""One LeNet-300-100 training step (batch 60, Adam, CPU) in PyTorch eager, timed.

The same step as benchmarks/LotteryTickets.Benchmarks (LeNetStepBenchmark): 784-300-100-10
MLP with ReLU, cross-entropy, Adam(lr=1.2e-3), a fixed random batch of 60 28x28 images.
Prints one JSON line: {"step_us": mean microseconds per step, ...}.

Usage: /usr/bin/python3 benchmarks/python/lenet_step.py [--steps N] [--threads T]
"""
import argparse
import json
import time

import torch
import torch.nn as nn


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--steps", type=int, default=3000)
    parser.add_argument("--warmup", type=int, default=300)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    model = nn.Sequential(
        nn.Flatten(), nn.Linear(784, 300), nn.ReLU(), nn.Linear(300, 100), nn.ReLU(), nn.Linear(100, 10)
    )
    optimizer = torch.optim.Adam(model.parameters(), lr=1.2e-3)
    x = torch.rand(60, 1, 28, 28)
    y = torch.randint(0, 10, (60,))
    loss_fn = nn.CrossEntropyLoss()

    def step():
        optimizer.zero_grad(set_to_none=True)
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()

    for _ in range(args.warmup):
        step()
    times = []
    for _ in range(args.repeats):
        start = time.perf_counter()
        for _ in range(args.steps):
            step()
        times.append((time.perf_counter() - start) / args.steps * 1e6)
    times.sort()
    print(json.dumps({
        "benchmark": "lenet300_100_adam_step_b60",
        "runtime": "pytorch-python " + torch.__version__,
        "threads": torch.get_num_threads(),
        "step_us_median": times[len(times) // 2],
        "step_us_min": times[0],
        "step_us_all": times,
    }))


if __name__ == "__main__":
    main()
