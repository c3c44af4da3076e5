using LotteryTickets.Masks;

namespace LotteryTickets.Pruning;

/// <summary>
/// The options of <see cref="IterativeRates"/>, Frankle &amp; Carbin's iterative pruning: each level prunes a fixed
/// fraction of each layer's remaining weights. The schedule copies them when it is created and checks them all at
/// once, reporting every problem in one <see cref="ArgumentException"/>.
/// </summary>
public sealed class IterativeRatesOptions
{
    /// <summary>The default number of levels.</summary>
    public const int DefaultLevels = 10;

    /// <summary>The default rate of the hidden layers: 20% of the remaining weights per level.</summary>
    public const double DefaultRate = 0.2;

    /// <summary>The default rate of the output layer: 10% of its remaining weights per level.</summary>
    public const double DefaultOutputRate = 0.1;

    /// <summary>The number of pruning levels after the dense run.</summary>
    /// <value>The default value is 10. Must be at least 1.</value>
    public int Levels { get; set; } = DefaultLevels;

    /// <summary>The fraction of the remaining weights that each layer loses per level (in global scope: of all participating weights).</summary>
    /// <value>The default value is 0.2. Must be at least 0 and less than 1.</value>
    public double Rate { get; set; } = DefaultRate;

    /// <summary>The rate of the output layer (<see cref="PrunableLayer.IsOutput"/>) in layerwise scope; ignored in global scope.</summary>
    /// <value>The default value is 0.1. Must be at least 0 and less than 1.</value>
    public double OutputRate { get; set; } = DefaultOutputRate;

    /// <summary>Per-layer rates by parameter name (e.g. <c>conv1.weight</c> → 0.15), overriding both rates; layerwise scope only.</summary>
    /// <value>The default value is empty. Each rate must be at least 0 and less than 1.</value>
    public IDictionary<string, double> LayerRates { get; set; } = new Dictionary<string, double>(StringComparer.Ordinal);

    /// <summary>Whether each layer prunes its own fraction (Frankle &amp; Carbin) or one threshold spans all layers.</summary>
    /// <value>The default value is <see cref="PruningScope.Layerwise"/>.</value>
    public PruningScope Scope { get; set; } = PruningScope.Layerwise;

    /// <summary>Parameter names never pruned (they keep all their weights and take no part in global ranking).</summary>
    /// <value>The default value is empty.</value>
    public IList<string> IgnoredLayers { get; set; } = [];

    /// <summary>Every problem with these options, as sentences; empty when they are valid (the constructor of the schedule throws them together).</summary>
    /// <returns>The problems.</returns>
    public IReadOnlyList<string> GetValidationErrors() => Check().Errors;

    internal void Validate() => Check().ThrowIfInvalid();

    private ScheduleValidator Check()
    {
        var v = new ScheduleValidator(nameof(IterativeRatesOptions));
        v.AtLeast(Levels, 1, nameof(Levels));
        v.Fraction(Rate, nameof(Rate));
        v.Fraction(OutputRate, nameof(OutputRate));
        v.Fractions(LayerRates, nameof(LayerRates));
        v.Names(IgnoredLayers, nameof(IgnoredLayers));
        if (!Enum.IsDefined(Scope))
        {
            v.Add($"'{nameof(Scope)}' is {Scope}; it must be Layerwise or Global.");
        }

        if (Scope == PruningScope.Global && LayerRates is { Count: > 0 })
        {
            v.Add("'LayerRates' is set but 'Scope' is Global, where one rate spans all layers; clear 'LayerRates' or use Layerwise scope.");
        }

        if (LayerRates is not null && IgnoredLayers is not null)
        {
            foreach (var name in IgnoredLayers.Where(n => n is not null && LayerRates.ContainsKey(n)))
            {
                v.Add($"The layer '{name}' is both ignored and given a rate in 'LayerRates'; keep one of the two.");
            }
        }

        return v;
    }
}
