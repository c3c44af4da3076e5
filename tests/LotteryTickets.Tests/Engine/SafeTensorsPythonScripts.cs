namespace LotteryTickets.Tests.EngineTests;

/// <summary>
/// An independent reader and writer of the safetensors format in Python (struct + json + torch 1.13, following the
/// format's specification; Debian's python has no <c>safetensors</c> package), and the round-trip driver over it.
/// The tests write both scripts into their temporary folder and run them with <c>/usr/bin/python3</c>.
/// </summary>
internal static class SafeTensorsPythonScripts
{
    public const string IoName = "safetensors_io.py";

    public const string RoundTripName = "safetensors_roundtrip.py";

    public const string Io = """"
"""A small, independent reader and writer of the safetensors format (struct + json + torch).

The Debian python has no `safetensors` package; this module follows the format's
specification directly so that the C# implementation is checked against an independent one:
8-byte little-endian header length N, N bytes of UTF-8 JSON, then the raw little-endian data.
"""
import json
import struct

import torch

DTYPES = {
    "F64": torch.float64,
    "F32": torch.float32,
    "F16": torch.float16,
    "BF16": torch.bfloat16,
    "I64": torch.int64,
    "I32": torch.int32,
    "I16": torch.int16,
    "I8": torch.int8,
    "U8": torch.uint8,
    "BOOL": torch.bool,
}
NAMES = {dtype: name for name, dtype in DTYPES.items()}


def raw_bytes(tensor):
    """The tensor's elements as contiguous little-endian bytes."""
    flat = tensor.detach().cpu().contiguous().reshape(-1)
    return bytes(flat.view(torch.uint8).tolist())


def read(path):
    """Returns (tensors, metadata, header_length, header) of a safetensors file."""
    with open(path, "rb") as f:
        data = f.read()
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + n].decode("utf-8"))
    metadata = header.pop("__metadata__", {})
    body = data[8 + n:]
    tensors = {}
    for name, info in header.items():
        begin, end = info["data_offsets"]
        dtype = DTYPES[info["dtype"]]
        shape = info["shape"]
        chunk = body[begin:end]
        if len(chunk) == 0:
            tensors[name] = torch.empty(shape, dtype=dtype)
        else:
            tensors[name] = torch.frombuffer(bytearray(chunk), dtype=dtype).reshape(shape).clone()
    return tensors, metadata, n, header


def write(path, tensors, metadata=None):
    """Writes tensors in sorted-name order, header padded with spaces to a multiple of 8."""
    header = {}
    if metadata:
        header["__metadata__"] = dict(metadata)
    blobs = []
    offset = 0
    for name in sorted(tensors):
        t = tensors[name]
        blob = raw_bytes(t)
        header[name] = {"dtype": NAMES[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(blob)]}
        blobs.append(blob)
        offset += len(blob)
    text = json.dumps(header).encode("utf-8")
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for blob in blobs:
            f.write(blob)
"""";

    public const string RoundTrip = """"
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
"""";
}
