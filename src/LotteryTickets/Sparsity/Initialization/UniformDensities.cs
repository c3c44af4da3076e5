using LotteryTickets.Masks;

namespace LotteryTickets.Initialization;

/// <summary>
/// The same density in every layer (<c>uniform</c>): each layer keeps target / total of its weights, rounded to whole
/// weights as <see cref="LayerKeepCounts"/> describes.
/// </summary>
public sealed class UniformDensities : ILayerDensities
{
    /// <summary>The rule's name, <c>uniform</c>.</summary>
    public const string RuleName = "uniform";

    /// <inheritdoc />
    public string Name => RuleName;

    /// <inheritdoc />
    public LayerKeepCounts Allocate(IReadOnlyList<PrunableLayer> layers, long target)
    {
        ArgumentNullException.ThrowIfNull(layers);
        DensityTarget.Check(layers, target);
        var total = DensityTarget.Total(layers);
        var density = total == 0 ? 1 : (double)target / total;
        return LayerKeepCounts.FromExactCounts(layers, layers.Select(l => density * l.Count).ToArray(), target);
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
