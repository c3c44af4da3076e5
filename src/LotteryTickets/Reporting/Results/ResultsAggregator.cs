using System.Globalization;

namespace LotteryTickets.Results;

/// <summary>Aggregates runs over trials: one <see cref="AggregatedResult"/> per (level, branch).</summary>
public static class ResultsAggregator
{
    /// <summary>Aggregates <paramref name="runs"/> per (level, branch).</summary>
    /// <param name="runs">The runs; each (trial, level, branch) at most once.</param>
    /// <param name="confidenceLevel">The confidence level of the intervals.</param>
    /// <returns>The aggregates, sorted by level, then branch (<see cref="RunKey.MainBranch"/> first, then ordinal).</returns>
    /// <exception cref="ArgumentException">A run appears twice.</exception>
    public static IReadOnlyList<AggregatedResult> Aggregate(IEnumerable<RunRecord> runs, double confidenceLevel = SummaryStatistics.DefaultConfidenceLevel)
    {
        ArgumentNullException.ThrowIfNull(runs);
        return Aggregate(runs.Select(r => r.Summarize()), confidenceLevel);
    }

    /// <summary>Aggregates run summaries per (level, branch).</summary>
    /// <param name="runs">The run summaries; each (trial, level, branch) at most once.</param>
    /// <param name="confidenceLevel">The confidence level of the intervals.</param>
    /// <returns>The aggregates, sorted by level, then branch (<see cref="RunKey.MainBranch"/> first, then ordinal).</returns>
    /// <exception cref="ArgumentException">A run appears twice.</exception>
    public static IReadOnlyList<AggregatedResult> Aggregate(IEnumerable<RunSummary> runs, double confidenceLevel = SummaryStatistics.DefaultConfidenceLevel)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var list = runs.ToList();
        var seen = new HashSet<RunKey>();
        foreach (var run in list)
        {
            if (!seen.Add(run.Key))
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"The run ({run.Key}) appears more than once; each run can be aggregated only once."),
                    nameof(runs));
            }
        }

        return list
            .GroupBy(r => (r.Level, r.Branch))
            .OrderBy(g => g.Key.Level)
            .ThenBy(g => g.Key.Branch, BranchComparer.Instance)
            .Select(g =>
            {
                var trials = g.OrderBy(r => r.Trial).ToList();
                SummaryStatistics Stats(Func<RunSummary, double> select) => SummaryStatistics.Of(trials.Select(select), confidenceLevel);
                return new AggregatedResult(
                    g.Key.Level,
                    g.Key.Branch,
                    trials.Select(r => r.Trial).ToArray(),
                    Stats(r => r.PercentWeightsRemaining),
                    Stats(r => r.EarlyStopIteration),
                    Stats(r => r.ValidationAccuracyAtEarlyStop),
                    Stats(r => r.TestAccuracyAtEarlyStop),
                    Stats(r => r.FinalTestAccuracy));
            })
            .ToList();
    }
}
