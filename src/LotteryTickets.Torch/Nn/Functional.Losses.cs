using LotteryTickets.Torch.Interop;

namespace LotteryTickets.Torch.Nn;

public static partial class Functional
{
    /// <summary>The index that class losses skip by default (PyTorch's <c>ignore_index</c> default).</summary>
    public const long DefaultIgnoreIndex = -100;

    /// <summary>Softmax along <paramref name="dim"/>: <c>exp(x) / Σ exp(x)</c>, computed stably.</summary>
    /// <param name="input">The input.</param>
    /// <param name="dim">The dimension to normalize over (negative counts from the end).</param>
    /// <returns>Probabilities of the input's shape, summing to 1 along <paramref name="dim"/>.</returns>
    public static Tensor Softmax(Tensor input, long dim)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Tensor.Wrap(NativeMethods.lt_softmax(input.Handle, dim, 0, out var r), r, nameof(Softmax));
    }

    /// <summary>The logarithm of <see cref="Softmax"/>, computed stably in one step.</summary>
    /// <param name="input">The input.</param>
    /// <param name="dim">The dimension to normalize over (negative counts from the end).</param>
    /// <returns>Log-probabilities of the input's shape.</returns>
    public static Tensor LogSoftmax(Tensor input, long dim)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Tensor.Wrap(NativeMethods.lt_softmax(input.Handle, dim, 1, out var r), r, nameof(LogSoftmax));
    }

    /// <summary>
    /// The cross-entropy between unnormalized scores and class targets, as PyTorch's
    /// <c>cross_entropy</c>: <c>NllLoss(LogSoftmax(input, 1), target)</c>, with optional label smoothing.
    /// </summary>
    /// <param name="input">The scores (logits), of shape (N, C), (C) or (N, C, d1, ...).</param>
    /// <param name="target">The class indices (int64), of shape (N), () or (N, d1, ...), each in [0, C) or equal to <paramref name="ignoreIndex"/>; or class probabilities of the input's shape.</param>
    /// <param name="reduction">How to combine the per-sample losses.</param>
    /// <param name="labelSmoothing">The amount in [0, 1] of probability spread uniformly over all classes.</param>
    /// <param name="ignoreIndex">A target value that contributes neither to the loss nor to the mean's divisor.</param>
    /// <returns>The loss: a scalar, or per sample with <see cref="Reduction.None"/>.</returns>
    public static Tensor CrossEntropy(
        Tensor input, Tensor target, Reduction reduction = Reduction.Mean, double labelSmoothing = 0,
        long ignoreIndex = DefaultIgnoreIndex)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(target);
        CheckReduction(reduction);
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1))
        {
            throw new ArgumentOutOfRangeException(
                nameof(labelSmoothing), labelSmoothing, $"The label smoothing '{labelSmoothing}' is invalid: it must be between 0 and 1. Pass 0 for none.");
        }

        return Tensor.Wrap(
            NativeMethods.lt_cross_entropy(input.Handle, target.Handle, (int)reduction, ignoreIndex, labelSmoothing, out var r),
            r,
            nameof(CrossEntropy));
    }

    /// <summary>The negative log-likelihood of class targets under log-probabilities, as PyTorch's <c>nll_loss</c>.</summary>
    /// <param name="input">The log-probabilities, of shape (N, C), (C) or (N, C, d1, ...).</param>
    /// <param name="target">The class indices (int64), of shape (N), () or (N, d1, ...), each in [0, C) or equal to <paramref name="ignoreIndex"/>.</param>
    /// <param name="reduction">How to combine the per-sample losses.</param>
    /// <param name="ignoreIndex">A target value that contributes neither to the loss nor to the mean's divisor.</param>
    /// <returns>The loss: a scalar, or per sample with <see cref="Reduction.None"/>.</returns>
    public static Tensor NllLoss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean, long ignoreIndex = DefaultIgnoreIndex)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(target);
        CheckReduction(reduction);
        return Tensor.Wrap(
            NativeMethods.lt_nll_loss(input.Handle, target.Handle, (int)reduction, ignoreIndex, out var r), r, nameof(NllLoss));
    }

    /// <summary>
    /// The squared error <c>(input − target)²</c>, reduced. Unlike PyTorch, which broadcasts with a
    /// warning, input and target must have the same shape (a mismatch is almost always a bug).
    /// </summary>
    /// <param name="input">The predictions.</param>
    /// <param name="target">The targets, of the input's shape.</param>
    /// <param name="reduction">How to combine the per-element losses.</param>
    /// <returns>The loss: a scalar, or per element with <see cref="Reduction.None"/>.</returns>
    public static Tensor MseLoss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(target);
        CheckReduction(reduction);
        return Tensor.Wrap(NativeMethods.lt_mse_loss(input.Handle, target.Handle, (int)reduction, out var r), r, nameof(MseLoss));
    }

    /// <summary>One-hot encoding of int64 class indices: a new last dimension with a 1 at each index.</summary>
    /// <param name="indices">Non-negative int64 class indices, of any shape.</param>
    /// <param name="numClasses">The number of classes; -1 for one more than the largest index.</param>
    /// <returns>An int64 tensor of shape (*indices.Shape, numClasses).</returns>
    public static Tensor OneHot(Tensor indices, long numClasses = -1)
    {
        ArgumentNullException.ThrowIfNull(indices);
        if (numClasses < -1 || numClasses == 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(numClasses), numClasses, $"The number of classes '{numClasses}' is invalid: it must be positive. Pass -1 to infer it from the largest index.");
        }

        return Tensor.Wrap(NativeMethods.lt_one_hot(indices.Handle, numClasses, out var r), r, nameof(OneHot));
    }

    private static void CheckReduction(Reduction reduction)
    {
        if (!Enum.IsDefined(reduction))
        {
            throw new ArgumentOutOfRangeException(
                nameof(reduction), reduction, $"The reduction '{reduction}' is not one of None, Mean or Sum. Pass one of those.");
        }
    }
}
