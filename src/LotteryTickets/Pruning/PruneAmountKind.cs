namespace LotteryTickets.Pruning;

/// <summary>How a <see cref="PruneAmount"/> is expressed.</summary>
public enum PruneAmountKind
{
    /// <summary>A fraction of the weights that remain (IMP's per-level rate).</summary>
    FractionOfRemaining,

    /// <summary>A target sparsity: the fraction of all weights that are pruned afterwards.</summary>
    Sparsity,

    /// <summary>A target number of weights that remain afterwards.</summary>
    RemainingCount,
}
