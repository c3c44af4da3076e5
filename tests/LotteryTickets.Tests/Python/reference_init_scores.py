"""SNIP, GraSP and SynFlow scores and masks, written independently in PyTorch from the papers' formulas, as a reference.

usage: reference_init_scores.py DIR ARCH KEEP TEMPERATURE ROUNDS

DIR holds weights.safetensors (the model's state dict, written by the C# library) and batch.safetensors
(`images` float32 N x C x H x W, `labels` int64 N). ARCH is `mlp` (fc1, fc2, fc3 with ReLU, as LeNet-300-100) or
`conv` (conv1, conv2: 3x3 padding 1 with ReLU, 2x2 max pool, then fc1, fc2, fc3 with ReLU, as Conv-2). The prunable
weights are the parameters named *.weight. The network is written here as functions of a parameter dictionary
(no nn.Module), so nothing is shared with the library but libtorch itself.

Definitions (L = mean cross-entropy of the logits on the batch):
  SNIP     s = |dL/dw * w|                                     keep the KEEP largest s over all layers
  GraSP    S = -w * (H g), g = dL/dw, with logits / TEMPERATURE  remove the (N - KEEP) largest S (Wang et al.'s code)
           H g comes from torch.autograd.functional.hvp (a Hessian-vector product), not a hand-written double backward.
  SynFlow  float64; every parameter replaced by |p|; input: one all-ones sample; R = sum of the outputs;
           s = |w * dR/dw| for w = |w0| * mask; ROUNDS rounds, round k keeping N - int((1 - d ** (k / ROUNDS)) * N)
           weights (the last exactly KEEP), d = KEEP / N, the pruned weights staying pruned.
It writes torch_scores.safetensors (snip.<name>, grasp.<name> = S, synflow.<name> = the first, dense, round's
scores) and torch_masks.safetensors (snip.<name>, grasp.<name>, synflow.<name>) to DIR.
"""
import json
import struct
import sys

import torch
import torch.nn.functional as F

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
        tensors[name] = torch.frombuffer(bytearray(body[begin:end]), dtype=DTYPES[info["dtype"]]).reshape(info["shape"]).clone()
    return tensors


def write_safetensors(path, tensors):
    header, chunks, offset = {}, [], 0
    for name, t in tensors.items():
        raw = t.detach().contiguous().numpy().tobytes()
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


def forward(arch, p, x):
    if arch == "conv":
        x = F.relu(F.conv2d(x, p["conv1.weight"], p["conv1.bias"], padding=1))
        x = F.relu(F.conv2d(x, p["conv2.weight"], p["conv2.bias"], padding=1))
        x = F.max_pool2d(x, 2)
    x = x.flatten(1)
    x = F.relu(F.linear(x, p["fc1.weight"], p["fc1.bias"]))
    x = F.relu(F.linear(x, p["fc2.weight"], p["fc2.bias"]))
    return F.linear(x, p["fc3.weight"], p["fc3.bias"])


def keep_largest(scores, names, keep):
    flat = torch.cat([scores[n].reshape(-1) for n in names])
    kept = torch.zeros_like(flat, dtype=torch.float32)
    kept[torch.topk(flat, keep, sorted=False).indices] = 1.0
    return split(kept, scores, names)


def split(flat, like, names):
    out, start = {}, 0
    for n in names:
        count = like[n].numel()
        out[n] = flat[start:start + count].reshape(like[n].shape).clone()
        start += count
    return out


def main():
    folder, arch, keep, temperature, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
    state = read_safetensors(folder + "/weights.safetensors")
    batch = read_safetensors(folder + "/batch.safetensors")
    x, y = batch["images"], batch["labels"]
    names = [n for n in state if n.endswith(".weight")]
    total = sum(state[n].numel() for n in names)
    scores, masks = {}, {}

    # SNIP
    p = {k: v.clone().requires_grad_(k in names) for k, v in state.items()}
    loss = F.cross_entropy(forward(arch, p, x), y)
    grads = torch.autograd.grad(loss, [p[n] for n in names])
    snip = {n: (g * state[n]).abs() for n, g in zip(names, grads)}
    masks.update({"snip." + n: m for n, m in keep_largest(snip, names, keep).items()})
    scores.update({"snip." + n: s for n, s in snip.items()})

    # GraSP
    others = {k: v for k, v in state.items() if k not in names}

    def grasp_loss(*weights):
        q = dict(others)
        q.update(zip(names, weights))
        return F.cross_entropy(forward(arch, q, x) / temperature, y)

    w = tuple(state[n].clone() for n in names)
    p = [t.clone().requires_grad_(True) for t in w]
    g = torch.autograd.grad(grasp_loss(*p), p)
    _, hg = torch.autograd.functional.hvp(grasp_loss, w, tuple(t.detach() for t in g))
    grasp = {n: -state[n] * h for n, h in zip(names, hg)}
    flat = torch.cat([grasp[n].reshape(-1) for n in names])
    kept = torch.ones_like(flat)
    if total - keep > 0:
        kept[torch.topk(flat, total - keep, sorted=False).indices] = 0.0
    masks.update({"grasp." + n: m for n, m in split(kept, grasp, names).items()})
    scores.update({"grasp." + n: s for n, s in grasp.items()})

    # SynFlow
    absolute = {k: v.double().abs() for k, v in state.items()}
    ones = torch.ones([1] + list(x.shape[1:]), dtype=torch.float64)
    mask = {n: torch.ones_like(absolute[n]) for n in names}
    density = keep / total
    for k in range(1, rounds + 1):
        q = dict(absolute)
        for n in names:
            q[n] = (absolute[n] * mask[n]).requires_grad_(True)
        r = forward(arch, q, ones).sum()
        grads = torch.autograd.grad(r, [q[n] for n in names])
        s = {n: (gr * q[n]).detach().abs() for n, gr in zip(names, grads)}
        if k == 1:
            scores.update({"synflow." + n: v for n, v in s.items()})
        target = keep if k == rounds else max(keep, total - int((1.0 - density ** (k / rounds)) * total))
        masked = {n: torch.where(mask[n] > 0, s[n], torch.full_like(s[n], -float("inf"))) for n in names}
        mask = {n: v.double() for n, v in keep_largest(masked, names, target).items()}
    masks.update({"synflow." + n: m.float() for n, m in mask.items()})

    write_safetensors(folder + "/torch_scores.safetensors", scores)
    write_safetensors(folder + "/torch_masks.safetensors", masks)
    print(json.dumps({m: int(sum(v.sum().item() for k, v in masks.items() if k.startswith(m + "."))) for m in ["snip", "grasp", "synflow"]}))


if __name__ == "__main__":
    main()
