using System.Globalization;
using LotteryTickets.Results;

namespace LotteryTickets.Analysis.Instability;

/// <summary>
/// Instability tables as CSV (for other tools) and Markdown (for people): one row per (level, branch, rewind point),
/// sorted by level, branch (<c>main</c> first) and rewind point (<see cref="RewindComparer"/>), numbers in the invariant
/// culture.
/// </summary>
public static class InstabilityTable
{
    /// <summary>What the Markdown table shows for masks whose rewind point was not recorded (the plan's own masks).</summary>
    public const string UnrecordedMaskRewind = "plan's";

    /// <summary>The columns of <see cref="ToCsv"/>.</summary>
    public static IReadOnlyList<string> CsvColumns { get; } =
    [
        "level", "percentRemaining", "branch", "rewind", "trials",
        "instabilityMean", "instabilityStd", "instabilityCiLow", "instabilityCiHigh",
        "lossBarrierMean", "lossBarrierStd", "meanEndpointError", "copyAError", "copyBError", "maskRewind",
    ];

    /// <summary>The rows as CSV; a row of one trial has standard deviation 0 and an interval collapsed to the mean.</summary>
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
                CsvText.Number(r.Level), CsvText.Number(r.PercentWeightsRemaining), CsvText.Field(r.Branch), CsvText.Field(r.Rewind), CsvText.Number(r.Trials),
                CsvText.Number(r.Instability.Mean), CsvText.Number(r.Instability.StandardDeviation),
                CsvText.Number(r.Instability.ConfidenceLow), CsvText.Number(r.Instability.ConfidenceHigh),
                CsvText.Number(r.LossBarrier.Mean), CsvText.Number(r.LossBarrier.StandardDeviation), CsvText.Number(r.MeanEndpointError),
                CsvText.Number(r.CopyAError), CsvText.Number(r.CopyBError), CsvText.Field(r.MaskRewind ?? string.Empty),
            ]);
        }

        return writer.ToString();
    }

    /// <summary>
    /// The rows as a Markdown table:
    /// <c>| level | % remaining | rewind | trials | instability, % (mean ± 95% CI) | loss barrier (mean) | copy A error, % | copy B error, % |</c>
    /// (the copies' errors are the path's ends, α = 0 and α = 1, means over trials).
    /// Percentages of error show two decimals; a row of one trial shows just the mean (no spread to estimate). A
    /// <c>branch</c> column follows <c>% remaining</c> when some row is not of the <c>main</c> branch, and a
    /// <c>masks from rewind</c> column follows <c>rewind</c> when some row's masks were found with another rewind point
    /// (<see cref="InstabilityRow.MaskRewind"/>; <see cref="UnrecordedMaskRewind"/> when not recorded).
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
        List<string> header =
        [
            "level", "% remaining", "rewind", "trials",
            string.Create(CultureInfo.InvariantCulture, $"instability, % (mean ± {level * 100:G3}% CI)"),
            "loss barrier (mean)", "copy A error, %", "copy B error, %",
        ];
        List<bool> rightAligned = [true, true, false, true, true, true, true, true];
        if (masks)
        {
            header.Insert(3, "masks from rewind");
            rightAligned.Insert(3, false);
        }

        if (branches)
        {
            header.Insert(2, "branch");
            rightAligned.Insert(2, false);
        }

        var cells = list.Select(r => new[]
        {
            r.Level.ToString(CultureInfo.InvariantCulture),
            ResultsTable.FormatPercent(r.PercentWeightsRemaining),
            branches ? MarkdownTable.Escape(r.Branch) : null,
            MarkdownTable.Escape(r.Rewind),
            masks ? MarkdownTable.Escape(r.MaskRewind ?? UnrecordedMaskRewind) : null,
            r.Trials.ToString(CultureInfo.InvariantCulture),
            Percent(r.Instability),
            r.LossBarrier.Mean.ToString("F4", CultureInfo.InvariantCulture),
            (r.CopyAError * 100).ToString("F2", CultureInfo.InvariantCulture),
            (r.CopyBError * 100).ToString("F2", CultureInfo.InvariantCulture),
        }.OfType<string>().ToArray()).ToList();
        return MarkdownTable.Write([.. header], [.. rightAligned], cells);
    }

    private static string Percent(SummaryStatistics s) => s.Count <= 1
        ? (s.Mean * 100).ToString("F2", CultureInfo.InvariantCulture)
        : (s.Mean * 100).ToString("F2", CultureInfo.InvariantCulture) + " ± " + (s.ConfidenceHalfWidth * 100).ToString("F2", CultureInfo.InvariantCulture);

    private static IEnumerable<InstabilityRow> Sort(IEnumerable<InstabilityRow> rows) =>
        rows.OrderBy(r => r.Level).ThenBy(r => r.Branch, BranchComparer.Instance).ThenBy(r => r.Rewind, RewindComparer.Instance);
}
