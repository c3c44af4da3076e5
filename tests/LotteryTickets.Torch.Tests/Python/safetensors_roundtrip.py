"""Safetensors round trips between C# and Python.

  check FILE EXPECTED.json   read a file written by C# with the independent reader and compare
                             every tensor (dtype, shape, exact values), the metadata and the layout
                             with EXPECTED.json; prints "ok" or fails with the differences.
  write FILE EXPECTED.json   write a file of several dtypes and shapes with the independent writer
                             and describe it (dtype, shape, values, raw bytes as hex) in EXPECTED.json.
"""
import json
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import safetensors_io as st  # noqa: E402


def check(path, expected_path):
    with open(expected_path, encoding="utf-8") as f:
        expected = json.load(f)
    tensors, metadata, n, header = st.read(path)
    problems = []
    if n % 8 != 0:
        problems.append(f"header length {n} is not a multiple of 8")
    names = sorted(header)
    offset = 0
    for name in names:
        begin, end = header[name]["data_offsets"]
        if begin != offset:
            problems.append(f"{name} begins at {begin}, expected {offset} (sorted-name layout)")
        offset = end
    if os.path.getsize(path) != 8 + n + offset:
        problems.append(f"file size {os.path.getsize(path)} != {8 + n + offset}")
    if metadata != expected.get("metadata", {}):
        problems.append(f"metadata {metadata!r} != {expected.get('metadata')!r}")
    if sorted(tensors) != sorted(expected["tensors"]):
        problems.append(f"names {sorted(tensors)} != {sorted(expected['tensors'])}")
    for name, e in expected["tensors"].items():
        if name not in tensors:
            continue
        t = tensors[name]
        if st.NAMES[t.dtype] != e["dtype"]:
            problems.append(f"{name}: dtype {st.NAMES[t.dtype]} != {e['dtype']}")
            continue
        if list(t.shape) != e["shape"]:
            problems.append(f"{name}: shape {list(t.shape)} != {e['shape']}")
            continue
        want = torch.tensor(e["values"], dtype=torch.float64).reshape(e["shape"]).to(t.dtype)
        if not torch.equal(t, want):
            problems.append(f"{name}: values {t.reshape(-1).tolist()} != {e['values']}")
        if "hex" in e and st.raw_bytes(t).hex() != e["hex"]:
            problems.append(f"{name}: bytes {st.raw_bytes(t).hex()} != {e['hex']}")
    if problems:
        raise SystemExit("\n".join(problems))
    print("ok")


def write(path, expected_path):
    g = torch.Generator().manual_seed(7)
    tensors = {
        "f64": torch.randn(3, 4, generator=g, dtype=torch.float64),
        "f32_transposed": torch.randn(3, 5, generator=g).t(),
        "f16": torch.tensor([0.5, -1.25, 3.0, 65504.0], dtype=torch.float16),
        "bf16": torch.tensor([[1.5, -2.0], [0.125, 3.0e38]], dtype=torch.bfloat16),
        "i64": torch.tensor([-(2 ** 40), 0, 2 ** 62], dtype=torch.int64),
        "i32": torch.arange(-3, 3, dtype=torch.int32).reshape(2, 3),
        "i16": torch.tensor([-32768, 32767], dtype=torch.int16),
        "i8": torch.tensor([-128, 5, 127], dtype=torch.int8),
        "u8": torch.tensor([0, 200, 255], dtype=torch.uint8),
        "bool": torch.tensor([[True, False, True]]),
        "scalar": torch.tensor(2.75, dtype=torch.float32),
        "empty": torch.zeros(0, 3, dtype=torch.float32),
    }
    metadata = {"format": "pt", "written_by": "python", "note": "größe ✓"}
    st.write(path, tensors, metadata)
    described = {
        name: {
            "dtype": st.NAMES[t.dtype],
            "shape": list(t.shape),
            "values": [float(v) for v in t.detach().reshape(-1).to(torch.float64).tolist()],
            "hex": st.raw_bytes(t).hex(),
        }
        for name, t in tensors.items()
    }
    with open(expected_path, "w", encoding="utf-8") as f:
        json.dump({"metadata": metadata, "tensors": described}, f)
    print("ok")


if __name__ == "__main__":
    mode, file, expected = sys.argv[1:4]
    {"check": check, "write": write}[mode](file, expected)
