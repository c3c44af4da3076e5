using TorchSharp;
using static TorchSharp.torch;

namespace LotteryTickets.Tests;

/// <summary>Exact comparison of tensors for the model, initialization and supermask tests.</summary>
internal static class TensorEquality
{
    /// <summary>Whether <paramref name="b"/> has the shape and the elements of <paramref name="a"/> (compared on <paramref name="a"/>'s device).</summary>
    public static bool IsSameAs(this Tensor a, Tensor b)
    {
        using var scope = NewDisposeScope();
        return a.shape.SequenceEqual(b.shape) && a.eq(b.to(a.device)).all().item<bool>();
    }
}
