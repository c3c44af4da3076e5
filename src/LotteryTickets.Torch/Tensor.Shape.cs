using LotteryTickets.Torch.Interop;

namespace LotteryTickets.Torch;

public sealed partial class Tensor
{
    /// <summary>A view with a new shape (one size may be −1); fails if the layout does not allow a view.</summary>
    public unsafe Tensor View(params long[] shape)
    {
        fixed (long* s = shape)
        {
            return Wrap(NativeMethods.lt_view(Handle, s, shape.Length, out var r), r, nameof(View));
        }
    }

    /// <summary>The elements with a new shape (one size may be −1): a view when possible, else a copy.</summary>
    public unsafe Tensor Reshape(params long[] shape)
    {
        fixed (long* s = shape)
        {
            return Wrap(NativeMethods.lt_reshape(Handle, s, shape.Length, out var r), r, nameof(Reshape));
        }
    }

    /// <summary>Merges dimensions <paramref name="startDim"/> … <paramref name="endDim"/> into one.</summary>
    public Tensor Flatten(long startDim = 0, long endDim = -1) =>
        Wrap(NativeMethods.lt_flatten(Handle, startDim, endDim, out var r), r, nameof(Flatten));

    /// <summary>A view with two dimensions swapped.</summary>
    public Tensor Transpose(long dim0, long dim1) =>
        Wrap(NativeMethods.lt_transpose(Handle, dim0, dim1, out var r), r, nameof(Transpose));

    /// <summary>The transpose of a matrix (a view).</summary>
    public Tensor T() => Transpose(0, 1);

    /// <summary>A view with the dimensions reordered.</summary>
    public unsafe Tensor Permute(params long[] order)
    {
        fixed (long* o = order)
        {
            return Wrap(NativeMethods.lt_permute(Handle, o, order.Length, out var r), r, nameof(Permute));
        }
    }

    /// <summary>A view with a new dimension of size 1 at <paramref name="dim"/>.</summary>
    public Tensor Unsqueeze(long dim) => Wrap(NativeMethods.lt_unsqueeze(Handle, dim, out var r), r, nameof(Unsqueeze));

    /// <summary>A view without dimension <paramref name="dim"/>, if its size is 1.</summary>
    public Tensor Squeeze(long dim) => Wrap(NativeMethods.lt_squeeze(Handle, dim, 1, out var r), r, nameof(Squeeze));

    /// <summary>A view without any dimension of size 1.</summary>
    public Tensor Squeeze() => Wrap(NativeMethods.lt_squeeze(Handle, 0, 0, out var r), r, nameof(Squeeze));

    /// <summary>A broadcast view to <paramref name="shape"/> (−1 keeps a size).</summary>
    public unsafe Tensor Expand(params long[] shape)
    {
        fixed (long* s = shape)
        {
            return Wrap(NativeMethods.lt_expand(Handle, s, shape.Length, out var r), r, nameof(Expand));
        }
    }

    /// <summary>
    /// A view of <paramref name="length"/> consecutive entries of dimension <paramref name="dim"/>,
    /// starting at <paramref name="start"/> (negative counts from the end).
    /// </summary>
    public Tensor Narrow(long dim, long start, long length) =>
        Wrap(NativeMethods.lt_narrow(Handle, dim, start, length, out var r), r, nameof(Narrow));

    /// <summary>A view of entry <paramref name="index"/> of dimension <paramref name="dim"/>, without that dimension.</summary>
    public Tensor Select(long dim, long index) =>
        Wrap(NativeMethods.lt_select(Handle, dim, index, out var r), r, nameof(Select));

    /// <summary>
    /// A view of dimension <paramref name="dim"/> sliced as in Python's <c>x[start:end:step]</c>:
    /// a null bound is open, negative bounds count from the end and bounds past the ends are clipped.
    /// </summary>
    /// <param name="dim">The dimension to slice.</param>
    /// <param name="start">The first entry kept, or null for the beginning.</param>
    /// <param name="end">The entry the slice stops before, or null for the end.</param>
    /// <param name="step">The stride between kept entries; must be positive.</param>
    public Tensor Slice(long dim, long? start, long? end, long step = 1) =>
        Wrap(
            NativeMethods.lt_slice(Handle, dim, start ?? 0, start.HasValue ? 1 : 0, end ?? 0, end.HasValue ? 1 : 0, step, out var r),
            r,
            nameof(Slice));

    /// <summary>A copy with the order of the entries reversed along <paramref name="dims"/>.</summary>
    public unsafe Tensor Flip(params long[] dims)
    {
        ArgumentNullException.ThrowIfNull(dims);
        fixed (long* d = dims)
        {
            return Wrap(NativeMethods.lt_flip(Handle, d, dims.Length, out var r), r, nameof(Flip));
        }
    }

    /// <summary>A copy with the entries of the flattened tensor shifted by <paramref name="shift"/> places, wrapping around; the shape is kept.</summary>
    public Tensor Roll(long shift) => Roll([shift], []);

    /// <summary>A copy with the entries shifted by <paramref name="shift"/> places along <paramref name="dim"/>, wrapping around.</summary>
    public Tensor Roll(long shift, long dim) => Roll([shift], [dim]);

    /// <summary>A copy with the entries shifted by <c>shifts[i]</c> places along <c>dims[i]</c>, wrapping around.</summary>
    /// <exception cref="ArgumentException">The two lists differ in length.</exception>
    public unsafe Tensor Roll(long[] shifts, long[] dims)
    {
        ArgumentNullException.ThrowIfNull(shifts);
        ArgumentNullException.ThrowIfNull(dims);
        if (dims.Length != 0 && shifts.Length != dims.Length)
        {
            throw new ArgumentException(
                $"Roll was given {shifts.Length} shifts for {dims.Length} dimensions; give one shift per dimension in 'dims'.", nameof(shifts));
        }

        fixed (long* s = shifts)
        fixed (long* d = dims)
        {
            return Wrap(NativeMethods.lt_roll(Handle, s, shifts.Length, d, dims.Length, out var r), r, nameof(Roll));
        }
    }

    /// <summary>
    /// A copy tiled <c>repeats[i]</c> times along dimension i (as PyTorch's <c>repeat</c>; extra
    /// leading repeats add dimensions).
    /// </summary>
    public unsafe Tensor Repeat(params long[] repeats)
    {
        ArgumentNullException.ThrowIfNull(repeats);
        fixed (long* p = repeats)
        {
            return Wrap(NativeMethods.lt_repeat(Handle, p, repeats.Length, out var r), r, nameof(Repeat));
        }
    }

    /// <summary>A copy of the lower triangle of the (batched) matrix: entries above diagonal <paramref name="diagonal"/> are zero.</summary>
    public Tensor Tril(long diagonal = 0) => Triangle(0, diagonal, nameof(Tril));

    /// <summary>A copy of the upper triangle of the (batched) matrix: entries below diagonal <paramref name="diagonal"/> are zero.</summary>
    public Tensor Triu(long diagonal = 0) => Triangle(1, diagonal, nameof(Triu));

    /// <summary>
    /// For a vector, the square matrix with it on diagonal <paramref name="diagonal"/>; for a
    /// matrix, the vector of its diagonal <paramref name="diagonal"/> (0 is the main diagonal,
    /// positive above it, negative below).
    /// </summary>
    public Tensor Diag(long diagonal = 0) => Triangle(2, diagonal, nameof(Diag));

    private Tensor Triangle(int kind, long diagonal, string operation) =>
        Wrap(NativeMethods.lt_triangle(kind, Handle, diagonal, out var r), r, operation);
}
