using LotteryTickets.Analysis.Instability;

namespace LotteryTickets.Cli.Experiments;

/// <summary>The <c>analysis</c> section: analyses run on the experiment's trained networks.</summary>
public sealed class AnalysisSection
{
    /// <summary>The instability analysis (linear mode connectivity), or <see langword="null"/> for none.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public InstabilitySection? Instability { get; set; }
}

/// <summary>
/// The <c>analysis.instability</c> section: for every trial, chosen level, branch and rewind point, two copies trained
/// from the network's state at the point with two data orders, and the error along the path between them.
/// </summary>
public sealed class InstabilitySection
{
    /// <summary>The rewind points k, as durations (<c>0it</c>, <c>100it</c>, <c>2ep</c>).</summary>
    /// <value>The default value is <c>[0it]</c>.</value>
    public List<string> RewindPoints { get; set; } = ["0it"];

    /// <summary>The number of evaluated points along the path, at least 2 (31 points = 30 segments).</summary>
    /// <value>The default value is 31.</value>
    public int Points { get; set; } = InstabilityAnalysisOptions.DefaultPoints;

    /// <summary>The training batches over which batch-norm statistics are recomputed at each point (0 keeps the interpolated ones).</summary>
    /// <value>The default value is 10.</value>
    public int BatchNormBatches { get; set; } = InterpolationOptions.DefaultBatchNormBatches;

    /// <summary>Whether the path is also evaluated on the training set.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool TrainingSet { get; set; }

    /// <summary>The levels analysed (0 = dense), as whole numbers; empty for every level.</summary>
    /// <value>The default value is empty: every level.</value>
    public List<string> Levels { get; set; } = [];

    /// <summary>The branches whose masks are analysed: <c>main</c> and names under <c>branches</c>.</summary>
    /// <value>The default value is <c>[main]</c>.</value>
    public List<string> Branches { get; set; } = ["main"];

    /// <summary>
    /// The masks at rewind point k: <c>per_rewind_point</c> (the paper's: IMP rewound to k, a plan of its own in the
    /// store) or <c>plan</c> (the experiment's own masks at every k, rows labelled with their rewind point).
    /// </summary>
    /// <value>The default value is <c>per_rewind_point</c>.</value>
    public string Masks { get; set; } = PerRewindPoint;

    /// <summary>The value of <see cref="Masks"/> for the masks of IMP rewound to each point.</summary>
    internal const string PerRewindPoint = "per_rewind_point";

    /// <summary>The value of <see cref="Masks"/> for the plan's own masks.</summary>
    internal const string PlanMasks = "plan";
}
