using LotteryTickets.Torch;
using LotteryTickets.Torch.Nn;

namespace LotteryTickets.Benchmarks;

/// <summary>
/// A ResNet basic block: conv3×3–BN–ReLU–conv3×3–BN plus the shortcut, then ReLU; the shortcut is a
/// 1×1 convolution with BN where the width or stride changes (open_lth's CIFAR ResNet), identity otherwise.
/// </summary>
internal sealed class BasicBlock : Module
{
    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly Conv2d conv2;
    private readonly BatchNorm2d bn2;
    private readonly Sequential? shortcut;

    public BasicBlock(long inChannels, long outChannels, long stride, Generator generator)
    {
        conv1 = RegisterModule("conv1", new Conv2d(inChannels, outChannels, 3, stride: stride, padding: 1, bias: false, generator: generator));
        bn1 = RegisterModule("bn1", new BatchNorm2d(outChannels));
        conv2 = RegisterModule("conv2", new Conv2d(outChannels, outChannels, 3, padding: 1, bias: false, generator: generator));
        bn2 = RegisterModule("bn2", new BatchNorm2d(outChannels));
        if (stride != 1 || inChannels != outChannels)
        {
            shortcut = RegisterModule("shortcut", new Sequential(
                new Conv2d(inChannels, outChannels, 1, stride: stride, bias: false, generator: generator),
                new BatchNorm2d(outChannels)));
        }
    }

    public override Tensor Forward(Tensor input)
    {
        var x = bn1.Forward(conv1.Forward(input)).Relu_();
        x = bn2.Forward(conv2.Forward(x));
        return x.Add_(shortcut is null ? input : shortcut.Forward(input)).Relu_();
    }
}
