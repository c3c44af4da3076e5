"""Independent re-statement of fasterai's gradual pruning schedules (fasterai/core/schedule.py and
SparsifyCallback's before_batch/after_step loop) for comparison with GradualSchedule.

Reads a JSON list of cases {name, sparsity, start_pct, end_pct, total} on stdin and prints, for each case, the
sparsity in effect and whether a pruning step happened at every iteration t = 0 .. total-1:
fastai's pct_train at before_batch is t / total; fasterai rounds it to 3 decimals; the schedule evaluates
sched_func(start_sparsity, sparsity, (pct - start_pct) / (end_pct - start_pct)) inside the window and keeps the
last value outside it; a step is pruned when the value differs from the previous one.
"""
import json
import math
import sys

import numpy as np


def one_shot(start, end, pos):
    return end


def iterative(start, end, pos, n_steps=3):
    return start + ((end - start) / n_steps) * (np.ceil(pos * n_steps))


def agp(start, end, pos):
    return end + (start - end) * (1 - pos) ** 3


def one_cycle(start, end, pos, alpha=14, beta=6):
    out = (1 + np.exp(-alpha + beta)) / (1 + (np.exp((-alpha * pos) + beta)))
    return start + (end - start) * out


def lin(start, end, pos):
    return start + pos * (end - start)


def cos(start, end, pos):
    return start + (1 + math.cos(math.pi * (1 - pos))) * (end - start) / 2


def dsd(start, end, pos):
    if pos < 0.5:
        return start + (1 + math.cos(math.pi * (1 - pos * 2))) * (end - start) / 2
    return end + (1 - math.cos(math.pi * (1 - pos * 2))) * (start - end) / 2


CURVES = {"one_shot": one_shot, "iterative": iterative, "agp": agp, "one_cycle": one_cycle,
          "lin": lin, "cos": cos, "dsd": dsd}


def simulate(case):
    curve = CURVES[case["name"]]
    start_pct, end_pct, total = case["start_pct"], case["end_pct"], case["total"]
    current = previous = 0.0
    sparsity, pruned = [], []
    for t in range(total):
        pct = round(t / total, 3)
        if start_pct <= pct <= end_pct:
            current = float(curve(0.0, case["sparsity"], (pct - start_pct) / (end_pct - start_pct)))
        pruned.append(current != previous)
        sparsity.append(current)
        previous = current
    return {"sparsity": sparsity, "pruned": pruned}


print(json.dumps([simulate(c) for c in json.load(sys.stdin)]))
