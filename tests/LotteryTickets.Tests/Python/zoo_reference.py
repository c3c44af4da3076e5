"""Zoo models written independently in PyTorch, as references for the C# zoo.

usage:
  zoo_reference.py SEED
      Builds LeNet-300-100 after torch.manual_seed(SEED) and prints its parameters as JSON:
      {name: base64 of the float32 little-endian bytes}.
  zoo_reference.py describe CLASSES C H W SPEC...
      SPEC is ARCH:WIDTH (vgg11, vgg13, vgg16, vgg19, resnet20, resnet32, resnet56, ...; WIDTH the width
      multiplier). Prints JSON {SPEC: {"parameters": [[name, shape], ...], "buffers": [[name, shape], ...],
      "count": number of parameter values}}.
  zoo_reference.py init ARCH WIDTH CLASSES C H W SEED OUT_DIR
      Builds the model after torch.manual_seed(SEED) and writes its state dict to OUT_DIR/init.safetensors.
      ARCH may also be lenet300_100, lenet5, conv2, conv4 or conv6 (PyTorch's layer defaults, no re-initialization).
  zoo_reference.py forward ARCH WIDTH CLASSES C H W DIR
      Loads DIR/state.safetensors (strictly: every parameter and buffer, no others) and DIR/input.safetensors
      ("input"), and writes DIR/torch.safetensors with "eval" (the logits in evaluation mode), "train" (the
      logits in training mode, batch statistics) and, prefixed "after.", every buffer after that training step.

The architectures, as described by LeCun et al., Frankle & Carbin, Simonyan & Zisserman, He et al. and Su et al.:
  LeNet-300-100: Linear(C*H*W, 300), Linear(300, 100), Linear(100, classes). LeNet-5: Conv2d(C, 6, 5, padding 2),
  Conv2d(6, 16, 5), Linear(16*h*w, 120), Linear(120, 84), Linear(84, classes). Conv-2/4/6: blocks of two 3x3
  convolutions (padding 1; 64, 128, 256 filters) each followed by a 2x2 max pool, then Linear(.., 256),
  Linear(256, 256), Linear(256, classes). All with PyTorch's default initialization.
  VGG (CIFAR): per configuration A/B/D/E, 3x3 convolutions with bias and padding 1, each followed by
  BatchNorm2d and ReLU, a 2x2 max pool between groups (none after the last), then the mean over the
  remaining map and one Linear(last width, classes). Init: conv He-normal (fan-in, ReLU gain), conv bias 0,
  BN 1/0, Linear N(0, 0.01^2), bias 0.
  ResNet (CIFAR, depth 6n+2): 3x3 conv (16, no bias), BN, ReLU; three stages of n basic blocks (16, 32, 64
  filters; stride 2 at the start of stages 2 and 3); a block is conv3x3-BN-ReLU-conv3x3-BN plus the shortcut,
  then ReLU; the shortcut is a 1x1 conv (no bias) + BN where the shape changes (option B); global mean;
  Linear(64, classes). Init: conv He-normal (fan-out, ReLU gain), BN 1/0, Linear N(0, 0.01^2), bias 0.
Widths are scaled by WIDTH and rounded half away from zero, at least 1.
"""
import base64
import json
import math
import sys

import torch
from torch import nn

from reference_prune import read_safetensors, write_safetensors

VGG_LAYOUTS = {
    11: [[64], [128], [256, 256], [512, 512], [512, 512]],
    13: [[64, 64], [128, 128], [256, 256], [512, 512], [512, 512]],
    16: [[64, 64], [128, 128], [256, 256, 256], [512, 512, 512], [512, 512, 512]],
    19: [[64, 64], [128, 128], [256, 256, 256, 256], [512, 512, 512, 512], [512, 512, 512, 512]],
}


def scale(width, multiplier):
    return max(1, int(math.floor(width * multiplier + 0.5)))


class CifarVgg(nn.Module):
    def __init__(self, depth, in_channels, classes, multiplier):
        super().__init__()
        layers = []
        channels = in_channels
        groups = VGG_LAYOUTS[depth]
        for g, group in enumerate(groups):
            for width in group:
                out = scale(width, multiplier)
                layers += [nn.Conv2d(channels, out, 3, padding=1), nn.BatchNorm2d(out), nn.ReLU()]
                channels = out
            if g < len(groups) - 1:
                layers.append(nn.MaxPool2d(2))
        self.features = nn.Sequential(*layers)
        self.classifier = nn.Linear(channels, classes)
        for m in self.modules():
            if isinstance(m, nn.Conv2d):
                nn.init.kaiming_normal_(m.weight, mode="fan_in", nonlinearity="relu")
                nn.init.zeros_(m.bias)
            elif isinstance(m, nn.BatchNorm2d):
                nn.init.ones_(m.weight)
                nn.init.zeros_(m.bias)
            elif isinstance(m, nn.Linear):
                nn.init.normal_(m.weight, 0.0, 0.01)
                nn.init.zeros_(m.bias)

    def forward(self, x):
        return self.classifier(self.features(x).mean(dim=(2, 3)))


