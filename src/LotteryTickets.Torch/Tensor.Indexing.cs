using LotteryTickets.Torch.Interop;

namespace LotteryTickets.Torch;

public sealed partial class Tensor
{
    /// <summary>The entries of dimension <paramref name="dim"/> picked by <paramref name="index"/> (a 1-D int64 or int32 tensor), in that order.</summary>
    public Tensor IndexSelect(long dim, Tensor index)
    {
        ArgumentNullException.ThrowIfNull(index);
        return Wrap(NativeMethods.lt_index_select(Handle, dim, index.Handle, out var r), r, nameof(IndexSelect));
    }

    /// <summary>
    /// Elements picked along <paramref name="dim"/>: <c>out[i][j] = this[index[i][j]][j]</c> for
    /// <c>dim = 0</c>, and so on. The result has <paramref name="index"/>'s shape (int64 indices).
    /// </summary>
    public Tensor Gather(long dim, Tensor index)
    {
        ArgumentNullException.ThrowIfNull(index);
        return Wrap(NativeMethods.lt_gather(Handle, dim, index.Handle, out var r), r, nameof(Gather));
    }

    /// <summary>A copy with <paramref name="source"/>'s elements written at <paramref name="index"/> along <paramref name="dim"/> (the inverse of <see cref="Gather"/>).</summary>
    public Tensor Scatter(long dim, Tensor index, Tensor source) => ScatterCore(0, dim, index, source, 0, false, nameof(Scatter));

    /// <summary>A copy with <paramref name="value"/> written at <paramref name="index"/> along <paramref name="dim"/>.</summary>
    public Tensor Scatter(long dim, Tensor index, double value) => ScatterCore(2, dim, index, null, value, false, nameof(Scatter));

    /// <summary>Writes <paramref name="source"/>'s elements at <paramref name="index"/> along <paramref name="dim"/>, in place.</summary>
    /// <returns>This tensor.</returns>
    public Tensor Scatter_(long dim, Tensor index, Tensor source) => ScatterCore(0, dim, index, source, 0, true, nameof(Scatter_));

    /// <summary>Writes <paramref name="value"/> at <paramref name="index"/> along <paramref name="dim"/>, in place.</summary>
    /// <returns>This tensor.</returns>
    public Tensor Scatter_(long dim, Tensor index, double value) => ScatterCore(2, dim, index, null, value, true, nameof(Scatter_));

    /// <summary>A copy with <paramref name="source"/>'s elements added at <paramref name="index"/> along <paramref name="dim"/> (repeated indices accumulate).</summary>
    public Tensor ScatterAdd(long dim, Tensor index, Tensor source) => ScatterCore(1, dim, index, source, 0, false, nameof(ScatterAdd));

    /// <summary>Adds <paramref name="source"/>'s elements at <paramref name="index"/> along <paramref name="dim"/>, in place.</summary>
    /// <returns>This tensor.</returns>
    public Tensor ScatterAdd_(long dim, Tensor index, Tensor source) => ScatterCore(1, dim, index, source, 0, true, nameof(ScatterAdd_));

    /// <summary>
    /// Advanced indexing, as PyTorch's <c>x[i0, i1, …]</c> with tensor indices: entry k indexes
    /// dimension k with an integer or boolean tensor; a null entry keeps that dimension whole
    /// (like <c>:</c>). Always a copy.
    /// </summary>
    public unsafe Tensor Index(params Tensor?[] indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        using var pinned = new HandleArray(indices);
        fixed (IntPtr* p = pinned.Pointers)
        {
            return Wrap(NativeMethods.lt_index(Handle, p, indices.Length, out var r), r, nameof(Index));
        }
    }

    /// <summary>
    /// Writes <paramref name="values"/> (broadcast) at the positions <see cref="Index"/> would read,
    /// in place; with <paramref name="accumulate"/> the values are added, and repeated positions add up.
    /// </summary>
    /// <returns>This tensor.</returns>
    public unsafe Tensor IndexPut_(Tensor?[] indices, Tensor values, bool accumulate = false)
    {
        ArgumentNullException.ThrowIfNull(indices);
        ArgumentNullException.ThrowIfNull(values);
        using var pinned = new HandleArray(indices);
        fixed (IntPtr* p = pinned.Pointers)
        {
            NativeMethods.Check(NativeMethods.lt_index_put_(Handle, p, indices.Length, values.Handle, accumulate ? 1 : 0), nameof(IndexPut_));
        }

        return this;
    }

