namespace LotteryTickets.Pruning;

/// <summary>
/// How many weights one pruning step removes from a layer (or from the pool of layers pruned
/// together under global scope). Counts are whole numbers, rounded to the nearest integer with
/// halves rounded up (away from zero). Frankle &amp; Carbin's TensorFlow code and open_lth differ
/// here (open_lth rounds <c>rate × remaining</c> up with <c>np.ceil</c>, Zhou et al. truncate);
/// rounding to nearest is unbiased and gives 100 → 80 → 64 → 51 remaining at 20% per level.
/// </summary>
public readonly record struct PruneAmount
{
    private PruneAmount(PruneAmountKind kind, double value)
    {
        Kind = kind;
        Value = value;
    }

    /// <summary>How the amount is expressed.</summary>
    public PruneAmountKind Kind { get; }

    /// <summary>The rate, the sparsity, or the remaining count, depending on <see cref="Kind"/>.</summary>
    public double Value { get; }

    /// <summary>Prunes nothing.</summary>
    public static PruneAmount None => new(PruneAmountKind.FractionOfRemaining, 0);

    /// <summary>Prunes round(<paramref name="rate"/> × remaining) of the weights that remain (IMP: 0.2 per level).</summary>
    /// <param name="rate">The fraction of the remaining weights to prune, in [0, 1].</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rate"/> is outside [0, 1].</exception>
    public static PruneAmount FractionOfRemaining(double rate)
    {
        if (!(rate >= 0 && rate <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(rate), rate, $"The pruning rate {rate} is outside [0, 1]; give the fraction of the remaining weights to prune, e.g. 0.2.");
        }

        return new(PruneAmountKind.FractionOfRemaining, rate);
    }

    /// <summary>
    /// Prunes until round(<paramref name="sparsity"/> × total) weights are pruned (never un-prunes:
    /// a layer already sparser than the target is left as it is).
    /// </summary>
    /// <param name="sparsity">The target fraction of all weights that are pruned, in [0, 1].</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sparsity"/> is outside [0, 1].</exception>
    public static PruneAmount ToSparsity(double sparsity)
    {
        if (!(sparsity >= 0 && sparsity <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(sparsity), sparsity, $"The target sparsity {sparsity} is outside [0, 1]; give the fraction of weights that should be zero, e.g. 0.9.");
        }

        return new(PruneAmountKind.Sparsity, sparsity);
    }

    /// <summary>Prunes until <paramref name="count"/> weights remain (never un-prunes).</summary>
    /// <param name="count">The target number of remaining weights, at least 0.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public static PruneAmount ToRemainingCount(long count)
    {
        if (count < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"The target remaining count {count} is negative; give the number of weights to keep.");
        }

        return new(PruneAmountKind.RemainingCount, count);
    }

    /// <summary>The number of weights to prune from a pool of <paramref name="total"/> weights of which <paramref name="remaining"/> remain.</summary>
    /// <param name="total">All weights in the pool, pruned or not.</param>
    /// <param name="remaining">The weights not yet pruned.</param>
    /// <returns>A count in [0, <paramref name="remaining"/>].</returns>
    public long WeightsToPrune(long total, long remaining)
    {
        long n = Kind switch
        {
            PruneAmountKind.FractionOfRemaining => RoundHalfUp(Value * remaining),
            PruneAmountKind.Sparsity => RoundHalfUp(Value * total) - (total - remaining),
            _ => remaining - (long)Value,
        };
        return Math.Clamp(n, 0, remaining);
    }

    /// <inheritdoc/>
    public override string ToString() => Kind switch
    {
        PruneAmountKind.FractionOfRemaining => $"{Value:0.####} of remaining",
        PruneAmountKind.Sparsity => $"to sparsity {Value:0.####}",
        _ => $"to {(long)Value} remaining",
    };

    private static long RoundHalfUp(double x) => (long)Math.Round(x, MidpointRounding.AwayFromZero);
}
