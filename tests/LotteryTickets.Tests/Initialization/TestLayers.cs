using LotteryTickets.Pruning;
using LotteryTickets.Masks;

namespace LotteryTickets.Tests.Initialization;

/// <summary>Small layer lists for the density tests.</summary>
internal static class TestLayers
{
    /// <summary>Three convolutions and a linear output layer: 108, 288, 576 and 320 weights (1292 in all).</summary>
    public static IReadOnlyList<PrunableLayer> ConvNet { get; } =
    [
        new("conv1.weight", [4, 3, 3, 3], LayerKind.Convolution, false),
        new("conv2.weight", [8, 4, 3, 3], LayerKind.Convolution, false),
        new("conv3.weight", [8, 8, 3, 3], LayerKind.Convolution, false),
        new("fc.weight", [10, 32], LayerKind.Linear, true),
    ];

    /// <summary>Two convolutions and a linear output layer: 108, 288 and 320 weights (716 in all).</summary>
    public static IReadOnlyList<PrunableLayer> Small { get; } =
    [
        new("conv1.weight", [4, 3, 3, 3], LayerKind.Convolution, false),
        new("conv2.weight", [8, 4, 3, 3], LayerKind.Convolution, false),
        new("fc.weight", [10, 32], LayerKind.Linear, true),
    ];

    public static long Total(IReadOnlyList<PrunableLayer> layers) => layers.Sum(l => l.Count);
}