    /// <summary>Fills the entries of dimension <paramref name="dim"/> picked by <paramref name="index"/> with <paramref name="value"/>, in place.</summary>
    /// <returns>This tensor.</returns>
    public Tensor IndexFill_(long dim, Tensor index, double value)
    {
        ArgumentNullException.ThrowIfNull(index);
        NativeMethods.Check(NativeMethods.lt_index_fill_(Handle, dim, index.Handle, value), nameof(IndexFill_));
        return this;
    }

    /// <summary>A copy with <paramref name="value"/> wherever the bool <paramref name="mask"/> (broadcast) is true.</summary>
    public Tensor MaskedFill(Tensor mask, double value)
    {
        ArgumentNullException.ThrowIfNull(mask);
        return Wrap(NativeMethods.lt_masked_fill(Handle, mask.Handle, value, 0, out var r), r, nameof(MaskedFill));
    }

    /// <summary>Writes <paramref name="value"/> wherever the bool <paramref name="mask"/> (broadcast) is true, in place.</summary>
    /// <returns>This tensor.</returns>
    public Tensor MaskedFill_(Tensor mask, double value)
    {
        ArgumentNullException.ThrowIfNull(mask);
        NativeMethods.Check(NativeMethods.lt_masked_fill(Handle, mask.Handle, value, 1, out _), nameof(MaskedFill_));
        return this;
    }

    /// <summary>The elements where the bool <paramref name="mask"/> (broadcast) is true, as a 1-D tensor in row-major order.</summary>
    public Tensor MaskedSelect(Tensor mask)
    {
        ArgumentNullException.ThrowIfNull(mask);
        return Wrap(NativeMethods.lt_masked_select(Handle, mask.Handle, out var r), r, nameof(MaskedSelect));
    }

    /// <summary>
    /// A copy in which the positions where the bool <paramref name="mask"/> is true take
    /// <paramref name="source"/>'s elements in row-major order (the inverse of <see cref="MaskedSelect"/>).
    /// </summary>
    public Tensor MaskedScatter(Tensor mask, Tensor source)
    {
        ArgumentNullException.ThrowIfNull(mask);
        ArgumentNullException.ThrowIfNull(source);
        return Wrap(NativeMethods.lt_masked_scatter(Handle, mask.Handle, source.Handle, 0, out var r), r, nameof(MaskedScatter));
    }

    /// <summary>The in-place form of <see cref="MaskedScatter"/>.</summary>
    /// <returns>This tensor.</returns>
    public Tensor MaskedScatter_(Tensor mask, Tensor source)
    {
        ArgumentNullException.ThrowIfNull(mask);
        ArgumentNullException.ThrowIfNull(source);
        NativeMethods.Check(NativeMethods.lt_masked_scatter(Handle, mask.Handle, source.Handle, 1, out _), nameof(MaskedScatter_));
        return this;
    }

    /// <summary>The indices of the non-zero elements: an int64 tensor of shape [count, Dim], in row-major order.</summary>
    public Tensor Nonzero() => Wrap(NativeMethods.lt_nonzero(Handle, out var r), r, nameof(Nonzero));

    private Tensor ScatterCore(int kind, long dim, Tensor index, Tensor? source, double value, bool inplace, string operation)
    {
        ArgumentNullException.ThrowIfNull(index);
        if (kind != 2)
        {
            ArgumentNullException.ThrowIfNull(source);
        }

        // The scalar form ignores the source; any valid handle fills the slot.
        var src = source?.Handle ?? index.Handle;
        var status = NativeMethods.lt_scatter(kind, Handle, dim, index.Handle, src, value, inplace ? 1 : 0, out var r);
        if (inplace)
        {
            NativeMethods.Check(status, operation);
            return this;
        }

        return Wrap(status, r, operation);
    }
}
