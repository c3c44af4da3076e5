using LotteryTickets.Masks;

namespace LotteryTickets.Pruning;

/// <summary>
/// The amount each layer is pruned by in one step: a default, an optional amount for the output
/// layer (Frankle &amp; Carbin prune it at half the rate), and per-layer overrides by name (which
/// win over the output amount). Immutable; the <c>With…</c> methods return copies.
/// </summary>
/// <remarks>
/// Under <see cref="PruningScope.Global"/>, layers with an override (or the output layer, when
/// <see cref="Output"/> is set) are pruned on their own, layer by layer, with their amount; all
/// other layers are pooled and pruned with <see cref="Default"/> against one threshold.
/// </remarks>
public sealed class PruningAmounts
{
    private readonly Dictionary<string, PruneAmount> layers;

    /// <summary>Every layer pruned by <paramref name="default"/>.</summary>
    /// <param name="default">The amount for layers without an override.</param>
    public PruningAmounts(PruneAmount @default)
        : this(@default, null, new Dictionary<string, PruneAmount>(StringComparer.Ordinal))
    {
    }

    private PruningAmounts(PruneAmount @default, PruneAmount? output, Dictionary<string, PruneAmount> layers)
    {
        Default = @default;
        Output = output;
        this.layers = layers;
    }

    /// <summary>The amount for layers without an override.</summary>
    public PruneAmount Default { get; }

    /// <summary>The amount for the output layer (<see cref="PrunableLayer.IsOutput"/>), or <see langword="null"/> for <see cref="Default"/>.</summary>
    public PruneAmount? Output { get; }

    /// <summary>Per-layer overrides by state-dict name.</summary>
    public IReadOnlyDictionary<string, PruneAmount> Layers => layers;

    /// <summary>
    /// Frankle &amp; Carbin's per-level IMP rates: <paramref name="rate"/> of the remaining weights
    /// of every layer, <paramref name="outputRate"/> of the output layer's.
    /// </summary>
    /// <param name="rate">The rate for hidden layers (0.2 in the paper for LeNet-300-100).</param>
    /// <param name="outputRate">The rate for the output layer (half the hidden rate in the paper).</param>
    public static PruningAmounts Iterative(double rate = 0.2, double outputRate = 0.1) =>
        new PruningAmounts(PruneAmount.FractionOfRemaining(rate)).WithOutput(PruneAmount.FractionOfRemaining(outputRate));

    /// <summary>A copy with <paramref name="amount"/> for the output layer.</summary>
    /// <param name="amount">The output layer's amount.</param>
    public PruningAmounts WithOutput(PruneAmount amount) => new(Default, amount, new(layers, StringComparer.Ordinal));

    /// <summary>A copy with <paramref name="amount"/> for the layer named <paramref name="name"/>.</summary>
    /// <param name="name">The layer's state-dict name.</param>
    /// <param name="amount">Its amount.</param>
    public PruningAmounts WithLayer(string name, PruneAmount amount)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var copy = new Dictionary<string, PruneAmount>(layers, StringComparer.Ordinal) { [name] = amount };
        return new(Default, Output, copy);
    }

    /// <summary>The explicit amount for <paramref name="layer"/> (its override, else the output amount if it is the output layer), or <see langword="null"/>.</summary>
    /// <param name="layer">A prunable layer.</param>
    public PruneAmount? OverrideFor(PrunableLayer layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        if (layers.TryGetValue(layer.Name, out var a))
        {
            return a;
        }

        return layer.IsOutput ? Output : null;
    }

    /// <summary>The amount <paramref name="layer"/> is pruned by under layerwise scope.</summary>
    /// <param name="layer">A prunable layer.</param>
    public PruneAmount For(PrunableLayer layer) => OverrideFor(layer) ?? Default;
}
