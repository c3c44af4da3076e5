using LotteryTickets.Pruning;

namespace LotteryTickets.Experiments;

/// <summary>Turns a schedule's <see cref="PruningStep"/> into the <see cref="Pruner"/>'s amounts.</summary>
internal static class PruningStepAmounts
{
    /// <summary>
    /// Layerwise: each listed layer its own amount, unlisted layers <see cref="PruneAmount.None"/>. Global: the listed
    /// layers share <see cref="PruningStep.GlobalAmount"/> in one pool; unlisted layers get <see cref="PruneAmount.None"/>
    /// on their own.
    /// </summary>
    public static PruningAmounts From(PruningStep step, IReadOnlyList<PrunableLayer> layers)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(layers);
        var listed = step.Layers.Select(l => l.Layer.Name).ToHashSet(StringComparer.Ordinal);
        if (step.Scope == PruningScope.Global)
        {
            var amounts = new PruningAmounts(step.GlobalAmount ?? PruneAmount.None);
            foreach (var layer in layers.Where(l => !listed.Contains(l.Name)))
            {
                amounts = amounts.WithLayer(layer.Name, PruneAmount.None);
            }

            return amounts;
        }

        var result = new PruningAmounts(PruneAmount.None);
        foreach (var layer in step.Layers)
        {
            result = result.WithLayer(layer.Layer.Name, layer.Amount);
        }

        return result;
    }
}
