"""Builds LeNet-300-100 in PyTorch after torch.manual_seed(seed) and prints its parameters as JSON:
{name: base64 of the float32 little-endian bytes}. Usage: zoo_reference.py SEED"""
import base64
import json
import sys

import torch
from torch import nn

torch.manual_seed(int(sys.argv[1]))
model = nn.ModuleDict({"fc1": nn.Linear(784, 300), "fc2": nn.Linear(300, 100), "fc3": nn.Linear(100, 10)})
print(json.dumps({name: base64.b64encode(p.detach().numpy().astype("<f4").tobytes()).decode("ascii")
                  for name, p in model.named_parameters()}))
