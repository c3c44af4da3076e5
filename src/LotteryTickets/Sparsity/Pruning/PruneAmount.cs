using System.Globalization;

namespace LotteryTickets.Pruning;

/// <summary>
/// How much of a layer (or, in global scope, of the pool of layers pruned together) one step
/// prunes: a fraction of the remaining weights, a target sparsity, or a target remaining count.
/// Counts follow one rounding rule everywhere in the library, open_lth's: a fraction of remaining
/// prunes ⌈f × remaining⌉ more weights and a target sparsity gives ⌈s × total⌉ pruned weights, where a
/// product within 1e-9 (relative) of an integer counts as that integer (so 0.2 × 100 is 20, not 21).
/// At 20% per level this gives 100 → 80 → 64 → 51 → 40 remaining.
/// </summary>
public readonly record struct PruneAmount
{
    private PruneAmount(PruneAmountKind kind, double value)
    {
        Kind = kind;
        Value = value;
    }

    /// <summary>How <see cref="Value"/> is measured.</summary>
    public PruneAmountKind Kind { get; }

    /// <summary>The fraction, the sparsity, or the remaining count, depending on <see cref="Kind"/>.</summary>
    public double Value { get; }

    /// <summary>Prunes nothing.</summary>
    public static PruneAmount None => new(PruneAmountKind.FractionOfRemaining, 0);

    /// <summary>Prunes <paramref name="fraction"/> of the weights that are still unpruned (IMP: 0.2 per level).</summary>
    /// <param name="fraction">The fraction of the remaining weights to prune, at least 0 and less than 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">The fraction is outside [0, 1).</exception>
    public static PruneAmount FractionOfRemaining(double fraction) =>
        new(PruneAmountKind.FractionOfRemaining, Require(fraction, "pruning rate", "the fraction of the remaining weights to prune, e.g. 0.2"));

    /// <summary>Prunes until <paramref name="sparsity"/> of all the weights are pruned.</summary>
    /// <param name="sparsity">The fraction of all weights pruned after the step, at least 0 and less than 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">The sparsity is outside [0, 1).</exception>
    public static PruneAmount TargetSparsity(double sparsity) =>
        new(PruneAmountKind.TargetSparsity, Require(sparsity, "target sparsity", "the fraction of weights that should be zero, e.g. 0.9"));

    /// <summary>Prunes until <paramref name="count"/> weights remain.</summary>
    /// <param name="count">The target number of remaining weights, at least 0.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public static PruneAmount ToRemainingCount(long count)
    {
        if (count < 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(count), count, string.Create(CultureInfo.InvariantCulture, $"The target remaining count {count} is negative; give the number of weights to keep."));
        }

        return new(PruneAmountKind.RemainingCount, count);
    }

    /// <summary>
    /// The number of weights pruned after the step, out of <paramref name="total"/> of which
    /// <paramref name="remaining"/> are unpruned now. Below <c>total − remaining</c> when a target lies under
    /// the current sparsity (a gradual schedule that lets weights grow back, as DSD does).
    /// </summary>
    /// <param name="total">The number of weights.</param>
    /// <param name="remaining">The number of weights not pruned now, at most <paramref name="total"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">The counts are negative or <paramref name="remaining"/> exceeds <paramref name="total"/>.</exception>
    public long PrunedAfter(long total, long remaining)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        ArgumentOutOfRangeException.ThrowIfNegative(remaining);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(remaining, total);
        return Kind switch
        {
            PruneAmountKind.FractionOfRemaining => total - remaining + CeilCount(Value * remaining),
            PruneAmountKind.TargetSparsity => Math.Min(total, CeilCount(Value * total)),
            _ => Math.Max(0, total - (long)Value),
        };
    }

    /// <summary>The change in the number of pruned weights: <see cref="PrunedAfter"/> minus those already pruned (negative when weights regrow).</summary>
    /// <param name="total">The number of weights.</param>
    /// <param name="remaining">The number of weights not pruned now.</param>
    public long CountToPrune(long total, long remaining) => PrunedAfter(total, remaining) - (total - remaining);

    /// <summary>The number of further weights to prune, never negative: pruning never revives a weight.</summary>
    /// <param name="total">The number of weights.</param>
    /// <param name="remaining">The number of weights not pruned now.</param>
    /// <returns>A count in [0, <paramref name="remaining"/>].</returns>
    public long WeightsToPrune(long total, long remaining) => Math.Clamp(CountToPrune(total, remaining), 0, remaining);

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        PruneAmountKind.FractionOfRemaining => string.Create(CultureInfo.InvariantCulture, $"{Value:R} of remaining"),
        PruneAmountKind.TargetSparsity => string.Create(CultureInfo.InvariantCulture, $"to sparsity {Value:R}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"to {(long)Value} remaining"),
    };

    internal static long CeilCount(double product)
    {
        var nearest = Math.Round(product);
        return (long)(Math.Abs(product - nearest) <= 1e-9 * Math.Max(1, Math.Abs(product)) ? nearest : Math.Ceiling(product));
    }

    private static double Require(double value, string what, string hint)
    {
        if (!(value >= 0 && value < 1))
        {
            throw new ArgumentOutOfRangeException(
                null, value, string.Create(CultureInfo.InvariantCulture, $"The {what} {value:R} is outside [0, 1); give {hint}."));
        }

        return value;
    }
}
