using System.Globalization;

namespace LotteryTickets.Results.Plots;

/// <summary>
/// The standard result figures, as <see cref="LineChart"/>s to render with <see cref="SvgLineChart"/>: test accuracy
/// at early stop and early-stop iteration against % weights remaining (log axis, 100 on the left, one line per branch,
/// error bars over trials), and test accuracy against training iteration (one line per level).
/// </summary>
public static class ResultsPlots
{
    /// <summary>The x axis title of the figures against sparsity.</summary>
    public const string PercentRemainingTitle = "% weights remaining";

    /// <summary>Test accuracy at the early-stop iteration against % weights remaining, one line per branch.</summary>
    /// <param name="results">The aggregated results.</param>
    /// <param name="errorBars">What the error bars show.</param>
    /// <returns>The chart.</returns>
    public static LineChart TestAccuracyVsWeightsRemaining(IEnumerable<AggregatedResult> results, ErrorBarKind errorBars = ErrorBarKind.StandardDeviation) =>
        AgainstSparsity(results, a => a.TestAccuracyAtEarlyStop, errorBars, "Test accuracy at early stop", "test accuracy at early stop");

    /// <summary>The early-stop iteration (minimum validation loss) against % weights remaining, one line per branch.</summary>
    /// <param name="results">The aggregated results.</param>
    /// <param name="errorBars">What the error bars show.</param>
    /// <returns>The chart.</returns>
    public static LineChart EarlyStopIterationVsWeightsRemaining(IEnumerable<AggregatedResult> results, ErrorBarKind errorBars = ErrorBarKind.StandardDeviation) =>
        AgainstSparsity(results, a => a.EarlyStopIteration, errorBars, "Early-stop iteration", "early-stop iteration (min. validation loss)");

    /// <summary>
    /// Test accuracy against training iteration for one branch, one line per level labelled with its % weights
    /// remaining; with several trials, each point is the mean over the trials evaluated at that iteration, with error
    /// bars over them.
    /// </summary>
    /// <param name="runs">The runs; only those of <paramref name="branch"/> are drawn.</param>
    /// <param name="branch">The branch to draw.</param>
    /// <param name="errorBars">What the error bars show.</param>
    /// <returns>The chart.</returns>
    /// <exception cref="ArgumentException">No run belongs to <paramref name="branch"/>.</exception>
    public static LineChart TestAccuracyVsIteration(IEnumerable<RunRecord> runs, string branch = RunKey.MainBranch, ErrorBarKind errorBars = ErrorBarKind.StandardDeviation)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var selected = runs.Where(r => r.Key.Branch == branch).ToList();
        if (selected.Count == 0)
        {
            throw new ArgumentException($"No run belongs to the branch '{branch}'; choose one of the branches the runs have.", nameof(runs));
        }

        var series = selected
            .GroupBy(r => r.Key.Level)
            .OrderBy(g => g.Key)
            .Select(level =>
            {
                var percent = level.Average(r => r.PercentWeightsRemaining);
                var points = level
                    .SelectMany(r => r.Metrics.Evaluations)
                    .GroupBy(e => e.Iteration)
                    .OrderBy(g => g.Key)
                    .Select(g => Point(g.Key, SummaryStatistics.Of(g.Select(e => e.TestAccuracy)), errorBars))
                    .ToList();
                var name = string.Create(CultureInfo.InvariantCulture, $"level {level.Key} ({ResultsTable.FormatPercent(percent)}%)");
                return new ChartSeries(name, points);
            })
            .ToList();

        return new LineChart
        {
            Title = $"Test accuracy during training ({branch})",
            XTitle = "training iteration",
            YTitle = "test accuracy",
            XScale = XAxisScale.Linear,
            Series = series,
        };
    }

    private static LineChart AgainstSparsity(
        IEnumerable<AggregatedResult> results,
        Func<AggregatedResult, SummaryStatistics> select,
        ErrorBarKind errorBars,
        string title,
        string yTitle)
    {
        ArgumentNullException.ThrowIfNull(results);
        var series = results
            .GroupBy(r => r.Branch)
            .OrderBy(g => g.Key, BranchComparer.Instance)
            .Select(g => new ChartSeries(
                g.Key,
                g.OrderByDescending(r => r.PercentWeightsRemaining.Mean)
                    .Select(r => Point(r.PercentWeightsRemaining.Mean, select(r), errorBars))
                    .ToList()))
            .ToList();
        var trials = results.Select(r => r.Trials.Count).DefaultIfEmpty(0).Max();
        // With one trial per point there are no error bars to draw, so the title names none.
        var bars = trials <= 1 ? string.Empty : errorBars switch
        {
            ErrorBarKind.StandardDeviation => "; error bars ± std",
            ErrorBarKind.ConfidenceInterval => string.Create(
                CultureInfo.InvariantCulture,
                $"; error bars {results.Select(r => r.PercentWeightsRemaining.ConfidenceLevel).DefaultIfEmpty(SummaryStatistics.DefaultConfidenceLevel).First() * 100:G3}% CI"),
            _ => string.Empty,
        };
        return new LineChart
        {
            Title = string.Create(CultureInfo.InvariantCulture, $"{title} vs weights remaining ({trials} trial{(trials == 1 ? string.Empty : "s")}{bars})"),
            XTitle = PercentRemainingTitle,
            YTitle = yTitle,
            XScale = XAxisScale.LogDecreasing,
            Series = series,
        };
    }

    private static ChartPoint Point(double x, SummaryStatistics y, ErrorBarKind errorBars) => errorBars switch
    {
        ErrorBarKind.StandardDeviation => new ChartPoint(x, y.Mean, y.Mean - y.StandardDeviation, y.Mean + y.StandardDeviation),
        ErrorBarKind.ConfidenceInterval => new ChartPoint(x, y.Mean, y.ConfidenceLow, y.ConfidenceHigh),
        _ => new ChartPoint(x, y.Mean),
    };
}
