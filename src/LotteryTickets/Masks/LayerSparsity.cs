namespace LotteryTickets.Masks;

/// <summary>How much of one layer a mask keeps.</summary>
/// <param name="Name">The layer's state-dict name.</param>
/// <param name="Total">The number of weights in the layer.</param>
/// <param name="Remaining">The number of weights the mask keeps (mask value 1).</param>
public sealed record LayerSparsity(string Name, long Total, long Remaining)
{
    /// <summary>The number of pruned weights (mask value 0).</summary>
    public long Pruned => Total - Remaining;

    /// <summary>The fraction of the layer's weights that remain, in [0, 1] (1 for an empty layer).</summary>
    public double FractionRemaining => Total == 0 ? 1 : (double)Remaining / Total;

    /// <summary>The percentage of the layer's weights that remain, in [0, 100].</summary>
    public double PercentRemaining => 100 * FractionRemaining;
}
