"""PyTorch reference values for the neural-network tests.

Reads a JSON request from stdin: {"cases": [{"name", "op", "tensors": {name: tensor}, "args": {...}}]}
where a tensor is {"shape": [...], "dtype": "float64" | "int64", "data": [...]} or null.
Writes {name: {output name: tensor}} to stdout. Floats are written with repr, which round-trips.
Run with /usr/bin/python3 (the interpreter that has torch).
"""
import json
import math
import sys

import torch
import torch.nn.functional as F

DTYPES = {"float64": torch.float64, "float32": torch.float32, "int64": torch.int64}


def decode(t):
    if t is None:
        return None
    return torch.tensor(t["data"], dtype=DTYPES[t["dtype"]]).reshape(t["shape"])


def encode(t):
    t = t.detach()
    dtype = {torch.float64: "float64", torch.float32: "float32", torch.int64: "int64"}[t.dtype]
    data = t.reshape(-1).tolist()
    return {"shape": list(t.shape), "dtype": dtype, "data": data}


def pair(v):
    return tuple(v) if v is not None else None


def run(op, t, a):
    if op == "linear":
        return {"out": F.linear(t["x"], t["w"], t.get("b"))}
    if op == "conv2d":
        return {"out": F.conv2d(t["x"], t["w"], t.get("b"), stride=pair(a["stride"]), padding=pair(a["padding"]),
                                dilation=pair(a["dilation"]), groups=a["groups"])}
    if op == "max_pool2d":
        return {"out": F.max_pool2d(t["x"], pair(a["kernel"]), stride=pair(a["stride"]), padding=pair(a["padding"]),
                                    dilation=pair(a["dilation"]), ceil_mode=a["ceil_mode"])}
    if op == "avg_pool2d":
        return {"out": F.avg_pool2d(t["x"], pair(a["kernel"]), stride=pair(a["stride"]), padding=pair(a["padding"]),
                                    ceil_mode=a["ceil_mode"], count_include_pad=a["count_include_pad"],
                                    divisor_override=a["divisor_override"])}
    if op == "adaptive_avg_pool2d":
        return {"out": F.adaptive_avg_pool2d(t["x"], pair(a["size"]))}
    if op == "batch_norm":
        rm, rv = t["running_mean"], t["running_var"]
        out = F.batch_norm(t["x"], rm, rv, t.get("w"), t.get("b"), training=a["training"], momentum=a["momentum"],
                           eps=a["eps"])
        return {"out": out, "running_mean": rm, "running_var": rv}
    if op == "softmax":
        return {"out": F.softmax(t["x"], dim=a["dim"])}
    if op == "log_softmax":
        return {"out": F.log_softmax(t["x"], dim=a["dim"])}
    if op == "cross_entropy":
        return {"out": F.cross_entropy(t["x"], t["target"], reduction=a["reduction"],
                                       label_smoothing=a["label_smoothing"])}
    if op == "nll_loss":
        return {"out": F.nll_loss(t["x"], t["target"], reduction=a["reduction"])}
    if op == "mse_loss":
        return {"out": F.mse_loss(t["x"], t["target"], reduction=a["reduction"])}
    if op == "linear_init":
        torch.manual_seed(a["seed"])
        layer = torch.nn.Linear(a["in"], a["out"])
        fan_in = a["in"]
        bound = math.sqrt(6.0 / ((1 + 5.0) * fan_in))
        flat = layer.weight.detach().reshape(-1)
        return {"weight_head": flat[:1000], "weight_tail": flat[-1000:],
                "weight_sum": flat.double().sum().reshape(1), "bias": layer.bias,
                "bound": torch.tensor([bound], dtype=torch.float64)}
    raise ValueError("unknown op " + op)


def main():
    request = json.load(sys.stdin)
    results = {}
    for case in request["cases"]:
        tensors = {k: decode(v) for k, v in case.get("tensors", {}).items()}
        tensors = {k: v for k, v in tensors.items() if v is not None}
        out = run(case["op"], tensors, case.get("args", {}))
        results[case["name"]] = {k: encode(v) for k, v in out.items()}
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
