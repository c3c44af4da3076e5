namespace LotteryTickets.Cli.Experiments;

/// <summary>The <c>pruning.oneShot</c> schedule: prune once to a target sparsity.</summary>
public sealed class OneShotSchedule
{
    /// <summary>The target fraction of prunable weights that are zero, in [0, 1). Required.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public double? Sparsity { get; set; }

    /// <summary>Per-layer target sparsities (parameter name → fraction of that layer's weights that are zero), layerwise scope only.</summary>
    /// <value>The default value is empty.</value>
    public Dictionary<string, double> LayerSparsities { get; set; } = [];
}
