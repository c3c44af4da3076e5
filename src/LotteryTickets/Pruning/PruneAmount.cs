using System.Globalization;

namespace LotteryTickets.Pruning;

/// <summary>
/// How much of a layer (or, in global scope, of all participating layers together) to prune in one step:
/// either a fraction of the remaining weights or a target sparsity. <see cref="PrunedAfter"/> turns it into a
/// count with the one rounding rule of the library, so every pruner agrees on the numbers.
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

    /// <summary>The fraction, in [0, 1).</summary>
    public double Value { get; }

    /// <summary>Prune <paramref name="fraction"/> of the weights that are still unpruned.</summary>
    /// <param name="fraction">The fraction of the remaining weights to prune, at least 0 and less than 1.</param>
    /// <returns>The amount.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The fraction is outside [0, 1).</exception>
    public static PruneAmount FractionOfRemaining(double fraction) =>
        new(PruneAmountKind.FractionOfRemaining, Require(fraction, nameof(fraction)));

    /// <summary>Prune until <paramref name="sparsity"/> of all the weights are pruned.</summary>
    /// <param name="sparsity">The fraction of all weights pruned after the step, at least 0 and less than 1.</param>
    /// <returns>The amount.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The sparsity is outside [0, 1).</exception>
    public static PruneAmount TargetSparsity(double sparsity) =>
        new(PruneAmountKind.TargetSparsity, Require(sparsity, nameof(sparsity)));

    /// <summary>
    /// The number of weights pruned after the step, out of <paramref name="total"/> of which
    /// <paramref name="remaining"/> are unpruned now. A fraction of remaining prunes
    /// ⌈fraction × remaining⌉ more (as open_lth); a target sparsity gives ⌈sparsity × total⌉. Products within
    /// 1e-9 (relative) of an integer count as that integer, so 0.2 × 100 is 20, not 21.
    /// </summary>
    /// <param name="total">The number of weights.</param>
    /// <param name="remaining">The number of weights not pruned now, at most <paramref name="total"/>.</param>
    /// <returns>The number of pruned weights after the step; below <c>total − remaining</c> when a target sparsity lies under the current one (weights regrow).</returns>
    /// <exception cref="ArgumentOutOfRangeException">The counts are negative or <paramref name="remaining"/> exceeds <paramref name="total"/>.</exception>
    public long PrunedAfter(long total, long remaining)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        ArgumentOutOfRangeException.ThrowIfNegative(remaining);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(remaining, total);
        return Kind == PruneAmountKind.FractionOfRemaining
            ? total - remaining + CeilCount(Value * remaining)
            : Math.Min(total, CeilCount(Value * total));
    }

    /// <summary>The number of further weights to prune: <see cref="PrunedAfter"/> minus those already pruned (negative when weights regrow).</summary>
    /// <param name="total">The number of weights.</param>
    /// <param name="remaining">The number of weights not pruned now.</param>
    /// <returns>The change in the number of pruned weights.</returns>
    public long CountToPrune(long total, long remaining) => PrunedAfter(total, remaining) - (total - remaining);

    /// <inheritdoc />
    public override string ToString() => Kind == PruneAmountKind.FractionOfRemaining
        ? string.Create(CultureInfo.InvariantCulture, $"{Value:R} of remaining")
        : string.Create(CultureInfo.InvariantCulture, $"sparsity {Value:R}");

    internal static long CeilCount(double product)
    {
        var nearest = Math.Round(product);
        return (long)(Math.Abs(product - nearest) <= 1e-9 * Math.Max(1, Math.Abs(product)) ? nearest : Math.Ceiling(product));
    }

    private static double Require(double value, string name)
    {
        if (!(value >= 0 && value < 1))
        {
            throw new ArgumentOutOfRangeException(
                name, value, string.Create(CultureInfo.InvariantCulture, $"The '{name}' is {value:R}; it must be at least 0 and less than 1."));
        }

        return value;
    }
}
