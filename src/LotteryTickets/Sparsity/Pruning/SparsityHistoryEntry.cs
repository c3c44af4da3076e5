using LotteryTickets.Masks;

namespace LotteryTickets.Pruning;

/// <summary>One pruning step of a gradual run: the iteration it happened before, and the sparsity of the new mask, measured from the mask.</summary>
/// <param name="Iteration">The iteration the mask applies from (pruned before its forward pass).</param>
/// <param name="Sparsity">The per-layer and overall counts of the weights the new mask keeps.</param>
public sealed record SparsityHistoryEntry(long Iteration, SparsityReport Sparsity)
{
    /// <summary>The percentage of the masked weights that remain, over all masked layers.</summary>
    public double PercentRemaining => Sparsity.PercentRemaining;
}
