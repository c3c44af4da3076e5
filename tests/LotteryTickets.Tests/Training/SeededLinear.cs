using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LotteryTickets.Tests.Training;

/// <summary>PyTorch's default <c>Linear</c> initialization (weight and bias uniform in ±1/√fan_in) drawn from a given generator.</summary>
internal static class SeededLinear
{
    public static void Reset(Linear layer, Generator generator)
    {
        using var noGrad = no_grad();
        var bound = 1 / Math.Sqrt(layer.weight!.shape[1]);
        layer.weight.uniform_(-bound, bound, generator);
        layer.bias?.uniform_(-bound, bound, generator);
    }
}
