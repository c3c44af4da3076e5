"""One ResNet-20 training step (batch 128, 3x32x32, SGD momentum) in PyTorch eager, timed.

The same step as `LotteryTickets.Benchmarks resnet-step` (ResNetStep.cs, ResNet20Like.cs): a 3x3 stem of
16 channels with BN and ReLU, three stages of three basic blocks (16, 32, 64 channels, the later stages
starting with stride 2, 1x1 conv + BN shortcuts where the shape changes), global average pooling, a
linear layer to 10 classes; cross-entropy; SGD(lr=0.1, momentum=0.9, weight_decay=1e-4); a fixed random
batch made once on the device; the smallest --prune of every weight tensor's weights by |w| at initialization set to
zero under no_grad after every step (--prune 0: the dense step). Prints one JSON line with the same fields.

Usage: python3 benchmarks/python/resnet_step.py [--device cuda] [--batch 128] [--prune 0.2] [--steps 200] ...
"""
import argparse
import json
import math
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


class BasicBlock(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride=stride, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.shortcut = None
        if stride != 1 or cin != cout:
            self.shortcut = nn.Sequential(nn.Conv2d(cin, cout, 1, stride=stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        y = F.relu(self.bn1(self.conv1(x)), inplace=True)
        y = self.bn2(self.conv2(y))
        y += x if self.shortcut is None else self.shortcut(x)
        return F.relu(y, inplace=True)


class ResNet20(nn.Module):
    def __init__(self, classes=10, width=16):
        super().__init__()
        self.conv = nn.Conv2d(3, width, 3, padding=1, bias=False)
        self.bn = nn.BatchNorm2d(width)
        blocks, cin = [], width
        for channels, stride in ((width, 1), (2 * width, 2), (4 * width, 2)):
            for b in range(3):
                blocks.append(BasicBlock(cin, channels, stride if b == 0 else 1))
                cin = channels
        self.blocks = nn.Sequential(*blocks)
        self.fc = nn.Linear(cin, classes)

    def forward(self, x):
        x = F.relu(self.bn(self.conv(x)), inplace=True)
        x = self.blocks(x)
        return self.fc(torch.flatten(F.adaptive_avg_pool2d(x, 1), 1))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--size", type=int, default=32)
    parser.add_argument("--width", type=int, default=16)
    parser.add_argument("--steps", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--prune", type=float, default=0.2)
    parser.add_argument("--channels-last", action="store_true")
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    device = torch.device(args.device)
    model = ResNet20(10, args.width).to(device).train()
    pruned = []
    if args.prune > 0:
        for p in model.parameters():
            if p.dim() >= 2:
                k = math.ceil(args.prune * p.numel())
                magnitude = p.detach().abs()
                pruned.append((p, magnitude <= magnitude.flatten().sort().values[k - 1]))

    def apply_masks():
        with torch.no_grad():
            for p, m in pruned:
                p.masked_fill_(m, 0)

    apply_masks()
    if args.channels_last:
        model = model.to(memory_format=torch.channels_last)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9, weight_decay=1e-4)
    x = torch.randn(args.batch, 3, args.size, args.size, device=device)
    y = torch.randint(0, 10, (args.batch,), device=device)
    if args.channels_last:
        x = x.to(memory_format=torch.channels_last)

    def sync():
        if device.type == "cuda":
            torch.cuda.synchronize(device)

    def step():
        optimizer.zero_grad(set_to_none=True)
        loss = F.cross_entropy(model(x), y)
        loss.backward()
        optimizer.step()
        apply_masks()
        return loss

    for _ in range(args.warmup):
        step()
    sync()
    times = []
    for _ in range(args.repeats):
        start = time.perf_counter()
        for _ in range(args.steps):
            step()
        sync()
        times.append((time.perf_counter() - start) / args.steps * 1e6)
    loss = step().item()
    times.sort()
    row = {
        "benchmark": f"resnet20_sgd_momentum_step_b{args.batch}",
        "runtime": "pytorch-python " + torch.__version__,
        "batch": args.batch, "size": args.size, "width": args.width, "prune_rate": args.prune, "channels_last": args.channels_last,
        "parameters": sum(p.numel() for p in model.parameters()),
        "step_us_median": times[len(times) // 2], "step_us_min": times[0], "step_us_all": times,
        "final_loss": loss,
    }
    if device.type == "cuda":
        props = torch.cuda.get_device_properties(device)
        row.update({"device": str(device), "gpu": props.name, "gpu_memory_bytes": props.total_memory,
                    "cudnn_benchmark": torch.backends.cudnn.benchmark})
    else:
        row.update({"device": "cpu", "threads": torch.get_num_threads()})
    print(json.dumps(row))


if __name__ == "__main__":
    main()
