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
}
