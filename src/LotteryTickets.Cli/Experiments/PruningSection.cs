namespace LotteryTickets.Cli.Experiments;

/// <summary>The <c>pruning</c> section: the mask criterion, its scope and the schedule (exactly one of <see cref="Iterative"/>, <see cref="OneShot"/>, <see cref="Gradual"/> and <see cref="Schedule"/>).</summary>
public sealed class PruningSection
{
    /// <summary>The mask criterion by name (e.g. <c>large_final</c>, <c>magnitude_increase_same_sign</c>, or a registered <c>my_score(power=3)</c>).</summary>
    /// <value>The default value is <c>large_final</c>.</value>
    public string Criterion { get; set; } = "large_final";

    /// <summary><c>layerwise</c> or <c>global</c>.</summary>
    /// <value>The default value is <c>layerwise</c>.</value>
    public string Scope { get; set; } = "layerwise";

    /// <summary>Iterative magnitude pruning: several levels, each pruning a fraction of the remaining weights.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public IterativeSchedule? Iterative { get; set; }

    /// <summary>One-shot pruning to a target sparsity (level 0 dense, level 1 pruned).</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public OneShotSchedule? OneShot { get; set; }

    /// <summary>Gradual pruning inside one training run (AGP and fasterai's schedules); each trial is one run.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public GradualScheduleSection? Gradual { get; set; }

    /// <summary>
    /// A schedule of the registry by name, e.g. <c>iterative(levels=5, rate=0.2)</c> or one of a <c>--parts</c>
    /// assembly; <see cref="Scope"/> and <see cref="Ignore"/> do not apply to it (give them as its options).
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? Schedule { get; set; }

    /// <summary>Prunable layers (parameter names, e.g. <c>fc3.weight</c>) to leave dense, whatever the schedule.</summary>
    /// <value>The default value is empty.</value>
    public List<string> Ignore { get; set; } = [];
}
