using LotteryTickets.Masks;

namespace LotteryTickets.Pruning;

/// <summary>
/// Frankle &amp; Carbin's iterative pruning schedule: at every level each layer loses a fixed fraction of its
/// remaining weights — 20% by default, 10% for the output layer, per-layer overrides by name — so a hidden layer
/// keeps 100%, 80%, 64%, 51.2%, … of its weights after levels 0, 1, 2, 3, ….
/// </summary>
public sealed class IterativeRates : ILevelPruneSchedule
{
    private readonly Dictionary<string, double> layerRates;
    private readonly string[] ignored;

    /// <summary>Creates the schedule from a copy of <paramref name="options"/>.</summary>
    /// <param name="options">The options; null for the defaults (10 levels, 20%, output 10%, layerwise).</param>
    /// <exception cref="ArgumentException">The options are invalid (every problem is listed).</exception>
    public IterativeRates(IterativeRatesOptions? options = null)
    {
        options ??= new IterativeRatesOptions();
        options.Validate();
        Levels = options.Levels;
        Rate = options.Rate;
        OutputRate = options.OutputRate;
        Scope = options.Scope;
        layerRates = new Dictionary<string, double>(options.LayerRates, StringComparer.Ordinal);
        ignored = options.IgnoredLayers.Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <inheritdoc />
    public int Levels { get; }

    /// <summary>The fraction of remaining weights pruned per level from hidden layers (and, in global scope, from all participating weights).</summary>
    public double Rate { get; }

    /// <summary>The fraction of remaining weights pruned per level from the output layer (layerwise scope).</summary>
    public double OutputRate { get; }

    /// <inheritdoc />
    public PruningScope Scope { get; }

    /// <summary>The per-layer rates by parameter name.</summary>
    public IReadOnlyDictionary<string, double> LayerRates => layerRates;

    /// <summary>The parameter names never pruned.</summary>
    public IReadOnlyList<string> IgnoredLayers => ignored;

    /// <summary>
    /// The fraction of its remaining weights that <paramref name="layer"/> loses per level: 0 when ignored; in
    /// layerwise scope its <see cref="LayerRates"/> entry, else <see cref="OutputRate"/> for the output layer, else
    /// <see cref="Rate"/>; in global scope <see cref="Rate"/> of all participating weights together.
    /// </summary>
    /// <param name="layer">The layer.</param>
    /// <returns>The rate.</returns>
    public double RateFor(PrunableLayer layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        if (ignored.Contains(layer.Name))
        {
            return 0;
        }

        if (Scope == PruningScope.Global)
        {
            return Rate;
        }

        return layerRates.TryGetValue(layer.Name, out var rate) ? rate : layer.IsOutput ? OutputRate : Rate;
    }

    /// <inheritdoc />
    public PruningStep GetLevel(int level, IReadOnlyList<PrunableLayer> layers)
    {
        if (level < 1 || level > Levels)
        {
            throw new ArgumentOutOfRangeException(
                nameof(level), level, $"The level is {level}; this schedule has levels 1 to {Levels}. Ask for a level in that range.");
        }

        var participating = ScheduleLayers.Participating(nameof(IterativeRates), layers, ignored, layerRates.Keys);
        return Scope == PruningScope.Global
            ? PruningStep.Global(participating, PruneAmount.FractionOfRemaining(Rate))
            : PruningStep.Layerwise(participating.Select(l => new LayerPruning(l, PruneAmount.FractionOfRemaining(RateFor(l)))));
    }

    /// <summary>
    /// The fraction of <paramref name="layer"/>'s weights left after <paramref name="level"/> levels in layerwise
    /// scope, before rounding to whole weights: (1 − rate)^level, e.g. 1, 0.8, 0.64, 0.512 for a hidden layer.
    /// </summary>
    /// <param name="layer">The layer.</param>
    /// <param name="level">The level, from 0 (dense).</param>
    /// <returns>The fraction remaining.</returns>
    public double FractionRemaining(PrunableLayer layer, int level)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(level);
        return Math.Pow(1 - RateFor(layer), level);
    }

    /// <summary>
    /// The percentage of all the weights of <paramref name="layers"/> left after <paramref name="level"/> levels,
    /// counting whole weights with the rounding of <see cref="PruneAmount.PrunedAfter"/> level by level — the
    /// "% weights remaining" of Frankle &amp; Carbin's plots, as this schedule plans it.
    /// </summary>
    /// <param name="layers">The prunable layers, in model order.</param>
    /// <param name="level">The level, from 0 (dense) to <see cref="Levels"/>.</param>
    /// <returns>The percentage, 100 at level 0.</returns>
    public double PercentRemaining(IReadOnlyList<PrunableLayer> layers, int level)
    {
        ArgumentNullException.ThrowIfNull(layers);
        if (level < 0 || level > Levels)
        {
            throw new ArgumentOutOfRangeException(
                nameof(level), level, $"The level is {level}; this schedule has levels 0 to {Levels}. Ask for a level in that range.");
        }

        long total = layers.Sum(l => l.Count);
        long left;
        if (Scope == PruningScope.Global)
        {
            // Which layer loses what depends on the weights; the combined count is what the schedule fixes.
            var participating = ScheduleLayers.Participating(nameof(IterativeRates), layers, ignored, layerRates.Keys);
            long all = participating.Sum(l => l.Count);
            long kept = all;
            var amount = PruneAmount.FractionOfRemaining(Rate);
            for (var l = 1; l <= level; l++)
            {
                kept -= amount.CountToPrune(all, kept);
            }

            left = total - all + kept;
        }
        else
        {
            ScheduleLayers.Participating(nameof(IterativeRates), layers, ignored, layerRates.Keys);
            left = 0;
            foreach (var layer in layers)
            {
                var amount = PruneAmount.FractionOfRemaining(RateFor(layer));
                long kept = layer.Count;
                for (var l = 1; l <= level; l++)
                {
                    kept -= amount.CountToPrune(layer.Count, kept);
                }

                left += kept;
            }
        }

        return total == 0 ? 100 : 100.0 * left / total;
    }
}
