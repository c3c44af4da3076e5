namespace LotteryTickets.Cli.Experiments;

/// <summary>
/// The <c>pruning.gradual</c> schedule: pruning inside one training run, the target sparsity following a named curve
/// over a window of the run (fasterai's <c>SparsifyCallback</c> with a <c>Schedule</c>; Zhu &amp; Gupta's AGP).
/// Mapped onto <c>LotteryTickets.Pruning.GradualScheduleOptions</c>; each trial is one run, stored as level 0.
/// </summary>
public sealed class GradualScheduleSection
{
    /// <summary>The default curve.</summary>
    public const string DefaultCurve = "agp";

    /// <summary>The default number of jumps of the <c>iterative</c> curve (fasterai's).</summary>
    public const int DefaultSteps = 3;

    /// <summary>
    /// The shape of the target sparsity over the window: <c>agp</c>, <c>one_shot</c>, <c>iterative</c>,
    /// <c>one_cycle</c>, <c>linear</c>, <c>cosine</c> or <c>dsd</c> (<see cref="ExperimentNames.Curves"/>).
    /// </summary>
    /// <value>The default value is <c>agp</c>.</value>
    public string Curve { get; set; } = DefaultCurve;

    /// <summary>The number of equal jumps of the <c>iterative</c> curve, at least 1; ignored by the other curves.</summary>
    /// <value>The default value is 3.</value>
    public int Steps { get; set; } = DefaultSteps;

    /// <summary>The final sparsity: the fraction of prunable weights that are zero at the end of the window, in [0, 1). Required.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public double? Sparsity { get; set; }

    /// <summary>The sparsity the curve starts from, in [0, 1) and at most <see cref="Sparsity"/>.</summary>
    /// <value>The default value is 0.</value>
    public double InitialSparsity { get; set; }

    /// <summary>
    /// Where the window starts, as a fraction of the run, in [0, 1); <see langword="null"/> for fasterai's preset of
    /// the curve (0.5 for <c>one_shot</c>, 0.2 for <c>agp</c> and <c>iterative</c>, 0 for the others).
    /// </summary>
    /// <value>The default value is <see langword="null"/> (the curve's preset).</value>
    public double? Start { get; set; }

    /// <summary>Where the window ends, as a fraction of the run, in (0, 1] and after <see cref="Start"/>.</summary>
    /// <value>The default value is 1.</value>
    public double End { get; set; } = 1;

    /// <summary>Prune at most every this many iterations, counted from the window's first iteration (AGP's Δt), at least 1.</summary>
    /// <value>The default value is 1.</value>
    public int PruneEvery { get; set; } = 1;

    /// <summary>Reset the surviving weights to the snapshot after each pruning step (fasterai's <c>lth=True</c>).</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool Lth { get; set; }

    /// <summary>The epoch at whose start the snapshot is taken (fasterai's <c>rewind_epoch</c>); 0 for the initialization. Above 0 only with <see cref="Lth"/> or <see cref="ResetEnd"/>.</summary>
    /// <value>The default value is 0.</value>
    public int RewindEpoch { get; set; }

    /// <summary>Reset the weights to the snapshot at the end of training, keeping the mask (fasterai's <c>reset_end=True</c>).</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool ResetEnd { get; set; }

    /// <summary>Per-layer final sparsities (parameter name → fraction of that layer's weights zero at the end), layerwise scope only.</summary>
    /// <value>The default value is empty.</value>
    public Dictionary<string, double> LayerSparsities { get; set; } = [];

    /// <summary>The window's start: <see cref="Start"/>, or the preset of <see cref="Curve"/> when it is not given.</summary>
    /// <returns>The start fraction.</returns>
    public double EffectiveStart() => Start ?? ExperimentNames.Simplify(Curve) switch
    {
        "oneshot" => 0.5,
        "agp" or "iterative" => 0.2,
        _ => 0,
    };
}
