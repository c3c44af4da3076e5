using LotteryTickets.Torch.Interop;

namespace LotteryTickets.Torch;

public sealed partial class Tensor
{
    /// <summary>The elements sorted along <paramref name="dim"/>, with the index each came from.</summary>
    /// <param name="dim">The dimension to sort (negative counts from the end).</param>
    /// <param name="descending">Largest first.</param>
    /// <param name="stable">Keep equal elements in their original order.</param>
    public (Tensor Values, Tensor Indices) Sort(long dim = -1, bool descending = false, bool stable = false)
    {
        NativeMethods.Check(
            NativeMethods.lt_sort(Handle, dim, descending ? 1 : 0, stable ? 1 : 0, out var v, out var i), nameof(Sort));
        return (new Tensor(v), new Tensor(i));
    }

    /// <summary>The indices that sort the elements along <paramref name="dim"/> (int64).</summary>
    public Tensor ArgSort(long dim = -1, bool descending = false, bool stable = false) =>
        Wrap(NativeMethods.lt_argsort(Handle, dim, descending ? 1 : 0, stable ? 1 : 0, out var r), r, nameof(ArgSort));

    /// <summary>The <paramref name="k"/> largest (or smallest) elements along <paramref name="dim"/>, with their indices.</summary>
    /// <param name="k">How many to keep; at most the size of <paramref name="dim"/>.</param>
    /// <param name="dim">The dimension to search (negative counts from the end).</param>
    /// <param name="largest">Keep the largest (else the smallest).</param>
    /// <param name="sorted">Return them in sorted order (largest first when <paramref name="largest"/>).</param>
    public (Tensor Values, Tensor Indices) TopK(long k, long dim = -1, bool largest = true, bool sorted = true)
    {
        NativeMethods.Check(
            NativeMethods.lt_topk(Handle, k, dim, largest ? 1 : 0, sorted ? 1 : 0, out var v, out var i), nameof(TopK));
        return (new Tensor(v), new Tensor(i));
    }

    /// <summary>The <paramref name="k"/>-th smallest element along <paramref name="dim"/> (k counts from 1), with its index.</summary>
    public (Tensor Values, Tensor Indices) KthValue(long k, long dim = -1, bool keepDim = false)
    {
        NativeMethods.Check(
            NativeMethods.lt_kthvalue(Handle, k, dim, keepDim ? 1 : 0, out var v, out var i), nameof(KthValue));
        return (new Tensor(v), new Tensor(i));
    }

    /// <summary>The running sum along <paramref name="dim"/>, accumulated in <paramref name="type"/> when given.</summary>
    public Tensor Cumsum(long dim, ScalarType? type = null) =>
        Wrap(NativeMethods.lt_cumsum(Handle, dim, (int)(type ?? 0), type.HasValue ? 1 : 0, out var r), r, nameof(Cumsum));

    /// <summary>The distinct elements of the flattened tensor (in ascending order when <paramref name="sorted"/>).</summary>
    public Tensor Unique(bool sorted = true)
    {
        var (values, inverse, counts) = UniqueWithInverseAndCounts(sorted);
        inverse.Dispose();
        counts.Dispose();
        return values;
    }

    /// <summary>
    /// The distinct elements of the flattened tensor, the position of each element's value among
    /// them (an int64 tensor of this tensor's shape), and how often each distinct value occurs.
    /// </summary>
    public (Tensor Values, Tensor Inverse, Tensor Counts) UniqueWithInverseAndCounts(bool sorted = true)
    {
        NativeMethods.Check(NativeMethods.lt_unique(Handle, sorted ? 1 : 0, out var v, out var i, out var c), nameof(Unique));
        return (new Tensor(v), new Tensor(i), new Tensor(c));
    }
}
