using LotteryTickets.Results;
using LotteryTickets.Results.Plots;
using LotteryTickets.Storage;

namespace LotteryTickets.Experiments;

/// <summary>
/// Writes the tables and figures of an experiment's results into a folder, each file atomically: <c>results.csv</c>
/// and <c>results.md</c> (aggregated per level and branch), <c>runs.csv</c> (one row per run),
/// <c>accuracy-vs-remaining.svg</c>, <c>early-stop-vs-remaining.svg</c> and, per branch,
/// <c>accuracy-vs-iteration-&lt;branch&gt;.svg</c>.
/// </summary>
public static class ReportWriter
{
    /// <summary>The aggregated CSV table.</summary>
    public const string ResultsCsvFileName = "results.csv";

    /// <summary>The aggregated Markdown table.</summary>
    public const string ResultsMarkdownFileName = "results.md";

    /// <summary>The per-run CSV table.</summary>
    public const string RunsCsvFileName = "runs.csv";

    /// <summary>Test accuracy at early stop against % weights remaining.</summary>
    public const string AccuracyPlotFileName = "accuracy-vs-remaining.svg";

    /// <summary>Early-stop iteration against % weights remaining.</summary>
    public const string EarlyStopPlotFileName = "early-stop-vs-remaining.svg";

    /// <summary>Writes the report of <paramref name="runs"/> into <paramref name="folder"/>, creating it if needed.</summary>
    /// <param name="folder">The output folder.</param>
    /// <param name="runs">The runs of one experiment; at least one.</param>
    /// <param name="errorBars">What the error bars of the figures show.</param>
    /// <param name="confidenceLevel">The confidence level of the intervals.</param>
    /// <returns>The paths written, in the order above.</returns>
    /// <exception cref="ArgumentException">There are no runs, or a run appears twice.</exception>
    public static IReadOnlyList<string> Write(
        string folder,
        IReadOnlyCollection<RunRecord> runs,
        ErrorBarKind errorBars = ErrorBarKind.StandardDeviation,
        double confidenceLevel = SummaryStatistics.DefaultConfidenceLevel)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Count == 0)
        {
            throw new ArgumentException("There are no finished runs to report; run the experiment first, or point at the folder that holds its trial_<t> folders.", nameof(runs));
        }

        var aggregated = ResultsAggregator.Aggregate(runs, confidenceLevel);
        var files = new ReportFiles(folder);

        files.Save(ResultsCsvFileName, ResultsTable.ToCsv(aggregated));
        files.Save(ResultsMarkdownFileName, ResultsTable.ToMarkdown(aggregated));
        files.Save(RunsCsvFileName, ResultsTable.ToCsv(runs.Select(r => r.Summarize())));
        files.Save(AccuracyPlotFileName, SvgLineChart.Render(ResultsPlots.TestAccuracyVsWeightsRemaining(aggregated, errorBars)));
        files.Save(EarlyStopPlotFileName, SvgLineChart.Render(ResultsPlots.EarlyStopIterationVsWeightsRemaining(aggregated, errorBars)));
        foreach (var branch in runs.Select(r => r.Key.Branch).Distinct().Order(BranchComparer.Instance))
        {
            StoreNames.ValidateBranchName(branch);
            files.Save($"accuracy-vs-iteration-{branch}.svg", SvgLineChart.Render(ResultsPlots.TestAccuracyVsIteration(runs, branch, errorBars)));
        }

        return files.Written;
    }
}
