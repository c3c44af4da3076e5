using LotteryTickets.Masks;

namespace LotteryTickets.Initialization;

/// <summary>
/// A rule that spreads a number of weights to keep over the prunable layers: how dense each layer of a mask drawn at
/// initialization is (uniform, Su et al.'s smart ratio, Evci et al.'s Erdős–Rényi-Kernel). The built-ins are in
/// <see cref="LayerDensities"/>; implement it for a rule of your own and build the result with
/// <see cref="LayerKeepCounts.FromExactCounts"/>, which rounds to whole weights.
/// </summary>
public interface ILayerDensities
{
    /// <summary>The rule's name (e.g. <c>smart_ratio</c>).</summary>
    string Name { get; }

    /// <summary>How many weights each layer keeps so that <paramref name="target"/> weights are kept in all.</summary>
    /// <param name="layers">The prunable layers, in model order (their <see cref="PrunableLayer.Kind"/> matters to some rules).</param>
    /// <param name="target">The number of weights to keep over all layers, from 0 to the layers' total.</param>
    /// <returns>Whole counts per layer that sum to <paramref name="target"/> exactly, with the rule's unrounded densities.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The target is negative, exceeds the layers' total, or the rule cannot reach it; the message says what to do.</exception>
    LayerKeepCounts Allocate(IReadOnlyList<PrunableLayer> layers, long target);
}
