namespace LotteryTickets.Masks;

/// <summary>Per-layer and global Jaccard overlap of the weights two masks keep.</summary>
/// <param name="Layers">One entry per layer, in model order.</param>
public sealed record MaskOverlap(IReadOnlyList<LayerOverlap> Layers)
{
    /// <summary>The number of weights both masks keep, over all layers.</summary>
    public long Intersection => Layers.Sum(l => l.Intersection);

    /// <summary>The number of weights at least one mask keeps, over all layers.</summary>
    public long Union => Layers.Sum(l => l.Union);

    /// <summary>The global Jaccard index |A ∩ B| / |A ∪ B| over all layers (1 when both masks prune everything).</summary>
    public double Jaccard => Union == 0 ? 1 : (double)Intersection / Union;

    /// <summary>The overlap of one layer.</summary>
    /// <param name="name">The layer's state-dict name.</param>
    /// <exception cref="KeyNotFoundException">There is no such layer.</exception>
    public LayerOverlap this[string name] =>
        Layers.FirstOrDefault(l => l.Name == name)
        ?? throw new KeyNotFoundException($"The overlap has no layer '{name}'; its layers are {string.Join(", ", Layers.Select(l => $"'{l.Name}'"))}.");
}
