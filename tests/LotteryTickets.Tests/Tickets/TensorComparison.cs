using TorchSharp;
using static TorchSharp.torch;

namespace LotteryTickets.Tests.Tickets;

/// <summary>Exact comparison of two tensors, as <c>torch.equal</c>: the same shape and every element equal.</summary>
internal static class TensorComparison
{
    public static bool SameAs(this Tensor a, Tensor b)
    {
        if (!a.shape.SequenceEqual(b.shape))
        {
            return false;
        }

        using var scope = torch.NewDisposeScope();
        return a.eq(b.to(a.dtype, a.device)).all().item<bool>();
    }
}
