using LotteryTickets.Pruning;
using LotteryTickets.Masks;

namespace LotteryTickets.Tests.Pruning;

/// <summary>Prunable layers of the zoo's networks, written out by hand, for schedule tests.</summary>
internal static class Layers
{
    public static PrunableLayer Linear(string name, long outFeatures, long inFeatures, bool isOutput = false) =>
        new(name, [outFeatures, inFeatures], LayerKind.Linear, isOutput);

    public static IReadOnlyList<PrunableLayer> LeNet300100 { get; } =
    [
        Linear("fc1.weight", 300, 784),
        Linear("fc2.weight", 100, 300),
        Linear("fc3.weight", 10, 100, isOutput: true),
    ];

    public static IReadOnlyList<PrunableLayer> Conv2 { get; } =
    [
        new("conv1.weight", [64, 3, 3, 3], LayerKind.Convolution, false),
        new("conv2.weight", [64, 64, 3, 3], LayerKind.Convolution, false),
        Linear("fc1.weight", 256, 16384),
        Linear("fc2.weight", 256, 256),
        Linear("fc3.weight", 10, 256, isOutput: true),
    ];
}
