"""One iterative-magnitude-pruning level in PyTorch eager, timed: the reference for ImpLevel in
benchmarks/LotteryTickets.Benchmarks.

LeNet-300-100 on Fashion-MNIST (55,000 training images, 5,000 validation, 10,000 test; pixels
scaled to [0, 1] and normalised with mean 0.2860, std 0.3530), Adam(lr=1.2e-3), batch 60. One level:
train N iterations with the mask applied (the pruned weights set to zero under no_grad after each step),
evaluate on validation and test, prune 20% of each hidden layer's remaining weights and 10% of the
output layer's by |w|, rewind the survivors to their initial values.
Prints one JSON line with the seconds per level.

Usage: /usr/bin/python3 benchmarks/python/imp_level.py [--iterations N] [--levels L] [--threads T]
"""
import argparse
import gzip
import json
import math
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

ROOT = "/usr/share/datasets/fashion-mnist/"


def idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    ndim = data[3]
    dims = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(ndim)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def load():
    def images(name):
        x = torch.from_numpy(idx(ROOT + name).astype(np.float32) / 255.0)
        return ((x - 0.2860) / 0.3530).reshape(-1, 1, 28, 28)

    xtr, ytr = images("train-images-idx3-ubyte.gz"), torch.from_numpy(idx(ROOT + "train-labels-idx1-ubyte.gz").astype(np.int64))
    xte, yte = images("t10k-images-idx3-ubyte.gz"), torch.from_numpy(idx(ROOT + "t10k-labels-idx1-ubyte.gz").astype(np.int64))
    return (xtr[:55000], ytr[:55000]), (xtr[55000:], ytr[55000:]), (xte, yte)


class LeNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1, self.fc2, self.fc3 = nn.Linear(784, 300), nn.Linear(300, 100), nn.Linear(100, 10)

    def forward(self, x):
        x = x.flatten(1)
        return self.fc3(F.relu(self.fc2(F.relu(self.fc1(x)))))


def evaluate(model, x, y):
    model.eval()
    with torch.no_grad():
        loss, correct = 0.0, 0
        for i in range(0, len(x), 1000):
            out = model(x[i:i + 1000])
            loss += F.cross_entropy(out, y[i:i + 1000], reduction="sum").item()
            correct += (out.argmax(1) == y[i:i + 1000]).sum().item()
    model.train()
    return loss / len(x), correct / len(x)


def prune(model, masks, rate, output_rate):
    new = {}
    for name, p in model.named_parameters():
        if name not in masks:
            continue
        m = masks[name]
        r = output_rate if name == "fc3.weight" else rate
        remaining = int(m.sum().item())
        k = math.ceil(r * remaining)
        scores = p.detach().abs().flatten().clone()
        scores[m.flatten() == 0] = float("inf")
        idx_ = torch.argsort(scores)[:k]
        nm = m.flatten().clone()
        nm[idx_] = 0
        new[name] = nm.reshape(m.shape)
    return new


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--iterations", type=int, default=1000)
    ap.add_argument("--levels", type=int, default=3)
    ap.add_argument("--threads", type=int, default=1)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    start = time.perf_counter()
    (xtr, ytr), (xva, yva), (xte, yte) = load()
    load_s = time.perf_counter() - start

    model = LeNet()
    init = {k: v.clone() for k, v in model.state_dict().items()}
    masks = {n: torch.ones_like(p) for n, p in model.named_parameters() if n.endswith("weight")}
    g = torch.Generator().manual_seed(1)
    level_times = []
    for level in range(args.levels):
        t0 = time.perf_counter()
        model.load_state_dict(init)
        pruned = {n: m == 0 for n, m in masks.items()}

        def apply_masks():
            with torch.no_grad():
                for n, p in model.named_parameters():
                    if n in pruned:
                        p.masked_fill_(pruned[n], 0)

        apply_masks()
        opt = torch.optim.Adam(model.parameters(), lr=1.2e-3)
        perm = torch.randperm(len(xtr), generator=g)
        pos = 0
        for it in range(args.iterations):
            if pos + 60 > len(xtr):
                perm, pos = torch.randperm(len(xtr), generator=g), 0
            idx_ = perm[pos:pos + 60]
            pos += 60
            opt.zero_grad(set_to_none=True)
            loss = F.cross_entropy(model(xtr[idx_]), ytr[idx_])
            loss.backward()
            opt.step()
            apply_masks()
        val = evaluate(model, xva, yva)
        test = evaluate(model, xte, yte)
        masks = prune(model, masks, 0.2, 0.1)
        level_times.append(time.perf_counter() - t0)
    print(json.dumps({
        "benchmark": "imp_level_lenet300_100_fashion_mnist",
        "runtime": "pytorch-python " + torch.__version__,
        "iterations": args.iterations,
        "threads": torch.get_num_threads(),
        "load_s": load_s,
        "level_s": level_times,
        "level_s_median": sorted(level_times)[len(level_times) // 2],
        "last_test_accuracy": test[1],
    }))


if __name__ == "__main__":
    main()
