using LotteryTickets.Torch.Interop;

namespace LotteryTickets.Torch.Nn;

public static partial class Functional
{
    /// <summary>
    /// Batch normalization over the channel dimension (dimension 1), as PyTorch's <c>batch_norm</c>.
    /// In training the batch statistics normalize the input and, when given, the running
    /// statistics are updated in place: <c>running = (1 − momentum)·running + momentum·batch</c>,
    /// with the unbiased batch variance for <paramref name="runningVar"/>. Otherwise the running
    /// statistics normalize the input.
    /// </summary>
    /// <param name="input">The input, of shape (N, C) or (N, C, ...).</param>
    /// <param name="runningMean">The running mean, of shape (C), updated in place when training; may be null when training.</param>
    /// <param name="runningVar">The running variance, of shape (C), updated in place when training; may be null when training.</param>
    /// <param name="weight">The scale γ, of shape (C), or <see langword="null"/> for 1.</param>
    /// <param name="bias">The shift β, of shape (C), or <see langword="null"/> for 0.</param>
    /// <param name="training">Use (and record) batch statistics rather than the running ones.</param>
    /// <param name="momentum">The weight of the batch statistics in the running-statistics update.</param>
    /// <param name="eps">The value added to the variance for numerical stability.</param>
    /// <returns>The normalized tensor, of the input's shape.</returns>
    /// <exception cref="ArgumentException">Not training and a running statistic is missing.</exception>
    public static Tensor BatchNorm(
        Tensor input, Tensor? runningMean, Tensor? runningVar, Tensor? weight = null, Tensor? bias = null,
        bool training = false, double momentum = 0.1, double eps = 1e-5)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!training && (runningMean is null || runningVar is null))
        {
            throw new ArgumentException(
                "The running statistics 'runningMean' and 'runningVar' are required outside training. Pass both, or pass training: true to normalize with batch statistics.",
                runningMean is null ? nameof(runningMean) : nameof(runningVar));
        }

        using var pinned = new HandleArray([runningMean, runningVar, weight, bias]);
        var p = pinned.Pointers;
        return Tensor.Wrap(
            NativeMethods.lt_batch_norm(input.Handle, p[0], p[1], p[2], p[3], training ? 1 : 0, momentum, eps, out var r),
            r,
            nameof(BatchNorm));
    }

    /// <summary>
    /// Inverted dropout: when <paramref name="training"/>, zeroes each element independently with
    /// probability <paramref name="p"/> and scales the others by <c>1/(1 − p)</c>, so the expected
    /// value is unchanged. It is computed as <c>input · mask / (1 − p)</c> with a Bernoulli(1 − p)
    /// mask drawn from <paramref name="generator"/> (the global generator when null), so a seeded
    /// generator makes the mask reproducible. The mask's draws therefore differ from PyTorch's
    /// fused dropout kernel even under the same seed; the distribution is the same.
    /// Not training (or <paramref name="p"/> = 0) returns a new handle to the input itself.
    /// </summary>
    /// <param name="input">The input.</param>
    /// <param name="p">The probability of zeroing an element, in [0, 1].</param>
    /// <param name="training">Apply dropout; when false the input passes through unchanged.</param>
    /// <param name="generator">The random generator that draws the mask; null for the global one.</param>
    /// <returns>The tensor after dropout.</returns>
    public static Tensor Dropout(Tensor input, double p = 0.5, bool training = true, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        CheckProbability(p, nameof(p));
        var status = NativeMethods.lt_dropout(input.Handle, p, training ? 1 : 0, Generator.Pointer(generator), out var r);
        GC.KeepAlive(generator);
        return Tensor.Wrap(status, r, nameof(Dropout));
    }

    internal static double CheckProbability(double p, string name)
    {
        if (!(p >= 0 && p <= 1))
        {
            throw new ArgumentOutOfRangeException(
                name, p, $"The dropout probability '{p}' is invalid: it must be between 0 and 1. Pass, for example, 0.5.");
        }

        return p;
    }
}
