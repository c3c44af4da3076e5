"""Runs torch.optim (PyTorch 1.13, single-tensor implementations) on a problem read as JSON from stdin.

Input:  {case name: problem, ...}, each problem
        {"optimizer": "sgd" | "adam" | "adamw" | "rmsprop" | "adagrad", "options": {torch keyword arguments},
         "params": [{"shape": [...], "values": [...]}, ...],
         "grads": [[values or null for each parameter] for each step]}
Output: {case name: [[flat values of each parameter] after each step], ...} as JSON on stdout
        (floats written with repr, so float64 values cross exactly).
"""
import json
import sys

import torch


def run(problem):
    params = [
        torch.tensor(p["values"], dtype=torch.float64).reshape(p["shape"]).requires_grad_()
        for p in problem["params"]
    ]
    options = dict(problem["options"])
    if "betas" in options:
        options["betas"] = tuple(options["betas"])
    kind = {
        "sgd": torch.optim.SGD,
        "adam": torch.optim.Adam,
        "adamw": torch.optim.AdamW,
        "rmsprop": torch.optim.RMSprop,
        "adagrad": torch.optim.Adagrad,
    }[problem["optimizer"]]
    optimizer = kind(params, foreach=False, **options)
    history = []
    for grads in problem["grads"]:
        for p, g in zip(params, grads):
            p.grad = None if g is None else torch.tensor(g, dtype=torch.float64).reshape(p.shape)
        optimizer.step()
        history.append([p.detach().reshape(-1).tolist() for p in params])
    return history


if __name__ == "__main__":
    cases = json.load(sys.stdin)
    json.dump({name: run(problem) for name, problem in cases.items()}, sys.stdout)
