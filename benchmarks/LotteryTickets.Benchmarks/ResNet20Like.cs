using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LotteryTickets.Benchmarks;

/// <summary>
/// A ResNet-20 for 32×32 images (He et al.'s CIFAR ResNet, open_lth's <c>cifar_resnet_20</c>) written directly in
/// TorchSharp: a 3×3 stem of 16 channels, three stages of three <see cref="BasicBlock"/>s (16, 32, 64 channels; the
/// later stages start with stride 2), global average pooling, a linear layer to the classes. About 0.27M parameters.
/// The plain-TorchSharp side of <c>resnet-step</c>, the same network as <c>benchmarks/python/resnet_step.py</c>.
/// </summary>
internal sealed class ResNet20Like : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv;
    private readonly BatchNorm2d bn;
    private readonly Sequential blocks;
    private readonly Linear fc;

    public ResNet20Like(int classes, int width = 16)
        : base(nameof(ResNet20Like))
    {
        conv = nn.Conv2d(3, width, 3, padding: 1, bias: false);
        bn = nn.BatchNorm2d(width);
        var list = new List<nn.Module<Tensor, Tensor>>();
        long inChannels = width;
        foreach (var (channels, stride) in new[] { (width, 1L), (2 * width, 2L), (4 * width, 2L) })
        {
            for (var b = 0; b < 3; b++)
            {
                list.Add(new BasicBlock(inChannels, channels, b == 0 ? stride : 1));
                inChannels = channels;
            }
        }

        blocks = nn.Sequential([.. list]);
        fc = nn.Linear(inChannels, classes);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        var x = bn.call(conv.call(input)).relu_();
        x = blocks.call(x);
        return fc.call(nn.functional.adaptive_avg_pool2d(x, [1, 1]).flatten(1));
    }
}
