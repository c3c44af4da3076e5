"""Learning rates of PyTorch 1.13's schedulers, step by step, as JSON on stdout.

For each case: the rate the optimizer's group holds at steps 0 .. n-1, read before each
scheduler.step() (what a training loop uses), with base rate 0.1.
"""
import json
import warnings

import torch
from torch.optim import lr_scheduler as S

warnings.filterwarnings("ignore")
BASE = 0.1


def run(make, steps):
    params = [torch.zeros(1, requires_grad=True)]
    optimizer = torch.optim.SGD(params, lr=BASE)
    scheduler = make(optimizer)
    rates = []
    for _ in range(steps):
        rates.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        scheduler.step()
    return rates


CASES = {
    "constant": (lambda o: S.LambdaLR(o, lambda e: 1.0), 10),
    "step": (lambda o: S.StepLR(o, step_size=3, gamma=0.5), 20),
    "multistep": (lambda o: S.MultiStepLR(o, milestones=[2, 5, 5, 9], gamma=0.3), 14),
    "cosine": (lambda o: S.CosineAnnealingLR(o, T_max=10, eta_min=0.001), 25),
    "warmup_cosine": (
        lambda o: S.ChainedScheduler([S.LinearLR(o, start_factor=0.25, total_iters=4), S.CosineAnnealingLR(o, T_max=12)]),
        12),
    "warmup_step": (
        lambda o: S.ChainedScheduler([S.LinearLR(o, start_factor=0.1, total_iters=5), S.StepLR(o, step_size=4, gamma=0.5)]),
        16),
    "sequential": (
        lambda o: S.SequentialLR(o, [S.LinearLR(o, start_factor=0.1, total_iters=3), S.CosineAnnealingLR(o, T_max=8, eta_min=0.01)],
                                 milestones=[3]),
        14),
}

if __name__ == "__main__":
    json.dump({name: run(make, steps) for name, (make, steps) in CASES.items()}, __import__("sys").stdout)
