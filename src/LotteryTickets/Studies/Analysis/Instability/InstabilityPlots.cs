using System.Globalization;
using LotteryTickets.Results;
using LotteryTickets.Results.Plots;

namespace LotteryTickets.Analysis.Instability;

/// <summary>
/// The instability figures, as <see cref="LineChart"/>s to render with <see cref="SvgLineChart"/>: instability against
/// % weights remaining (log axis, 100 on the left, one line per branch and rewind point, confidence intervals over
/// trials), and error along the path between the copies (one line per level).
/// </summary>
public static class InstabilityPlots
{
    /// <summary>The x axis title of the path figure.</summary>
    public const string AlphaTitle = "interpolation α (copy A → copy B)";

    /// <summary>
    /// Instability (error barrier, %) against % weights remaining, one line per rewind point (<c>rewind 0it</c>) and,
    /// for branches other than <c>main</c>, per branch and rewind point (<c>random_pruning, rewind 0it</c>), with error
    /// bars of the confidence interval over trials.
    /// </summary>
    /// <param name="rows">The aggregated rows.</param>
    /// <returns>The chart.</returns>
    public static LineChart InstabilityVsWeightsRemaining(IEnumerable<InstabilityRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var list = rows.ToList();
        var series = list
            .GroupBy(r => (r.Branch, r.Rewind))
            .OrderBy(g => g.Key.Branch, BranchComparer.Instance)
            .ThenBy(g => g.Key.Rewind, RewindComparer.Instance)
            .Select(g => new ChartSeries(
                (g.Key.Branch == RunKey.MainBranch ? string.Empty : g.Key.Branch + ", ") + "rewind " + g.Key.Rewind,
                g.OrderByDescending(r => r.PercentWeightsRemaining)
                    .Select(r => new ChartPoint(
                        r.PercentWeightsRemaining, r.Instability.Mean * 100, r.Instability.ConfidenceLow * 100, r.Instability.ConfidenceHigh * 100))
                    .ToList()))
            .ToList();
        var trials = list.Select(r => r.Trials).DefaultIfEmpty(0).Max();
        var bars = trials <= 1 ? string.Empty : string.Create(
            CultureInfo.InvariantCulture,
            $"; error bars {list.Select(r => r.Instability.ConfidenceLevel).First() * 100:G3}% CI");
        return new LineChart
        {
            Title = string.Create(CultureInfo.InvariantCulture, $"Instability vs weights remaining ({trials} trial{(trials == 1 ? string.Empty : "s")}{bars})"),
            XTitle = ResultsPlots.PercentRemainingTitle,
            YTitle = "instability (error barrier, %)",
            XScale = XAxisScale.LogDecreasing,
            Series = series,
        };
    }

    /// <summary>
    /// Error (%) along the path for the chosen levels of one rewind point, one line per level labelled with its %
    /// weights remaining; with several trials, each point is the mean over them.
    /// </summary>
    /// <param name="results">The results.</param>
    /// <param name="rewind">The rewind point to draw.</param>
    /// <param name="levels">The levels to draw, or <see langword="null"/> for all.</param>
    /// <param name="branch">The branch to draw, or <see langword="null"/> for results of any branch.</param>
    /// <returns>The chart.</returns>
    /// <exception cref="ArgumentException">No result matches, or the paths of one level have different α.</exception>
    public static LineChart ErrorAlongPath(IEnumerable<InstabilityResult> results, string rewind, IEnumerable<int>? levels = null, string? branch = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(rewind);
        var chosen = levels?.ToHashSet();
        var selected = results.Where(r => r.Rewind == rewind && (branch is null || r.Branch == branch) && (chosen is null || chosen.Contains(r.Level))).ToList();
        if (selected.Count == 0)
        {
            throw new ArgumentException($"No result has the rewind point '{rewind}' at the chosen levels; choose a rewind point and levels the results have.", nameof(results));
        }

        var series = selected.GroupBy(r => r.Level).OrderBy(g => g.Key).Select(g =>
        {
            var paths = g.Select(r => r.Path).ToList();
            var alphas = paths[0].Points.Select(p => p.Alpha).ToList();
            if (paths.Any(p => !p.Points.Select(q => q.Alpha).SequenceEqual(alphas)))
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"The paths of level {g.Key} were evaluated at different α; evaluate every trial at the same points."),
                    nameof(results));
            }

            var points = alphas.Select((alpha, i) => new ChartPoint(alpha, paths.Average(p => p.Points[i].Error) * 100)).ToList();
            var name = string.Create(CultureInfo.InvariantCulture, $"level {g.Key} ({ResultsTable.FormatPercent(g.Average(r => r.PercentWeightsRemaining))}%)");
            return new ChartSeries(name, points);
        }).ToList();

        return new LineChart
        {
            Title = branch is null or RunKey.MainBranch
                ? $"Error along the path between copies (rewind {rewind})"
                : $"Error along the path between copies ({branch}, rewind {rewind})",
            XTitle = AlphaTitle,
            YTitle = "test error (%)",
            XScale = XAxisScale.Linear,
            Series = series,
        };
    }
}
