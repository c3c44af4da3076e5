namespace LotteryTickets.Pruning;

/// <summary>How a <see cref="PruneAmount"/> measures the weights to prune.</summary>
public enum PruneAmountKind
{
    /// <summary>A fraction of the weights still unpruned (Frankle &amp; Carbin's per-level rate).</summary>
    FractionOfRemaining,

    /// <summary>The fraction of all weights that are pruned after the step (a sparsity target).</summary>
    TargetSparsity,

    /// <summary>A target number of weights that remain after the step.</summary>
    RemainingCount,
}
