namespace LotteryTickets.Analysis.Instability;

/// <summary>The path between the two copies of one stability test: one trial, one pruning level, one rewind point.</summary>
/// <param name="Trial">The trial.</param>
/// <param name="Level">The pruning level (0 = dense).</param>
/// <param name="PercentWeightsRemaining">The % of prunable weights remaining at the level.</param>
/// <param name="Rewind">The rewind point the copies started from, e.g. <c>iteration:0</c> or <c>epoch:1</c>.</param>
/// <param name="Path">The evaluated path between the copies.</param>
public sealed record InstabilityResult(int Trial, int Level, double PercentWeightsRemaining, string Rewind, InterpolationPath Path)
{
    /// <summary>The branch whose mask the copies trained under: <c>main</c> (the ticket) or a control such as <c>random_pruning</c>.</summary>
    /// <value>The default value is <c>main</c>.</value>
    public string Branch { get; init; } = Results.RunKey.MainBranch;

    /// <summary>
    /// The rewind point of the pruning that found the mask: equal to <see cref="Rewind"/> for the paper's tickets
    /// (<see cref="InstabilityMasks.PerRewindPoint"/>), the plan's own rewind point under <see cref="InstabilityMasks.Plan"/>,
    /// or <see langword="null"/> when not recorded (an analysis stored before it was, read without its plan).
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? MaskRewind { get; init; }

    /// <summary>Whether the copies' data orders are shared by every branch of the level (<see cref="InstabilityMasks.PerRewindPoint"/>).</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool PairedSeeds { get; init; }

    /// <summary>Copy A's own final test error (its own batch-norm statistics, unlike the path's α = 0), when recorded.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public double? CopyAOwnError { get; init; }

    /// <summary>Copy B's own final test error, when recorded.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public double? CopyBOwnError { get; init; }
}
