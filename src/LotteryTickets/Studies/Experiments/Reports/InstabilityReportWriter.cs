using LotteryTickets.Analysis.Instability;
using LotteryTickets.Results;
using LotteryTickets.Results.Plots;
using LotteryTickets.Storage;

namespace LotteryTickets.Experiments;

/// <summary>
/// Writes the tables and figures of an experiment's instability analyses into a folder, each file atomically, beside
/// the runs' report (<see cref="ReportWriter"/>).
/// </summary>
public static class InstabilityReportWriter
{
    /// <summary>The instability table as Markdown.</summary>
    public const string InstabilityMarkdownFileName = "instability.md";

    /// <summary>The instability table as CSV.</summary>
    public const string InstabilityCsvFileName = "instability.csv";

    /// <summary>The analyses one row per trial as Markdown (<see cref="InstabilityTrialTable"/>).</summary>
    public const string InstabilityTrialsMarkdownFileName = "instability_trials.md";

    /// <summary>The analyses one row per trial as CSV.</summary>
    public const string InstabilityTrialsCsvFileName = "instability_trials.csv";

    /// <summary>Instability against % weights remaining, one line per branch and rewind point.</summary>
    public const string InstabilityPlotFileName = "instability_vs_remaining.svg";

    /// <summary>Error along the path for the first branch (<c>main</c>) and the earliest rewind point.</summary>
    public const string InstabilityPathPlotFileName = "instability_path.svg";

    /// <summary>The most levels drawn in one path figure; more are thinned evenly, keeping the first and the last.</summary>
    public const int MaxPathLevels = 6;

    /// <summary>
    /// Writes the report of instability analyses into <paramref name="folder"/>, each file atomically and the same
    /// results giving the same bytes: <c>instability.md</c> and <c>instability.csv</c> (per level, branch and rewind
    /// point, over trials), <c>instability_trials.md</c> and <c>instability_trials.csv</c> (one row per trial),
    /// <c>instability_vs_remaining.svg</c>, <c>instability_path.svg</c> (error along the path, for
    /// the first branch and rewind point, at most <see cref="MaxPathLevels"/> levels) and, for every other branch and
    /// rewind point, <c>instability_path-&lt;branch&gt;-&lt;rewind&gt;.svg</c>.
    /// </summary>
    /// <param name="folder">The output folder, created if needed.</param>
    /// <param name="results">The analyses' results; at least one.</param>
    /// <param name="confidenceLevel">The confidence level of the intervals.</param>
    /// <returns>The paths written, in the order above.</returns>
    /// <exception cref="ArgumentException">There are no results.</exception>
    public static IReadOnlyList<string> Write(
        string folder, IReadOnlyCollection<InstabilityResult> results, double confidenceLevel = SummaryStatistics.DefaultConfidenceLevel)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentNullException.ThrowIfNull(results);
        if (results.Count == 0)
        {
            throw new ArgumentException("There are no finished instability analyses to report; run the experiment with WithInstabilityAnalysis first.", nameof(results));
        }

        var rows = InstabilityRow.Aggregate(results, confidenceLevel);
        var files = new ReportFiles(folder);

        files.Save(InstabilityMarkdownFileName, InstabilityTable.ToMarkdown(rows));
        files.Save(InstabilityCsvFileName, InstabilityTable.ToCsv(rows));
        files.Save(InstabilityTrialsMarkdownFileName, InstabilityTrialTable.ToMarkdown(results));
        files.Save(InstabilityTrialsCsvFileName, InstabilityTrialTable.ToCsv(results));
        files.Save(InstabilityPlotFileName, SvgLineChart.Render(InstabilityPlots.InstabilityVsWeightsRemaining(rows)));
        var paths = results
            .Select(r => (r.Branch, r.Rewind))
            .Distinct()
            .OrderBy(p => p.Branch, BranchComparer.Instance)
            .ThenBy(p => p.Rewind, RewindComparer.Instance)
            .ToList();
        for (var i = 0; i < paths.Count; i++)
        {
            var (branch, rewind) = paths[i];
            StoreNames.ValidateBranchName(branch);
            var levels = PathLevels(results.Where(r => r.Branch == branch && r.Rewind == rewind).Select(r => r.Level));
            var chart = InstabilityPlots.ErrorAlongPath(results, rewind, levels, branch);
            files.Save(i == 0 ? InstabilityPathPlotFileName : $"instability_path-{branch}-{FileNamePart(rewind)}.svg", SvgLineChart.Render(chart));
        }

        return files.Written;
    }

    private static string FileNamePart(string text) =>
        new([.. text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_')]);

    private static List<int> PathLevels(IEnumerable<int> levels)
    {
        var all = levels.Distinct().Order().ToList();
        if (all.Count <= MaxPathLevels)
        {
            return all;
        }

        return [.. Enumerable.Range(0, MaxPathLevels).Select(i => all[(int)Math.Round(i * (all.Count - 1) / (double)(MaxPathLevels - 1))]).Distinct()];
    }
}
