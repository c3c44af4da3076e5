using LotteryTickets.Masks;

namespace LotteryTickets.Pruning;

/// <summary>
/// What one pruning step does: which layers take part, in model order, and how much to prune. Layers not
/// listed (ignored layers) are left as they are.
/// </summary>
/// <remarks>
/// <para><see cref="PruningScope.Layerwise"/>: each listed layer prunes its own <see cref="LayerPruning.Amount"/>
/// of its own weights, with its own threshold.</para>
/// <para><see cref="PruningScope.Global"/>: every listed layer carries the same amount (<see cref="GlobalAmount"/>);
/// the pruner ranks the weights of all listed layers together and applies the amount once to their combined
/// counts (e.g. 20% of all their remaining weights), so layers lose different fractions.</para>
/// </remarks>
public sealed class PruningStep
{
    private PruningStep(PruningScope scope, IReadOnlyList<LayerPruning> layers, PruneAmount? globalAmount)
    {
        Scope = scope;
        Layers = layers;
        GlobalAmount = globalAmount;
    }

    /// <summary>Whether the layers are ranked separately or together.</summary>
    public PruningScope Scope { get; }

    /// <summary>The layers to prune, in model order, with their amounts.</summary>
    public IReadOnlyList<LayerPruning> Layers { get; }

    /// <summary>The one amount applied across all <see cref="Layers"/> in global scope; null in layerwise scope.</summary>
    public PruneAmount? GlobalAmount { get; }

    /// <summary>A step in which each layer prunes its own amount.</summary>
    /// <param name="layers">The layers and their amounts, in model order; names must be distinct.</param>
    /// <returns>The step.</returns>
    /// <exception cref="ArgumentException">A layer name appears twice.</exception>
    public static PruningStep Layerwise(IEnumerable<LayerPruning> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        var list = layers.ToArray();
        RequireDistinct(list.Select(l => l.Layer));
        return new PruningStep(PruningScope.Layerwise, list, null);
    }

    /// <summary>A step that ranks the weights of <paramref name="layers"/> together and prunes <paramref name="amount"/> of them.</summary>
    /// <param name="layers">The participating layers, in model order; names must be distinct.</param>
    /// <param name="amount">The amount, measured over all participating weights.</param>
    /// <returns>The step.</returns>
    /// <exception cref="ArgumentException">A layer name appears twice.</exception>
    public static PruningStep Global(IEnumerable<PrunableLayer> layers, PruneAmount amount)
    {
        ArgumentNullException.ThrowIfNull(layers);
        var list = layers.ToArray();
        RequireDistinct(list);
        return new PruningStep(PruningScope.Global, list.Select(l => new LayerPruning(l, amount)).ToArray(), amount);
    }

    /// <summary>The amount for the layer named <paramref name="name"/>, or null when it does not take part.</summary>
    /// <param name="name">The parameter name, e.g. <c>fc1.weight</c>.</param>
    /// <returns>The amount, or null.</returns>
    public PruneAmount? AmountFor(string name) => Layers.FirstOrDefault(l => l.Layer.Name == name)?.Amount;

    /// <summary>
    /// The <see cref="Pruner"/>'s amounts for this step over a model's prunable layers: the one bridge from a schedule to the
    /// pruner. Layerwise: each listed layer its own amount, every other layer <see cref="PruneAmount.None"/>. Global: the
    /// listed layers share <see cref="GlobalAmount"/> in one pool; every other layer gets <see cref="PruneAmount.None"/> on
    /// its own.
    /// </summary>
    /// <param name="layers">The layers of the mask being pruned, in model order (the step's layers and any it leaves out).</param>
    /// <returns>The amounts, to pass to <see cref="Pruner.Prune(Criteria.IMaskCriterion, Criteria.CriterionContext, PruningAmounts, PruningScope)"/> with <see cref="Scope"/>.</returns>
    public PruningAmounts ToAmounts(IReadOnlyList<PrunableLayer> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        var listed = Layers.Select(l => l.Layer.Name).ToHashSet(StringComparer.Ordinal);
        if (Scope == PruningScope.Global)
        {
            var amounts = new PruningAmounts(GlobalAmount ?? PruneAmount.None);
            foreach (var layer in layers.Where(l => !listed.Contains(l.Name)))
            {
                amounts = amounts.WithLayer(layer.Name, PruneAmount.None);
            }

            return amounts;
        }

        var result = new PruningAmounts(PruneAmount.None);
        foreach (var layer in Layers)
        {
            result = result.WithLayer(layer.Layer.Name, layer.Amount);
        }

        return result;
    }

    private static void RequireDistinct(IEnumerable<PrunableLayer> layers)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var layer in layers)
        {
            ArgumentNullException.ThrowIfNull(layer);
            if (!seen.Add(layer.Name))
            {
                throw new ArgumentException($"The layer '{layer.Name}' appears twice in the pruning step. List each layer once.", nameof(layers));
            }
        }
    }
}
