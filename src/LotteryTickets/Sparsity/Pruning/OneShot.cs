using LotteryTickets.Masks;

namespace LotteryTickets.Pruning;

/// <summary>
/// One-shot pruning between runs: train the dense network, prune once to a target sparsity (of each layer, or of
/// all participating layers together), rewind and train the pruned network — a level schedule with one level.
/// </summary>
public sealed class OneShot : ILevelPruneSchedule
{
    private readonly Dictionary<string, double> layerSparsities;
    private readonly string[] ignored;

    /// <summary>Creates the schedule from a copy of <paramref name="options"/>.</summary>
    /// <param name="options">The options; null for the defaults (sparsity 0.8, layerwise).</param>
    /// <exception cref="ArgumentException">The options are invalid (every problem is listed).</exception>
    public OneShot(OneShotOptions? options = null)
    {
        options ??= new OneShotOptions();
        options.Validate();
        Sparsity = options.Sparsity;
        Scope = options.Scope;
        layerSparsities = new Dictionary<string, double>(options.LayerSparsities, StringComparer.Ordinal);
        ignored = options.IgnoredLayers.Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>Creates a layerwise schedule that prunes each layer to <paramref name="sparsity"/>.</summary>
    /// <param name="sparsity">The fraction of each layer's weights pruned, at least 0 and less than 1.</param>
    /// <param name="scope">Layerwise (each layer) or global (all layers together).</param>
    /// <exception cref="ArgumentException">The sparsity is outside [0, 1).</exception>
    public OneShot(double sparsity, PruningScope scope = PruningScope.Layerwise)
        : this(new OneShotOptions { Sparsity = sparsity, Scope = scope })
    {
    }

    /// <summary>Always 1: one pruning step after the dense run.</summary>
    public int Levels => 1;

    /// <summary>The target sparsity: the fraction of weights pruned after the step.</summary>
    public double Sparsity { get; }

    /// <inheritdoc />
    public PruningScope Scope { get; }

    /// <summary>Per-layer target sparsities by parameter name.</summary>
    public IReadOnlyDictionary<string, double> LayerSparsities => layerSparsities;

    /// <summary>The parameter names never pruned.</summary>
    public IReadOnlyList<string> IgnoredLayers => ignored;

    /// <inheritdoc />
    public PruningStep GetLevel(int level, IReadOnlyList<PrunableLayer> layers)
    {
        if (level != 1)
        {
            throw new ArgumentOutOfRangeException(
                nameof(level), level, $"The level is {level}; a one-shot schedule has only level 1. Ask for level 1.");
        }

        var participating = ScheduleLayers.Participating(nameof(OneShot), layers, ignored, layerSparsities.Keys);
        return Scope == PruningScope.Global
            ? PruningStep.Global(participating, PruneAmount.TargetSparsity(Sparsity))
            : PruningStep.Layerwise(participating.Select(l => new LayerPruning(
                l, PruneAmount.TargetSparsity(layerSparsities.TryGetValue(l.Name, out var s) ? s : Sparsity))));
    }
}
