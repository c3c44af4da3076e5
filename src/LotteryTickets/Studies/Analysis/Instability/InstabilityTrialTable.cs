using System.Globalization;
using LotteryTickets.Results;

namespace LotteryTickets.Analysis.Instability;

/// <summary>
/// The instability analyses one row per trial, as CSV and Markdown: the paper's barrier, the barrier above the straight
/// line between the ends, the gap between the ends, the loss barrier, the path's end errors and the copies' own errors,
/// sorted by level, branch (<c>main</c> first), rewind point and trial.
/// </summary>
public static class InstabilityTrialTable
{
    /// <summary>The columns of <see cref="ToCsv"/>.</summary>
    public static IReadOnlyList<string> CsvColumns { get; } =
    [
        "trial", "level", "percentRemaining", "branch", "rewind", "maskRewind",
        "instability", "linearBarrier", "endpointGap", "lossBarrier", "errorAtAlpha0", "errorAtAlpha1", "copyAOwnError", "copyBOwnError",
    ];

    /// <summary>The results as CSV (errors as fractions; empty cells for what was not recorded).</summary>
    /// <param name="results">The results, in any order.</param>
    /// <returns>The CSV text, with a header row and <c>\n</c> line ends.</returns>
    public static string ToCsv(IEnumerable<InstabilityResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        CsvText.WriteRow(writer, CsvColumns);
        foreach (var r in Sort(results))
        {
            CsvText.WriteRow(writer,
            [
                CsvText.Number(r.Trial), CsvText.Number(r.Level), CsvText.Number(r.PercentWeightsRemaining), CsvText.Field(r.Branch),
                CsvText.Field(r.Rewind), CsvText.Field(r.MaskRewind ?? string.Empty),
                CsvText.Number(r.Path.ErrorBarrier), CsvText.Number(r.Path.LinearErrorBarrier), CsvText.Number(r.Path.EndpointGap),
                CsvText.Number(r.Path.LossBarrier), CsvText.Number(r.Path.First.Error), CsvText.Number(r.Path.Last.Error),
                CsvText.Number(r.CopyAOwnError), CsvText.Number(r.CopyBOwnError),
            ]);
        }

        return writer.ToString();
    }

    /// <summary>
    /// The results as a Markdown table:
    /// <c>| level | % remaining | branch | rewind | masks from rewind | trial | instability, % | above the line, % | end gap, % | loss barrier | error at α = 0, % | error at α = 1, % | copy A own error, % | copy B own error, % |</c>
    /// (errors in percent with two decimals; empty cells for what was not recorded).
    /// </summary>
    /// <param name="results">The results, in any order.</param>
    /// <returns>The Markdown text, <c>\n</c> line ends.</returns>
    public static string ToMarkdown(IEnumerable<InstabilityResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        string[] header =
        [
            "level", "% remaining", "branch", "rewind", "masks from rewind", "trial", "instability, %", "above the line, %", "end gap, %",
            "loss barrier", "error at α = 0, %", "error at α = 1, %", "copy A own error, %", "copy B own error, %",
        ];
        bool[] rightAligned = [true, true, false, false, false, true, true, true, true, true, true, true, true, true];
        var cells = Sort(results).Select(r => new[]
        {
            r.Level.ToString(CultureInfo.InvariantCulture),
            ResultsTable.FormatPercent(r.PercentWeightsRemaining),
            MarkdownTable.Escape(r.Branch),
            MarkdownTable.Escape(r.Rewind),
            MarkdownTable.Escape(r.MaskRewind ?? InstabilityTable.UnrecordedMaskRewind),
            r.Trial.ToString(CultureInfo.InvariantCulture),
            InstabilityTable.Percent(r.Path.ErrorBarrier),
            InstabilityTable.Percent(r.Path.LinearErrorBarrier),
            InstabilityTable.Percent(r.Path.EndpointGap),
            r.Path.LossBarrier.ToString("F4", CultureInfo.InvariantCulture),
            InstabilityTable.Percent(r.Path.First.Error),
            InstabilityTable.Percent(r.Path.Last.Error),
            InstabilityTable.Percent(r.CopyAOwnError),
            InstabilityTable.Percent(r.CopyBOwnError),
        }).ToList();
        return MarkdownTable.Write(header, rightAligned, cells);
    }

    private static IEnumerable<InstabilityResult> Sort(IEnumerable<InstabilityResult> results) =>
        results.OrderBy(r => r.Level)
            .ThenBy(r => r.Branch, BranchComparer.Instance)
            .ThenBy(r => r.Rewind, RewindComparer.Instance)
            .ThenBy(r => r.MaskRewind ?? string.Empty, RewindComparer.Instance)
            .ThenBy(r => r.Trial);
}
