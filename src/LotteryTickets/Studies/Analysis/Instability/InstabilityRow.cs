using LotteryTickets.Results;

namespace LotteryTickets.Analysis.Instability;

/// <summary>The stability tests of one (level, branch, rewind point, masks' rewind point) over trials.</summary>
/// <param name="Level">The pruning level.</param>
/// <param name="PercentWeightsRemaining">The mean % of weights remaining over the trials.</param>
/// <param name="Rewind">The rewind point.</param>
/// <param name="Trials">The number of trials.</param>
/// <param name="Instability">The error barrier over the trials (mean, standard deviation, Student-t interval).</param>
/// <param name="LossBarrier">The loss barrier over the trials.</param>
/// <param name="MeanEndpointError">The mean over the trials of the copies' mean error.</param>
public sealed record InstabilityRow(
    int Level,
    double PercentWeightsRemaining,
    string Rewind,
    int Trials,
    SummaryStatistics Instability,
    SummaryStatistics LossBarrier,
    double MeanEndpointError)
{
    /// <summary>The branch whose masks the copies trained under.</summary>
    /// <value>The default value is <c>main</c>.</value>
    public string Branch { get; init; } = RunKey.MainBranch;

    /// <summary>
    /// The rewind point of the pruning that found the masks (<see cref="InstabilityResult.MaskRewind"/>): the row's own
    /// rewind point for the paper's tickets, the plan's under <see cref="InstabilityMasks.Plan"/>, <see langword="null"/> when not recorded.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? MaskRewind { get; init; }

    /// <summary>
    /// The error at the path's first end (α = 0), mean over trials: copy A's own error, except for batch-norm networks
    /// whose statistics were recomputed at the ends (then <see cref="CopyAOwnError"/>).
    /// </summary>
    public double CopyAError { get; init; }

    /// <summary>The error at the path's second end (α = 1), mean over trials (see <see cref="CopyAError"/>).</summary>
    public double CopyBError { get; init; }

    /// <summary>The error barrier above the straight line between the ends (<see cref="InterpolationPath.LinearErrorBarrier"/>) over the trials, or <see langword="null"/> when not computed.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public SummaryStatistics? LinearBarrier { get; init; }

    /// <summary>The gap between the ends' errors (<see cref="InterpolationPath.EndpointGap"/>) over the trials, or <see langword="null"/> when not computed.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public SummaryStatistics? EndpointGap { get; init; }

    /// <summary>Copy A's own final test error (its own batch-norm statistics), mean over trials; <see langword="null"/> unless every trial recorded it.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public double? CopyAOwnError { get; init; }

    /// <summary>Copy B's own final test error, mean over trials; <see langword="null"/> unless every trial recorded it.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public double? CopyBOwnError { get; init; }

    /// <summary>Groups results by (level, branch, rewind point), sorted by level, branch (<c>main</c> first) and rewind point (<see cref="RewindComparer"/>).</summary>
    /// <param name="results">The results of every trial.</param>
    /// <param name="confidenceLevel">The confidence level of the intervals.</param>
    /// <returns>The rows.</returns>
    public static IReadOnlyList<InstabilityRow> Aggregate(IEnumerable<InstabilityResult> results, double confidenceLevel = SummaryStatistics.DefaultConfidenceLevel)
    {
        ArgumentNullException.ThrowIfNull(results);
        return [.. results
            .GroupBy(r => (r.Level, r.Branch, r.Rewind, r.MaskRewind))
            .OrderBy(g => g.Key.Level)
            .ThenBy(g => g.Key.Branch, BranchComparer.Instance)
            .ThenBy(g => g.Key.Rewind, RewindComparer.Instance)
            .ThenBy(g => g.Key.MaskRewind ?? string.Empty, RewindComparer.Instance)
            .Select(g => new InstabilityRow(
                g.Key.Level,
                g.Average(r => r.PercentWeightsRemaining),
                g.Key.Rewind,
                g.Count(),
                SummaryStatistics.Of(g.Select(r => r.Path.ErrorBarrier), confidenceLevel),
                SummaryStatistics.Of(g.Select(r => r.Path.LossBarrier), confidenceLevel),
                g.Average(r => r.Path.MeanEndpointError))
            {
                Branch = g.Key.Branch,
                MaskRewind = g.Key.MaskRewind,
                CopyAError = g.Average(r => r.Path.First.Error),
                CopyBError = g.Average(r => r.Path.Last.Error),
                LinearBarrier = SummaryStatistics.Of(g.Select(r => r.Path.LinearErrorBarrier), confidenceLevel),
                EndpointGap = SummaryStatistics.Of(g.Select(r => r.Path.EndpointGap), confidenceLevel),
                CopyAOwnError = g.All(r => r.CopyAOwnError is not null) ? g.Average(r => r.CopyAOwnError!.Value) : null,
                CopyBOwnError = g.All(r => r.CopyBOwnError is not null) ? g.Average(r => r.CopyBOwnError!.Value) : null,
            })];
    }
}
