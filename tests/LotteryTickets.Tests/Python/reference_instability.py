"""The points of an instability path recomputed independently in PyTorch.

usage:
  reference_instability.py ARCH DIR POINTS EVAL_BATCH
      ARCH is mlp (Linear(64, 32), ReLU, Linear(32, 4) on the flattened input; names fc1, fc2) or bnconv
      (Conv2d(1, 4, 3, padding 1), BatchNorm2d(4), ReLU, flatten, Linear(256, 4); names conv1, bn1, fc1).
      DIR holds a.safetensors and b.safetensors (the two networks' state dicts), data.safetensors ("images",
      "labels": the evaluation set; "bn.0", "bn.1", ...: the batches on which batch-norm statistics are
      recomputed, in order) and, optionally, mask.safetensors (1 kept, 0 pruned, by parameter name).
      For alpha = i / (POINTS - 1): every floating tensor is torch.lerp(a, b, alpha), integer buffers are a's; the
      mask multiplies its parameters; with batch norm, the running statistics are reset, momentum set to None (the
      cumulative average), and the "bn.*" batches are passed in training mode without gradients; then the network is
      evaluated in evaluation mode on the images in batches of EVAL_BATCH.
      Prints JSON [{"alpha", "loss" (mean cross-entropy), "wrong" (misclassified count), "count"}, ...].
"""
import json
import os
import sys

import torch
import torch.nn.functional as F
from torch import nn

from reference_prune import read_safetensors


class PlainMlp(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(64, 32)
        self.fc2 = nn.Linear(32, 4)

    def forward(self, x):
        return self.fc2(F.relu(self.fc1(x.flatten(1))))


class BatchNormConvNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 4, 3, padding=1)
        self.bn1 = nn.BatchNorm2d(4)
        self.fc1 = nn.Linear(256, 4)

    def forward(self, x):
        return self.fc1(F.relu(self.bn1(self.conv1(x))).flatten(1))


def main():
    arch, folder, points, eval_batch = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    torch.set_num_threads(1)
    a = read_safetensors(os.path.join(folder, "a.safetensors"))
    b = read_safetensors(os.path.join(folder, "b.safetensors"))
    data = read_safetensors(os.path.join(folder, "data.safetensors"))
    mask_file = os.path.join(folder, "mask.safetensors")
    mask = read_safetensors(mask_file) if os.path.exists(mask_file) else {}
    images, labels = data["images"], data["labels"].long()
    bn_batches = [data["bn.%d" % i] for i in range(sum(1 for k in data if k.startswith("bn.")))]
    model = {"mlp": PlainMlp, "bnconv": BatchNormConvNet}[arch]()
    norms = [m for m in model.modules() if isinstance(m, nn.BatchNorm2d)]
    result = []
    for i in range(points):
        alpha = i / (points - 1)
        state = {k: torch.lerp(a[k], b[k], alpha) if a[k].is_floating_point() else a[k].clone() for k in a}
        for k, m in mask.items():
            state[k] = state[k] * m
        model.load_state_dict(state, strict=True)
        with torch.no_grad():
            if norms:
                for norm in norms:
                    norm.reset_running_stats()
                    norm.momentum = None
                model.train()
                for batch in bn_batches:
                    model(batch)
            model.eval()
            loss, wrong = 0.0, 0
            for start in range(0, len(labels), eval_batch):
                logits = model(images[start:start + eval_batch])
                target = labels[start:start + eval_batch]
                loss += F.cross_entropy(logits, target, reduction="sum").item()
                wrong += int((logits.argmax(1) != target).sum().item())
        result.append({"alpha": alpha, "loss": loss / len(labels), "wrong": wrong, "count": len(labels)})
    print(json.dumps(result))


if __name__ == "__main__":
    main()
