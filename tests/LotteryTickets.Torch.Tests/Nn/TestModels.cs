using LotteryTickets.Torch.Nn;

namespace LotteryTickets.Torch.Tests.Nn;

/// <summary>A user-defined module whose children are registered under field names, as in PyTorch.</summary>
internal sealed class TwoLayerNet : Module
{
    public TwoLayerNet(Generator? generator = null)
    {
        Fc1 = RegisterModule("fc1", new Linear(4, 3, generator: generator));
        Fc2 = RegisterModule("fc2", new Linear(3, 2, generator: generator));
    }

    public Linear Fc1 { get; }

    public Linear Fc2 { get; }

    public override Tensor Forward(Tensor input) => Fc2.Forward(Fc1.Forward(input).Relu());
}

internal static class TestModels
{
    /// <summary>A small convolutional network with every kind of layer, created from a seed.</summary>
    public static Sequential SmallConvNet(ulong seed)
    {
        using var generator = new Generator(seed);
        return new Sequential(
            new Conv2d(1, 4, 3, padding: 1, generator: generator),
            new BatchNorm2d(4),
            new ReLU(),
            new MaxPool2d(2),
            new Conv2d(4, 4, (3, 1), generator: generator),
            new AdaptiveAvgPool2d(2),
            new Flatten(),
            new Dropout(0.2),
            new Linear(16, 3, generator: generator));
    }
}
