#!/usr/bin/python3
"""Computes tensor operations with PyTorch, as the reference the C# binding is tested against.

Usage: reference_ops.py CASES.json RESULTS.json

CASES.json: {"cases": [{"name": str, "op": str, "inputs": [tensor...], "args": [...], "kwargs": {...}}]}
  tensor: {"dtype": "float64", "shape": [2, 3], "data": [...row-major...]}
  op:     a dotted path from "torch" ("torch.sort", "torch.nn.functional.gelu", "torch.ops.aten.slice.Tensor"),
          from "Tensor" (a method called with the instance first: "Tensor.index_select"), or from "F"
          (torch.nn.functional); or Python source "lambda x0, x1: ..." called with the inputs.
  args/kwargs: JSON values, where an object is one of
          {"$input": k}           the k-th input tensor
          {"$dtype": "float32"}   a torch dtype
          {"$tuple": [...]}       a tuple
          {"$float": "nan"}       a non-finite float ("nan", "inf", "-inf")
Inputs are built afresh for every case, so in-place ops may modify them.

RESULTS.json: {"torch": version, "results": {name: {"ok": true, "value": v} | {"ok": false, "error": str}}}
  v: {"tensor": {"dtype", "shape", "data"}} | {"list": [v...]} | {"bool": b} | {"number": x} | {"none": null}
  Float data are written with full precision (repr); non-finite floats as the strings "nan", "inf", "-inf".
"""
import json
import math
import sys
import traceback

import torch

DTYPES = {
    "float16": torch.float16, "bfloat16": torch.bfloat16, "float32": torch.float32, "float64": torch.float64,
    "uint8": torch.uint8, "int8": torch.int8, "int16": torch.int16, "int32": torch.int32, "int64": torch.int64,
    "bool": torch.bool,
}
NONFINITE = {"nan": math.nan, "inf": math.inf, "-inf": -math.inf}


def dtype_name(dtype):
    return str(dtype).replace("torch.", "")


def make_tensor(spec):
    dtype = DTYPES[spec["dtype"]]
    data = [NONFINITE[v] if isinstance(v, str) else v for v in spec["data"]]
    return torch.tensor(data, dtype=torch.float64 if dtype.is_floating_point else dtype).to(dtype).reshape(spec["shape"])


def decode(value, inputs):
    if isinstance(value, list):
        return [decode(v, inputs) for v in value]
    if isinstance(value, dict):
        if "$input" in value:
            return inputs[value["$input"]]
        if "$dtype" in value:
            return DTYPES[value["$dtype"]]
        if "$tuple" in value:
            return tuple(decode(v, inputs) for v in value["$tuple"])
        if "$float" in value:
            return NONFINITE[value["$float"]]
        return {k: decode(v, inputs) for k, v in value.items()}
    return value


def resolve(op):
    if op.startswith("lambda"):
        return eval(op, {"torch": torch, "F": torch.nn.functional, "math": math})
    parts = op.split(".")
    roots = {"torch": torch, "Tensor": torch.Tensor, "F": torch.nn.functional}
    if parts[0] not in roots:
        raise ValueError(f"op '{op}' must start with torch., Tensor., F. or be a lambda")
    target = roots[parts[0]]
    for part in parts[1:]:
        target = getattr(target, part)
    return target


def encode_float(x):
    return x if math.isfinite(x) else ("nan" if math.isnan(x) else ("inf" if x > 0 else "-inf"))


def encode(value):
    if isinstance(value, torch.Tensor):
        t = value.detach().cpu()
        flat = t.reshape(-1)
        if t.dtype.is_floating_point:
            data = [encode_float(x) for x in flat.to(torch.float64).tolist()]
        else:
            data = flat.tolist()
        return {"tensor": {"dtype": dtype_name(t.dtype), "shape": list(t.shape), "data": data}}
    if isinstance(value, (list, tuple)):
        return {"list": [encode(v) for v in value]}
    if isinstance(value, bool):
        return {"bool": value}
    if isinstance(value, (int, float)):
        return {"number": encode_float(float(value)) if isinstance(value, float) else value}
    if value is None:
        return {"none": None}
    raise TypeError(f"cannot encode a result of type {type(value).__name__}")


def run_case(case):
    inputs = [make_tensor(spec) for spec in case.get("inputs", [])]
    fn = resolve(case["op"])
    args = decode(case.get("args", []), inputs)
    kwargs = decode(case.get("kwargs", {}), inputs)
    if case["op"].startswith("lambda"):
        return fn(*inputs, *args, **kwargs)
    return fn(*args, **kwargs)


def main(argv):
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as f:
        cases = json.load(f)["cases"]
    torch.set_num_threads(1)
    results = {}
    for case in cases:
        try:
            results[case["name"]] = {"ok": True, "value": encode(run_case(case))}
        except Exception as e:  # a failing case is reported, not fatal: the test names it
            results[case["name"]] = {"ok": False, "error": f"{type(e).__name__}: {e}",
                                     "trace": traceback.format_exc(limit=3)}
    with open(argv[2], "w", encoding="utf-8") as f:
        json.dump({"torch": torch.__version__, "results": results}, f, allow_nan=False)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
