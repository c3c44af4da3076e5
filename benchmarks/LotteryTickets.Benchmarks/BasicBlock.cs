using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LotteryTickets.Benchmarks;

/// <summary>
/// A ResNet basic block written directly in TorchSharp: conv3×3–BN–ReLU–conv3×3–BN plus the shortcut, then ReLU;
/// the shortcut is a 1×1 convolution with BN where the width or stride changes (open_lth's CIFAR ResNet), identity
/// otherwise. Layers start from TorchSharp's default initialization (the global generator).
/// </summary>
internal sealed class BasicBlock : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly Conv2d conv2;
    private readonly BatchNorm2d bn2;
    private readonly Sequential? shortcut;

    public BasicBlock(long inChannels, long outChannels, long stride)
        : base(nameof(BasicBlock))
    {
        conv1 = nn.Conv2d(inChannels, outChannels, 3, stride: stride, padding: 1, bias: false);
        bn1 = nn.BatchNorm2d(outChannels);
        conv2 = nn.Conv2d(outChannels, outChannels, 3, padding: 1, bias: false);
        bn2 = nn.BatchNorm2d(outChannels);
        if (stride != 1 || inChannels != outChannels)
        {
            shortcut = nn.Sequential(nn.Conv2d(inChannels, outChannels, 1, stride: stride, bias: false), nn.BatchNorm2d(outChannels));
        }

        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        var x = bn1.call(conv1.call(input)).relu_();
        x = bn2.call(conv2.call(x));
        return x.add_(shortcut is null ? input : shortcut.call(input)).relu_();
    }
}
