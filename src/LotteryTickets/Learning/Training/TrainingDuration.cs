using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace LotteryTickets.Training;

/// <summary>
/// A length of training, or a point in it, counted in iterations or in epochs and written as in
/// open_lth: <c>5000it</c> or <c>50ep</c>. Epochs become iterations once the number of batches per
/// epoch is known (<see cref="ToIterations"/>).
/// </summary>
/// <param name="Count">The number of iterations or epochs (at least 0).</param>
/// <param name="Unit">What <paramref name="Count"/> counts.</param>
public readonly record struct TrainingDuration(long Count, DurationUnit Unit) : IParsable<TrainingDuration>
{
    private const string IterationSuffix = "it";
    private const string EpochSuffix = "ep";

    /// <summary>A duration of <paramref name="count"/> iterations.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public static TrainingDuration Iterations(long count) => new(NonNegative(count), DurationUnit.Iterations);

    /// <summary>A duration of <paramref name="count"/> epochs.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public static TrainingDuration Epochs(long count) => new(NonNegative(count), DurationUnit.Epochs);

    /// <summary>Reads a duration written as a whole number followed by <c>it</c> or <c>ep</c> (<c>5000it</c>, <c>50ep</c>).</summary>
    /// <param name="s">The text; surrounding white space is ignored, the suffix is case-insensitive.</param>
    /// <exception cref="ArgumentNullException"><paramref name="s"/> is null.</exception>
    /// <exception cref="FormatException">The text is not a duration; the message shows the expected form.</exception>
    public static TrainingDuration Parse(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return TryParse(s, out var result)
            ? result
            : throw new FormatException(
                $"The training duration '{s}' is not valid: write a whole number of at least 0 followed by 'it' for iterations or 'ep' for epochs, for example '5000it' or '50ep'.");
    }

    /// <inheritdoc cref="Parse(string)"/>
    /// <param name="s">The text.</param>
    /// <param name="provider">Ignored: durations are written the same in every culture.</param>
    public static TrainingDuration Parse(string s, IFormatProvider? provider) => Parse(s);

    /// <summary>Reads a duration like <see cref="Parse(string)"/>, returning whether the text was one.</summary>
    public static bool TryParse([NotNullWhen(true)] string? s, out TrainingDuration result)
    {
        result = default;
        if (s is null)
        {
            return false;
        }

        var text = s.AsSpan().Trim();
        DurationUnit unit;
        if (text.EndsWith(IterationSuffix, StringComparison.OrdinalIgnoreCase))
        {
            unit = DurationUnit.Iterations;
        }
        else if (text.EndsWith(EpochSuffix, StringComparison.OrdinalIgnoreCase))
        {
            unit = DurationUnit.Epochs;
        }
        else
        {
            return false;
        }

        var number = text[..^2];
        if (number.IsEmpty || !long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            return false;
        }

        result = new TrainingDuration(count, unit);
        return true;
    }

    /// <inheritdoc cref="TryParse(string?, out TrainingDuration)"/>
    /// <param name="s">The text.</param>
    /// <param name="provider">Ignored: durations are written the same in every culture.</param>
    /// <param name="result">The duration read.</param>
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out TrainingDuration result) =>
        TryParse(s, out result);

    /// <summary>The number of iterations this duration stands for.</summary>
    /// <param name="batchesPerEpoch">The number of batches in one epoch (at least 1).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchesPerEpoch"/> is less than 1.</exception>
    /// <exception cref="OverflowException">The number of iterations does not fit a <see cref="long"/>.</exception>
    public long ToIterations(int batchesPerEpoch)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchesPerEpoch, 1);
        return Unit == DurationUnit.Epochs ? checked(Count * batchesPerEpoch) : Count;
    }

    /// <summary>The duration as written: <c>5000it</c> or <c>50ep</c>.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Count}{(Unit == DurationUnit.Epochs ? EpochSuffix : IterationSuffix)}");

    private static long NonNegative(long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return count;
    }
}
