using LotteryTickets.Torch.Interop;

namespace LotteryTickets.Torch;

public sealed partial class Tensor
{
    /// <summary>The sum of all elements (a scalar tensor).</summary>
    public Tensor Sum() => Reduce(ReduceOp.Sum, [], false);

    /// <summary>The sum over <paramref name="dims"/>.</summary>
    public Tensor Sum(long[] dims, bool keepDim = false) => Reduce(ReduceOp.Sum, dims, keepDim);

    /// <summary>The sum over one dimension.</summary>
    public Tensor Sum(long dim, bool keepDim = false) => Reduce(ReduceOp.Sum, [dim], keepDim);

    /// <summary>The mean of all elements.</summary>
    public Tensor Mean() => Reduce(ReduceOp.Mean, [], false);

    /// <summary>The mean over <paramref name="dims"/>.</summary>
    public Tensor Mean(long[] dims, bool keepDim = false) => Reduce(ReduceOp.Mean, dims, keepDim);

    /// <summary>The mean over one dimension.</summary>
    public Tensor Mean(long dim, bool keepDim = false) => Reduce(ReduceOp.Mean, [dim], keepDim);

    /// <summary>The product of all elements.</summary>
    public Tensor Prod() => Reduce(ReduceOp.Prod, [], false);

    /// <summary>The product over one dimension.</summary>
    public Tensor Prod(long dim, bool keepDim = false) => Reduce(ReduceOp.Prod, [dim], keepDim);

    /// <summary>The maximum of all elements.</summary>
    public Tensor Max() => Reduce(ReduceOp.Amax, [], false);

    /// <summary>The minimum of all elements.</summary>
    public Tensor Min() => Reduce(ReduceOp.Amin, [], false);

    /// <summary>The maximum over <paramref name="dims"/> (values only).</summary>
    public Tensor Amax(long[] dims, bool keepDim = false) => Reduce(ReduceOp.Amax, dims, keepDim);

    /// <summary>The minimum over <paramref name="dims"/> (values only).</summary>
    public Tensor Amin(long[] dims, bool keepDim = false) => Reduce(ReduceOp.Amin, dims, keepDim);

    /// <summary>The maximum along one dimension, with the indices where it occurs.</summary>
    public (Tensor Values, Tensor Indices) Max(long dim, bool keepDim = false) => MaxMin(0, dim, keepDim, nameof(Max));

    /// <summary>The minimum along one dimension, with the indices where it occurs.</summary>
    public (Tensor Values, Tensor Indices) Min(long dim, bool keepDim = false) => MaxMin(1, dim, keepDim, nameof(Min));

    /// <summary>The standard deviation of all elements (Bessel-corrected unless <paramref name="unbiased"/> is false).</summary>
    public Tensor Std(bool unbiased = true) => Reduce(ReduceOp.Std, [], false, unbiased);

    /// <summary>The standard deviation over <paramref name="dims"/>.</summary>
    public Tensor Std(long[] dims, bool unbiased = true, bool keepDim = false) => Reduce(ReduceOp.Std, dims, keepDim, unbiased);

    /// <summary>The variance of all elements.</summary>
    public Tensor Var(bool unbiased = true) => Reduce(ReduceOp.Var, [], false, unbiased);

    /// <summary>The variance over <paramref name="dims"/>.</summary>
    public Tensor Var(long[] dims, bool unbiased = true, bool keepDim = false) => Reduce(ReduceOp.Var, dims, keepDim, unbiased);

    /// <summary>The Euclidean (Frobenius) norm of all elements.</summary>
    public Tensor Norm() => Reduce(ReduceOp.Norm, [], false);

    /// <summary>The Euclidean norm over <paramref name="dims"/>.</summary>
    public Tensor Norm(long[] dims, bool keepDim = false) => Reduce(ReduceOp.Norm, dims, keepDim);

    /// <summary>Whether every element is true (non-zero).</summary>
    public Tensor All() => Reduce(ReduceOp.All, [], false);

    /// <summary>Whether any element is true (non-zero).</summary>
    public Tensor Any() => Reduce(ReduceOp.Any, [], false);

    /// <summary>Whether every element along <paramref name="dim"/> is true.</summary>
    public Tensor All(long dim, bool keepDim = false) => Reduce(ReduceOp.All, [dim], keepDim);

    /// <summary>Whether any element along <paramref name="dim"/> is true.</summary>
    public Tensor Any(long dim, bool keepDim = false) => Reduce(ReduceOp.Any, [dim], keepDim);

    /// <summary>log Σ exp(x) over <paramref name="dims"/>, computed stably.</summary>
    public Tensor LogSumExp(long[] dims, bool keepDim = false) => Reduce(ReduceOp.LogSumExp, dims, keepDim);

    /// <summary>The number of non-zero elements (an int64 scalar tensor).</summary>
    public Tensor CountNonzero() => Reduce(ReduceOp.CountNonzero, [], false);

    /// <summary>The number of non-zero elements over <paramref name="dims"/>.</summary>
    public Tensor CountNonzero(long[] dims) => Reduce(ReduceOp.CountNonzero, dims, false);

    /// <summary>The index of the maximum of the flattened tensor.</summary>
    public Tensor ArgMax() => Wrap(NativeMethods.lt_argmax(Handle, 0, 0, 0, out var r), r, nameof(ArgMax));

    /// <summary>The indices of the maxima along <paramref name="dim"/>.</summary>
    public Tensor ArgMax(long dim, bool keepDim = false) =>
        Wrap(NativeMethods.lt_argmax(Handle, dim, 1, keepDim ? 1 : 0, out var r), r, nameof(ArgMax));

    /// <summary>The index of the minimum of the flattened tensor.</summary>
    public Tensor ArgMin() => Wrap(NativeMethods.lt_argmin(Handle, 0, 0, 0, out var r), r, nameof(ArgMin));

    /// <summary>The indices of the minima along <paramref name="dim"/>.</summary>
    public Tensor ArgMin(long dim, bool keepDim = false) =>
        Wrap(NativeMethods.lt_argmin(Handle, dim, 1, keepDim ? 1 : 0, out var r), r, nameof(ArgMin));

    private unsafe Tensor Reduce(ReduceOp op, long[] dims, bool keepDim, bool unbiased = true)
    {
        ArgumentNullException.ThrowIfNull(dims);
        fixed (long* d = dims)
        {
            var status = NativeMethods.lt_reduce(op, Handle, d, dims.Length, keepDim ? 1 : 0, unbiased ? 1 : 0, out var r);
            if (status != 0)
            {
                NativeMethods.Check(status, op.ToString());
            }

            return new Tensor(r);
        }
    }

    private (Tensor Values, Tensor Indices) MaxMin(int kind, long dim, bool keepDim, string operation)
    {
        NativeMethods.Check(NativeMethods.lt_max_min_dim(kind, Handle, dim, keepDim ? 1 : 0, out var v, out var i), operation);
        return (new Tensor(v), new Tensor(i));
    }
}