class Block(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride=stride, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.downsample = None
        if stride != 1 or cin != cout:
            self.downsample = nn.Sequential(nn.Conv2d(cin, cout, 1, stride=stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        y = torch.relu(self.bn1(self.conv1(x)))
        y = self.bn2(self.conv2(y))
        return torch.relu(y + (x if self.downsample is None else self.downsample(x)))


class CifarResNet(nn.Module):
    def __init__(self, depth, in_channels, classes, multiplier):
        super().__init__()
        n = (depth - 2) // 6
        widths = [scale(w, multiplier) for w in (16, 32, 64)]
        self.conv1 = nn.Conv2d(in_channels, widths[0], 3, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(widths[0])
        channels = widths[0]
        for s, width in enumerate(widths):
            blocks = []
            for b in range(n):
                blocks.append(Block(channels, width, 2 if s > 0 and b == 0 else 1))
                channels = width
            setattr(self, "layer%d" % (s + 1), nn.Sequential(*blocks))
        self.fc = nn.Linear(channels, classes)
        for m in self.modules():
            if isinstance(m, nn.Conv2d):
                nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu")
            elif isinstance(m, nn.BatchNorm2d):
                nn.init.ones_(m.weight)
                nn.init.zeros_(m.bias)
            elif isinstance(m, nn.Linear):
                nn.init.normal_(m.weight, 0.0, 0.01)
                nn.init.zeros_(m.bias)

    def forward(self, x):
        x = torch.relu(self.bn1(self.conv1(x)))
        x = self.layer3(self.layer2(self.layer1(x)))
        return self.fc(x.mean(dim=(2, 3)))


class LeNet300100(nn.Module):
    def __init__(self, features, classes, multiplier):
        super().__init__()
        h1, h2 = scale(300, multiplier), scale(100, multiplier)
        self.fc1 = nn.Linear(features, h1)
        self.fc2 = nn.Linear(h1, h2)
        self.fc3 = nn.Linear(h2, classes)


class LeNet5(nn.Module):
    def __init__(self, channels, height, width, classes, multiplier):
        super().__init__()
        c1, c2, f1, f2 = (scale(w, multiplier) for w in (6, 16, 120, 84))
        h, w = (height // 2 - 4) // 2, (width // 2 - 4) // 2
        self.conv1 = nn.Conv2d(channels, c1, 5, padding=2)
        self.conv2 = nn.Conv2d(c1, c2, 5)
        self.fc1 = nn.Linear(c2 * h * w, f1)
        self.fc2 = nn.Linear(f1, f2)
        self.fc3 = nn.Linear(f2, classes)


class ConvNet(nn.Module):
    def __init__(self, blocks, channels, height, width, classes, multiplier):
        super().__init__()
        index = 0
        for b in range(blocks):
            out = scale((64, 128, 256)[b], multiplier)
            for _ in range(2):
                index += 1
                setattr(self, "conv%d" % index, nn.Conv2d(channels, out, 3, padding=1))
                channels = out
            height, width = height // 2, width // 2
        units = scale(256, multiplier)
        self.fc1 = nn.Linear(channels * height * width, units)
        self.fc2 = nn.Linear(units, units)
        self.fc3 = nn.Linear(units, classes)


def build(arch, multiplier, classes, channels, height=32, width=32):
    if arch == "lenet300_100":
        return LeNet300100(channels * height * width, classes, multiplier)
    if arch == "lenet5":
        return LeNet5(channels, height, width, classes, multiplier)
    if arch in ("conv2", "conv4", "conv6"):
        return ConvNet(int(arch[4:]) // 2, channels, height, width, classes, multiplier)
    if arch.startswith("vgg"):
        return CifarVgg(int(arch[3:]), channels, classes, multiplier)
    if arch.startswith("resnet"):
        return CifarResNet(int(arch[6:]), channels, classes, multiplier)
    raise SystemExit("unknown architecture " + arch)


def lenet(seed):
    torch.manual_seed(seed)
    model = nn.ModuleDict({"fc1": nn.Linear(784, 300), "fc2": nn.Linear(300, 100), "fc3": nn.Linear(100, 10)})
    print(json.dumps({name: base64.b64encode(p.detach().numpy().astype("<f4").tobytes()).decode("ascii")
                      for name, p in model.named_parameters()}))


def describe(classes, channels, specs):
    report = {}
    for spec in specs:
        arch, width = spec.split(":")
        model = build(arch, float(width), classes, channels)
        report[spec] = {
            "parameters": [[n, list(p.shape)] for n, p in model.named_parameters()],
            "buffers": [[n, list(b.shape)] for n, b in model.named_buffers()],
            "count": sum(p.numel() for p in model.parameters()),
        }
    print(json.dumps(report))


def main():
    args = sys.argv[1:]
    if args[0].isdigit():
        lenet(int(args[0]))
    elif args[0] == "describe":
        describe(int(args[1]), int(args[2]), args[5:])
    elif args[0] == "init":
        arch, width, classes, c, h, w, seed, out = args[1:9]
        torch.manual_seed(int(seed))
        model = build(arch, float(width), int(classes), int(c), int(h), int(w))
        write_safetensors(out + "/init.safetensors", {k: v.detach() for k, v in model.state_dict().items()})
    elif args[0] == "forward":
        arch, width, classes, c, h, w, folder = args[1:8]
        torch.set_num_threads(1)
        model = build(arch, float(width), int(classes), int(c))
        model.load_state_dict(read_safetensors(folder + "/state.safetensors"), strict=True)
        x = read_safetensors(folder + "/input.safetensors")["input"]
        assert list(x.shape[1:]) == [int(c), int(h), int(w)], "the input does not have the stated shape"
        result = {}
        with torch.no_grad():
            model.eval()
            result["eval"] = model(x)
            model.train()
            result["train"] = model(x)
        for name, buffer in model.named_buffers():
            result["after." + name] = buffer
        write_safetensors(folder + "/torch.safetensors", {k: v.detach().contiguous() for k, v in result.items()})
    else:
        raise SystemExit("unknown mode " + args[0])


if __name__ == "__main__":
    main()
