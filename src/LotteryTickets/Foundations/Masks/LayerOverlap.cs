namespace LotteryTickets.Masks;

/// <summary>How far two masks agree on one layer: the kept weights they share and the kept weights of either.</summary>
/// <param name="Name">The layer's state-dict name.</param>
/// <param name="Intersection">The number of weights both masks keep.</param>
/// <param name="Union">The number of weights at least one mask keeps.</param>
public sealed record LayerOverlap(string Name, long Intersection, long Union)
{
    /// <summary>The Jaccard index |A ∩ B| / |A ∪ B| of the kept weights (1 when both masks prune the whole layer).</summary>
    public double Jaccard => Union == 0 ? 1 : (double)Intersection / Union;
}
