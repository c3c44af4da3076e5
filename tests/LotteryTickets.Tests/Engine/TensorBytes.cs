using static TorchSharp.torch;

namespace LotteryTickets.Tests.EngineTests;

/// <summary>The raw bytes of a tensor's elements (row-major, native little-endian), for bit-for-bit comparisons.</summary>
internal static class TensorBytes
{
    public static byte[] Of(Tensor tensor)
    {
        using var cpu = tensor.detach().cpu().contiguous();
        return cpu.numel() == 0 ? [] : cpu.bytes.ToArray();
    }
}
