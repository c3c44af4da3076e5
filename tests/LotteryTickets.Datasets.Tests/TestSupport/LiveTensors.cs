using TorchSharp;

namespace LotteryTickets.Datasets.Tests.TestSupport;

/// <summary>
/// The number of live tensors once the garbage collector has finalized every unreachable one, so that tensors other
/// tests left to the finalizer cannot be freed in the middle of a count.
/// </summary>
internal static class LiveTensors
{
    public static long Settled()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return torch.Tensor.TotalCount;
    }
}
