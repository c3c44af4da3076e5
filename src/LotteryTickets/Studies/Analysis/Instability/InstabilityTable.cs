using System.Globalization;
using LotteryTickets.Results;

namespace LotteryTickets.Analysis.Instability;

/// <summary>
/// Instability tables as CSV (for other tools) and Markdown (for people): one row per (level, branch, rewind point,
/// masks' rewind point), sorted by level, branch (<c>main</c> first) and rewind point (<see cref="RewindComparer"/>),
/// numbers in the invariant culture. Next to the paper's barrier they show what it is made of: the barrier above the
/// straight line between the ends and the gap between the ends (<see cref="InterpolationPath"/>). Per trial:
/// <see cref="InstabilityTrialTable"/>.
/// </summary>
public static class InstabilityTable
{
    /// <summary>What the Markdown table shows for masks whose rewind point was not recorded (the plan's own masks).</summary>
    public const string UnrecordedMaskRewind = "plan's";

    /// <summary>The columns of <see cref="ToCsv"/>.</summary>
    public static IReadOnlyList<string> CsvColumns { get; } =
    [
        "level", "percentRemaining", "branch", "rewind", "maskRewind", "trials",
        "instabilityMean", "instabilityStd", "instabilityCiLow", "instabilityCiHigh",
        "linearBarrierMean", "linearBarrierStd", "linearBarrierCiLow", "linearBarrierCiHigh",
        "endpointGapMean", "endpointGapStd", "endpointGapCiLow", "endpointGapCiHigh",
        "lossBarrierMean", "lossBarrierStd", "meanEndpointError", "errorAtAlpha0", "errorAtAlpha1", "copyAOwnError", "copyBOwnError",
    ];

    /// <summary>
    /// The rows as CSV; a row of one trial has standard deviation 0 and an interval collapsed to the mean.
    /// <c>errorAtAlpha0</c> and <c>errorAtAlpha1</c> are the path's ends (for batch norm, with recomputed statistics unless
    /// the analysis kept the copies' own); <c>copyAOwnError</c> and <c>copyBOwnError</c> the copies' own final test
    /// errors, empty when not recorded; <c>maskRewind</c> empty when not recorded.
    /// </summary>
    /// <param name="rows">The rows, in any order.</param>
    /// <returns>The CSV text, with a header row and <c>\n</c> line ends.</returns>
    public static string ToCsv(IEnumerable<InstabilityRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        CsvText.WriteRow(writer, CsvColumns);
        foreach (var r in Sort(rows))
        {
            CsvText.WriteRow(writer,
            [
                CsvText.Number(r.Level), CsvText.Number(r.PercentWeightsRemaining), CsvText.Field(r.Branch), CsvText.Field(r.Rewind),
                CsvText.Field(r.MaskRewind ?? string.Empty), CsvText.Number(r.Trials),
                .. Statistics(r.Instability), .. Statistics(r.LinearBarrier), .. Statistics(r.EndpointGap),
                CsvText.Number(r.LossBarrier.Mean), CsvText.Number(r.LossBarrier.StandardDeviation), CsvText.Number(r.MeanEndpointError),
                CsvText.Number(r.CopyAError), CsvText.Number(r.CopyBError), CsvText.Number(r.CopyAOwnError), CsvText.Number(r.CopyBOwnError),
            ]);
        }

        return writer.ToString();
    }

