using LotteryTickets.Torch;
using LotteryTickets.Torch.Nn;

namespace LotteryTickets.Benchmarks;

/// <summary>
/// A ResNet-20 for 32×32 images (He et al.'s CIFAR ResNet, open_lth's <c>cifar_resnet_20</c>): a 3×3
/// stem of 16 channels, three stages of three <see cref="BasicBlock"/>s (16, 32, 64 channels; the
/// later stages start with stride 2), global average pooling, a linear layer to the classes.
/// About 0.27M parameters. Built from engine layers for the benchmarks, independent of the model zoo.
/// </summary>
internal sealed class ResNet20Like : Module
{
    private readonly Conv2d stem;
    private readonly BatchNorm2d stemNorm;
    private readonly Sequential blocks;
    private readonly Linear fc;

    public ResNet20Like(int classes, Generator generator, int width = 16)
    {
        stem = RegisterModule("conv", new Conv2d(3, width, 3, padding: 1, bias: false, generator: generator));
        stemNorm = RegisterModule("bn", new BatchNorm2d(width));
        var list = new List<Module>();
        long inChannels = width;
        foreach (var (channels, stride) in new[] { (width, 1L), (2 * width, 2L), (4 * width, 2L) })
        {
            for (var b = 0; b < 3; b++)
            {
                list.Add(new BasicBlock(inChannels, channels, b == 0 ? stride : 1, generator));
                inChannels = channels;
            }
        }

        blocks = RegisterModule("blocks", new Sequential([.. list]));
        fc = RegisterModule("fc", new Linear(inChannels, classes, generator: generator));
    }

    public override Tensor Forward(Tensor input)
    {
        var x = stemNorm.Forward(stem.Forward(input)).Relu_();
        x = blocks.Forward(x);
        return fc.Forward(Functional.AdaptiveAvgPool2d(x, 1, 1).Flatten(1));
    }
}
