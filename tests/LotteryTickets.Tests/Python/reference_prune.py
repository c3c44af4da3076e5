"""Frankle & Carbin's magnitude pruning, written independently in PyTorch, as a reference.

usage: reference_prune.py WEIGHTS_DIR LEVELS RATE OUTPUT_RATE SCOPE OUT_DIR

WEIGHTS_DIR holds final_<level>.safetensors (the trained weights at each level, written by the
C# library) and, to be compared, ours_<level>.safetensors (the C# masks). For each level this
script prunes the previous mask by |w_f| (large_final): layerwise, each prunable tensor (rank >= 2)
removes ceil(rate * remaining) of its remaining weights, the last prunable tensor (the output
layer) at OUTPUT_RATE; globally, the output layer is pruned on its own at OUTPUT_RATE and the
other layers share one threshold removing ceil(rate * pooled remaining) (open_lth's rounding; a
product within 1e-9 of an integer counts as that integer). It writes torch_<level>.safetensors to OUT_DIR, and exits non-zero on any difference.
"""
import json
import math
import os
import struct
import sys

import torch

DTYPES = {"F32": torch.float32, "F64": torch.float64, "I64": torch.int64}
NAMES = {v: k for k, v in DTYPES.items()}


def read_safetensors(path):
    with open(path, "rb") as f:
        data = f.read()
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + n].decode("utf-8"))
    header.pop("__metadata__", None)
    body = data[8 + n:]
    tensors = {}
    for name, info in header.items():
        begin, end = info["data_offsets"]
        dtype = DTYPES[info["dtype"]]
        tensors[name] = torch.frombuffer(bytearray(body[begin:end]), dtype=dtype).reshape(info["shape"]).clone()
    return tensors


def write_safetensors(path, tensors):
    header, chunks, offset = {}, [], 0
    for name, t in tensors.items():
        raw = bytes(t.contiguous().reshape(-1).view(torch.uint8).tolist())
        header[name] = {"dtype": NAMES[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(raw)]}
        chunks.append(raw)
        offset += len(raw)
    text = json.dumps(header).encode("utf-8")
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for c in chunks:
            f.write(c)


def ceil_count(x):
    nearest = round(x)
    return nearest if abs(x - nearest) <= 1e-9 * max(1.0, abs(x)) else math.ceil(x)


def prune_pool(weights, masks, names, rate):
    """Prunes ceil(rate * remaining) of the smallest-|w| remaining weights of the pooled layers."""
    flat_w = torch.cat([weights[n].abs().reshape(-1) for n in names])
    flat_m = torch.cat([masks[n].reshape(-1) for n in names])
    remaining = int(flat_m.sum().item())
    k = ceil_count(rate * remaining)
    alive = torch.nonzero(flat_m == 1).reshape(-1)
    smallest = alive[torch.argsort(flat_w[alive])[:k]]
    flat_m = flat_m.clone()
    flat_m[smallest] = 0
    out, start = {}, 0
    for n in names:
        size = masks[n].numel()
        out[n] = flat_m[start:start + size].reshape(masks[n].shape)
        start += size
    return out


def main():
    weights_dir, levels, rate, output_rate, scope, out_dir = sys.argv[1:7]
    levels, rate, output_rate = int(levels), float(rate), float(output_rate)
    first = read_safetensors(os.path.join(weights_dir, "final_1.safetensors"))
    prunable = [n for n, t in first.items() if t.dim() >= 2]
    output, hidden = prunable[-1], prunable[:-1]
    masks = {n: torch.ones_like(first[n]) for n in prunable}
    report = []
    for level in range(1, levels + 1):
        w = read_safetensors(os.path.join(weights_dir, f"final_{level}.safetensors"))
        new = {}
        if scope == "layerwise":
            for n in hidden:
                new.update(prune_pool(w, masks, [n], rate))
        else:
            new.update(prune_pool(w, masks, hidden, rate))
        new.update(prune_pool(w, masks, [output], output_rate))
        masks = {n: new[n] for n in prunable}
        write_safetensors(os.path.join(out_dir, f"torch_{level}.safetensors"), masks)
        ours = read_safetensors(os.path.join(weights_dir, f"ours_{level}.safetensors"))
        for n in prunable:
            if ours[n].dtype != torch.float32 or not torch.equal(ours[n], masks[n]):
                diff = int((ours[n] != masks[n]).sum().item())
                print(f"level {level}: the masks of '{n}' differ at {diff} positions", file=sys.stderr)
                sys.exit(1)
        report.append({n: int(masks[n].sum().item()) for n in prunable})
    print(json.dumps(report))


if __name__ == "__main__":
    main()