    /// <summary>
    /// The rows as a Markdown table:
    /// <c>| level | % remaining | rewind | trials | instability, % (mean ± 95% CI) | above the line, % | end gap, % | loss barrier (mean) | error at α = 0, % | error at α = 1, % |</c>
    /// (the instability is the paper's barrier, max error(α) − the ends' mean; <c>above the line</c> the barrier above the
    /// straight line between the ends, 0 when the highest error is at an end; <c>end gap</c> |error(1) − error(0)|; the
    /// last two the path's ends, means over trials). Percentages of error show two decimals; a row of one trial shows
    /// just the mean (no spread to estimate). A <c>branch</c> column follows <c>% remaining</c> when some row is not of
    /// the <c>main</c> branch, a <c>masks from rewind</c> column follows <c>rewind</c> when some row's masks were found
    /// with another rewind point (<see cref="InstabilityRow.MaskRewind"/>; <see cref="UnrecordedMaskRewind"/> when not
    /// recorded), and <c>copy A own error, %</c> and <c>copy B own error, %</c> close the table when the copies' own
    /// errors differ from the path's ends (batch norm with recomputed statistics).
    /// </summary>
    /// <param name="rows">The rows, in any order.</param>
    /// <returns>The Markdown text, <c>\n</c> line ends.</returns>
    public static string ToMarkdown(IEnumerable<InstabilityRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var list = Sort(rows).ToList();
        var level = list.Select(r => r.Instability.ConfidenceLevel).DefaultIfEmpty(SummaryStatistics.DefaultConfidenceLevel).First();
        var branches = list.Any(r => r.Branch != RunKey.MainBranch);
        var masks = list.Any(r => r.MaskRewind is not null && r.MaskRewind != r.Rewind);
        var own = list.Any(r => r.CopyAOwnError is { } a && r.CopyBOwnError is { } b && (a != r.CopyAError || b != r.CopyBError));
        var ci = string.Create(CultureInfo.InvariantCulture, $"(mean ± {level * 100:G3}% CI)");
        var header = new List<string?>
        {
            "level", "% remaining", branches ? "branch" : null, "rewind", masks ? "masks from rewind" : null, "trials",
            "instability, % " + ci, "above the line, %", "end gap, %", "loss barrier (mean)", "error at α = 0, %", "error at α = 1, %",
            own ? "copy A own error, %" : null, own ? "copy B own error, %" : null,
        };
        var rightAligned = new List<bool?>
        {
            true, true, branches ? false : null, false, masks ? false : null, true, true, true, true, true, true, true, own ? true : null, own ? true : null,
        };
        var cells = list.Select(r => new[]
        {
            r.Level.ToString(CultureInfo.InvariantCulture),
            ResultsTable.FormatPercent(r.PercentWeightsRemaining),
            branches ? MarkdownTable.Escape(r.Branch) : null,
            MarkdownTable.Escape(r.Rewind),
            masks ? MarkdownTable.Escape(r.MaskRewind ?? UnrecordedMaskRewind) : null,
            r.Trials.ToString(CultureInfo.InvariantCulture),
            Percent(r.Instability),
            r.LinearBarrier is { } linear ? Percent(linear) : string.Empty,
            r.EndpointGap is { } gap ? Percent(gap) : string.Empty,
            r.LossBarrier.Mean.ToString("F4", CultureInfo.InvariantCulture),
            Percent(r.CopyAError),
            Percent(r.CopyBError),
            own ? Percent(r.CopyAOwnError) : null,
            own ? Percent(r.CopyBOwnError) : null,
        }.OfType<string>().ToArray()).ToList();
        return MarkdownTable.Write([.. header.OfType<string>()], [.. rightAligned.OfType<bool>()], cells);
    }

    /// <summary>A summary as a percentage: the mean, and ± the interval's half-width when there are several values.</summary>
    internal static string Percent(SummaryStatistics s) => s.Count <= 1
        ? Percent(s.Mean)
        : Percent(s.Mean) + " ± " + Percent(s.ConfidenceHalfWidth);

    /// <summary>A fraction as a percentage with two decimals; empty for none.</summary>
    internal static string Percent(double? fraction) => fraction is { } f ? (f * 100).ToString("F2", CultureInfo.InvariantCulture) : string.Empty;

    private static string[] Statistics(SummaryStatistics? s) => s is null
        ? [string.Empty, string.Empty, string.Empty, string.Empty]
        : [CsvText.Number(s.Mean), CsvText.Number(s.StandardDeviation), CsvText.Number(s.ConfidenceLow), CsvText.Number(s.ConfidenceHigh)];

    private static IEnumerable<InstabilityRow> Sort(IEnumerable<InstabilityRow> rows) =>
        rows.OrderBy(r => r.Level)
            .ThenBy(r => r.Branch, BranchComparer.Instance)
            .ThenBy(r => r.Rewind, RewindComparer.Instance)
            .ThenBy(r => r.MaskRewind ?? string.Empty, RewindComparer.Instance);
}
