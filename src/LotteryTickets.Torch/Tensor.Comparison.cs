using LotteryTickets.Torch.Interop;

namespace LotteryTickets.Torch;

public sealed partial class Tensor
{
    /// <summary>
    /// Whether |this − other| ≤ <paramref name="atol"/> + <paramref name="rtol"/>·|other| holds
    /// for every element (broadcasting), as PyTorch's <c>allclose</c>.
    /// </summary>
    /// <param name="other">The tensor to compare with.</param>
    /// <param name="rtol">The relative tolerance.</param>
    /// <param name="atol">The absolute tolerance.</param>
    /// <param name="equalNan">Count NaN as equal to NaN.</param>
    public bool AllClose(Tensor other, double rtol = 1e-5, double atol = 1e-8, bool equalNan = false)
    {
        ArgumentNullException.ThrowIfNull(other);
        NativeMethods.Check(
            NativeMethods.lt_allclose(Handle, other.Handle, rtol, atol, equalNan ? 1 : 0, out var result), nameof(AllClose));
        return result != 0;
    }

    /// <summary>Whether <paramref name="other"/> has the same shape and the same elements (elementwise comparison, not identity).</summary>
    public bool Equal(Tensor other)
    {
        ArgumentNullException.ThrowIfNull(other);
        NativeMethods.Check(NativeMethods.lt_equal(Handle, other.Handle, out var result), nameof(Equal));
        return result != 0;
    }
}
