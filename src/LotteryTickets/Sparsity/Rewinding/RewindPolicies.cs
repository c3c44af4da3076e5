using System.Globalization;
using LotteryTickets.Training;

namespace LotteryTickets.Rewinding;

/// <summary>The built-in rewind policies, and <see cref="Parse"/> for their names.</summary>
public static class RewindPolicies
{
    private const string IterationPrefix = "iteration:";
    private const string EpochPrefix = "epoch:";

    /// <summary>Rewind to initialization (<c>init</c>).</summary>
    public static IRewindPolicy ToInitialization { get; } = new RewindToInitialization();

    /// <summary>No rewinding: fine-tune the trained weights (<c>none</c>).</summary>
    public static IRewindPolicy None { get; } = new NoRewind();

    /// <summary>Late rewinding to iteration <paramref name="iteration"/> (<c>iteration:k</c>).</summary>
    /// <param name="iteration">The iteration, 0 or more.</param>
    /// <returns>The policy.</returns>
    public static IRewindPolicy ToIteration(long iteration) => new RewindToPoint(TrainingDuration.Iterations(iteration));

    /// <summary>Late rewinding to the start of epoch <paramref name="epoch"/> (<c>epoch:k</c>).</summary>
    /// <param name="epoch">The epoch, 0 or more.</param>
    /// <returns>The policy.</returns>
    public static IRewindPolicy ToEpoch(long epoch) => new RewindToPoint(TrainingDuration.Epochs(epoch));

    /// <summary>Learning-rate rewinding to <paramref name="point"/> (<c>lr:iteration:k</c>, <c>lr:epoch:k</c>).</summary>
    /// <param name="point">The point the schedule restarts from.</param>
    /// <returns>The policy.</returns>
    public static IRewindPolicy LearningRate(TrainingDuration point) => new LearningRateRewinding(point);

    /// <summary>
    /// Reads a policy name: <c>init</c>, <c>none</c>, <c>iteration:k</c>, <c>epoch:k</c>, <c>lr:iteration:k</c> or
    /// <c>lr:epoch:k</c> (k a whole number of at least 0).
    /// </summary>
    /// <param name="text">The name.</param>
    /// <returns>The policy.</returns>
    /// <exception cref="FormatException">The text names no policy; the message lists the forms.</exception>
    public static IRewindPolicy Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var policy)
            ? policy
            : throw new FormatException(
                $"The rewind policy '{text}' is not valid: write 'init', 'none', 'iteration:K', 'epoch:K', 'lr:iteration:K' or 'lr:epoch:K' with K a whole number, for example 'iteration:500' or 'lr:epoch:1'.");
    }

    /// <summary>Reads a policy name like <see cref="Parse"/>, returning whether the text was one.</summary>
    /// <param name="text">The name.</param>
    /// <param name="policy">The policy read.</param>
    /// <returns><see langword="true"/> when the text names a policy.</returns>
    public static bool TryParse(string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IRewindPolicy? policy)
    {
        policy = null;
        var t = text?.Trim();
        switch (t)
        {
            case null:
                return false;
            case RewindToInitialization.PolicyName:
                policy = ToInitialization;
                return true;
            case NoRewind.PolicyName:
                policy = None;
                return true;
        }

        if (t.StartsWith(LearningRateRewinding.Prefix, StringComparison.Ordinal))
        {
            if (TryParsePoint(t[LearningRateRewinding.Prefix.Length..], out var lr))
            {
                policy = new LearningRateRewinding(lr);
                return true;
            }

            return false;
        }

        if (TryParsePoint(t, out var point))
        {
            policy = new RewindToPoint(point);
            return true;
        }

        return false;
    }

    internal static string FormatPoint(TrainingDuration point) =>
        (point.Unit == DurationUnit.Epochs ? EpochPrefix : IterationPrefix) + point.Count.ToString(CultureInfo.InvariantCulture);

    private static bool TryParsePoint(string text, out TrainingDuration point)
    {
        point = default;
        DurationUnit unit;
        string number;
        if (text.StartsWith(IterationPrefix, StringComparison.Ordinal))
        {
            unit = DurationUnit.Iterations;
            number = text[IterationPrefix.Length..];
        }
        else if (text.StartsWith(EpochPrefix, StringComparison.Ordinal))
        {
            unit = DurationUnit.Epochs;
            number = text[EpochPrefix.Length..];
        }
        else
        {
            return false;
        }

        if (number.Length == 0 || !long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            return false;
        }

        point = new TrainingDuration(count, unit);
        return true;
    }
}
