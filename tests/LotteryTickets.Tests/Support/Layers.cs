using LotteryTickets.Pruning;
using TorchSharp;
using LotteryTickets.Masks;
using static TorchSharp.torch;

namespace LotteryTickets.Tests.Support;

/// <summary>Small layer lists and tensors for tests.</summary>
internal static class Layers
{
    public static PrunableLayer Linear(string name, long rows, long cols, bool output = false) =>
        new(name, [rows, cols], LayerKind.Linear, output);

    public static IReadOnlyList<PrunableLayer> TwoLayers() => [Linear("fc1.weight", 2, 3), Linear("fc2.weight", 1, 2, output: true)];

    public static Tensor T(float[] values, params long[] shape) => torch.tensor(values, shape);

    public static float[] Floats(Tensor t) => t.to(ScalarType.Float32).contiguous().data<float>().ToArray();
}
