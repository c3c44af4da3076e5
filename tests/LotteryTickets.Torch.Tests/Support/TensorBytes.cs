using LotteryTickets.Torch.Interop;

namespace LotteryTickets.Torch.Tests.Support;

/// <summary>The raw bytes of a tensor's elements (row-major, native little-endian), for bit-for-bit comparisons.</summary>
internal static class TensorBytes
{
    public static unsafe byte[] Of(Tensor tensor)
    {
        var bytes = new byte[tensor.NumEl * tensor.DType.ElementSize()];
        fixed (byte* p = bytes)
        {
            NativeMethods.Check(NativeMethods.lt_tensor_copy_to(tensor.Handle, p, bytes.Length), nameof(TensorBytes));
        }

        return bytes;
    }
}
