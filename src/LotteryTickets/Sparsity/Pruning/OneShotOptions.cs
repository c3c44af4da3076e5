namespace LotteryTickets.Pruning;

/// <summary>
/// The options of <see cref="OneShot"/>: prune once, after the dense run, to a target sparsity. The schedule copies
/// them when it is created and checks them all at once, reporting every problem in one <see cref="ArgumentException"/>.
/// </summary>
public sealed class OneShotOptions
{
    /// <summary>The default target sparsity.</summary>
    public const double DefaultSparsity = 0.8;

    /// <summary>The fraction of weights pruned after the step, in each layer (layerwise) or over all participating layers (global).</summary>
    /// <value>The default value is 0.8. Must be at least 0 and less than 1.</value>
    public double Sparsity { get; set; } = DefaultSparsity;

    /// <summary>Per-layer target sparsities by parameter name, overriding <see cref="Sparsity"/>; layerwise scope only.</summary>
    /// <value>The default value is empty. Each must be at least 0 and less than 1.</value>
    public IDictionary<string, double> LayerSparsities { get; set; } = new Dictionary<string, double>(StringComparer.Ordinal);

    /// <summary>Whether each layer reaches the sparsity on its own or one threshold spans all layers.</summary>
    /// <value>The default value is <see cref="PruningScope.Layerwise"/>.</value>
    public PruningScope Scope { get; set; } = PruningScope.Layerwise;

    /// <summary>Parameter names never pruned.</summary>
    /// <value>The default value is empty.</value>
    public IList<string> IgnoredLayers { get; set; } = [];

    /// <summary>Every problem with these options, as sentences; empty when they are valid (the constructor of the schedule throws them together).</summary>
    /// <returns>The problems.</returns>
    public IReadOnlyList<string> GetValidationErrors() => Check().Errors;

    internal void Validate() => Check().ThrowIfInvalid();

    private ScheduleValidator Check()
    {
        var v = new ScheduleValidator(nameof(OneShotOptions));
        v.Fraction(Sparsity, nameof(Sparsity));
        v.Fractions(LayerSparsities, nameof(LayerSparsities));
        v.Names(IgnoredLayers, nameof(IgnoredLayers));
        if (!Enum.IsDefined(Scope))
        {
            v.Add($"'{nameof(Scope)}' is {Scope}; it must be Layerwise or Global.");
        }

        if (Scope == PruningScope.Global && LayerSparsities is { Count: > 0 })
        {
            v.Add("'LayerSparsities' is set but 'Scope' is Global, where one sparsity spans all layers; clear 'LayerSparsities' or use Layerwise scope.");
        }

        return v;
    }
}
