using LotteryTickets.Torch.Interop;

namespace LotteryTickets.Torch;

public sealed partial class Tensor
{
    /// <summary>The tensors joined end to end along an existing dimension <paramref name="dim"/>.</summary>
    /// <param name="tensors">At least one tensor; all have the same shape except along <paramref name="dim"/>.</param>
    /// <param name="dim">The dimension to join along (negative counts from the end).</param>
    /// <exception cref="ArgumentException">The list is empty or holds a null entry.</exception>
    public static Tensor Cat(IReadOnlyList<Tensor> tensors, long dim = 0) => Join(tensors, dim, stack: false);

    /// <summary>The tensors joined along a new dimension inserted at <paramref name="dim"/>.</summary>
    /// <param name="tensors">At least one tensor; all have the same shape.</param>
    /// <param name="dim">Where the new dimension goes (negative counts from the end of the result).</param>
    /// <exception cref="ArgumentException">The list is empty or holds a null entry.</exception>
    public static Tensor Stack(IReadOnlyList<Tensor> tensors, long dim = 0) => Join(tensors, dim, stack: true);

    /// <summary>
    /// Views of consecutive pieces of <paramref name="splitSize"/> entries along <paramref name="dim"/>
    /// (the last piece may be smaller). Each piece is a separately owned tensor.
    /// </summary>
    public unsafe Tensor[] Split(long splitSize, long dim = 0) =>
        Pieces(MaxPieces(dim, long.MaxValue), nameof(Split), (results, capacity) =>
            NativeMethods.lt_split(Handle, splitSize, null, 0, dim, results, capacity, out var count) == 0 ? count : -1);

    /// <summary>Views of consecutive pieces along <paramref name="dim"/> with the given sizes, which must add up to the size of <paramref name="dim"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="sizes"/> is empty.</exception>
    public unsafe Tensor[] Split(long[] sizes, long dim = 0)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        if (sizes.Length == 0)
        {
            throw new ArgumentException("The list 'sizes' is empty; give the size of each piece.", nameof(sizes));
        }

        return Pieces(sizes.Length, nameof(Split), (results, capacity) =>
        {
            fixed (long* s = sizes)
            {
                return NativeMethods.lt_split(Handle, 0, s, sizes.Length, dim, results, capacity, out var count) == 0 ? count : -1;
            }
        });
    }

    /// <summary>
    /// Views of at most <paramref name="chunks"/> pieces of equal size along <paramref name="dim"/>
    /// (the last may be smaller), as PyTorch's <c>chunk</c>.
    /// </summary>
    public unsafe Tensor[] Chunk(long chunks, long dim = 0) =>
        Pieces(MaxPieces(dim, chunks, emptyGivesLimit: true), nameof(Chunk), (results, capacity) =>
            NativeMethods.lt_chunk(Handle, chunks, dim, results, capacity, out var count) == 0 ? count : -1);

    private static unsafe Tensor Join(IReadOnlyList<Tensor> tensors, long dim, bool stack)
    {
        var operation = stack ? nameof(Stack) : nameof(Cat);
        ArgumentNullException.ThrowIfNull(tensors);
        if (tensors.Count == 0)
        {
            throw new ArgumentException($"The list 'tensors' is empty; {operation} needs at least one tensor.", nameof(tensors));
        }

        for (var i = 0; i < tensors.Count; i++)
        {
            if (tensors[i] is null)
            {
                throw new ArgumentException($"The tensor at position {i} of 'tensors' is null; {operation} needs a tensor in every position.", nameof(tensors));
            }
        }

        using var pinned = new HandleArray(tensors);
        fixed (IntPtr* p = pinned.Pointers)
        {
            TensorHandle r;
            var status = stack
                ? NativeMethods.lt_stack(p, tensors.Count, dim, out r)
                : NativeMethods.lt_cat(p, tensors.Count, dim, out r);
            return Wrap(status, r, operation);
        }
    }

    // An upper bound on the number of pieces a split of `dim` can give: one per entry, at least one,
    // and no more than `limit` (chunk gives `limit` empty pieces of an empty dimension). A dimension
    // out of range gives 1; the native call then reports it.
    private long MaxPieces(long dim, long limit, bool emptyGivesLimit = false)
    {
        var shape = Shape;
        var d = dim < 0 ? dim + shape.Length : dim;
        var size = d >= 0 && d < shape.Length ? shape[d] : 1;
        if (size == 0 && emptyGivesLimit)
        {
            return Math.Max(1, limit);
        }

        return Math.Clamp(limit, 1, Math.Max(1, size));
    }

    private unsafe Tensor[] Pieces(long capacity, string operation, PieceCall call)
    {
        var results = new IntPtr[capacity];
        long count;
        fixed (IntPtr* p = results)
        {
            count = call(p, capacity);
        }

        if (count < 0)
        {
            NativeMethods.Check(-1, operation);
        }

        var pieces = new Tensor[count];
        for (var i = 0; i < count; i++)
        {
            pieces[i] = OwnedPointer.ToTensor(results[i])!;
        }

        return pieces;
    }

    private unsafe delegate long PieceCall(IntPtr* results, long capacity);
}
