namespace LotteryTickets.Cli.Experiments;

/// <summary>The <c>pruning.iterative</c> schedule (Frankle &amp; Carbin's IMP).</summary>
public sealed class IterativeSchedule
{
    /// <summary>The number of pruning levels after the dense level 0, at least 1.</summary>
    /// <value>The default value is 10.</value>
    public int Levels { get; set; } = 10;

    /// <summary>The fraction of the remaining weights each level prunes from the hidden layers, in (0, 1).</summary>
    /// <value>The default value is 0.2.</value>
    public double Rate { get; set; } = 0.2;

    /// <summary>The fraction for the output layer, in [0, 1); <see langword="null"/> for half of <see cref="Rate"/>, as in the paper.</summary>
    /// <value>The default value is <see langword="null"/> (half the rate).</value>
    public double? OutputRate { get; set; }

    /// <summary>Per-layer rates (parameter name → fraction of that layer's remaining weights pruned per level), layerwise scope only; they take precedence over <see cref="Rate"/> and <see cref="OutputRate"/>.</summary>
    /// <value>The default value is empty.</value>
    public Dictionary<string, double> LayerRates { get; set; } = [];

    /// <summary>The output layer's rate: <see cref="OutputRate"/>, or half of <see cref="Rate"/> when it is not given.</summary>
    /// <returns>The rate for the output layer.</returns>
    public double EffectiveOutputRate() => OutputRate ?? Rate / 2;
}
