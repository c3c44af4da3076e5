using System.Globalization;

namespace LotteryTickets.Results;

/// <summary>
/// Result tables as CSV (for other tools) and Markdown (for people): one row per (level, branch), sorted by level,
/// then branch with <see cref="RunKey.MainBranch"/> first, numbers in the invariant culture.
/// </summary>
public static class ResultsTable
{
    private static readonly (string Name, Func<AggregatedResult, SummaryStatistics> Select)[] Quantities =
    [
        ("percentRemaining", a => a.PercentWeightsRemaining),
        ("earlyStopIteration", a => a.EarlyStopIteration),
        ("validationAccuracyAtEarlyStop", a => a.ValidationAccuracyAtEarlyStop),
        ("testAccuracyAtEarlyStop", a => a.TestAccuracyAtEarlyStop),
        ("finalTestAccuracy", a => a.FinalTestAccuracy),
    ];

    /// <summary>The columns of <see cref="ToCsv(IEnumerable{AggregatedResult})"/>: <c>level</c>, <c>branch</c>, <c>trials</c>, then for each quantity <c>&lt;q&gt;Mean</c>, <c>&lt;q&gt;Std</c>, <c>&lt;q&gt;CiLow</c>, <c>&lt;q&gt;CiHigh</c>.</summary>
    public static IReadOnlyList<string> CsvColumns { get; } =
    [
        "level", "branch", "trials",
        .. Quantities.SelectMany(q => new[] { q.Name + "Mean", q.Name + "Std", q.Name + "CiLow", q.Name + "CiHigh" }),
    ];

    /// <summary>The columns of <see cref="ToCsv(IEnumerable{RunSummary})"/>.</summary>
    public static IReadOnlyList<string> RunCsvColumns { get; } =
    [
        "trial", "level", "branch", "percentRemaining", "earlyStopIteration",
        "validationAccuracyAtEarlyStop", "testAccuracyAtEarlyStop", "finalTestAccuracy",
    ];

    /// <summary>
    /// The aggregated results as CSV, one row per (level, branch). Every cell of a quantity is a number: a row of one
    /// trial has standard deviation 0 and an interval collapsed to the mean (<see cref="SummaryStatistics"/>); read its
    /// <c>trials</c> column to tell "no spread estimate" from "no spread".
    /// </summary>
    /// <param name="results">The aggregated results, in any order.</param>
    /// <returns>The CSV text, with a header row and <c>\n</c> line ends.</returns>
    public static string ToCsv(IEnumerable<AggregatedResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        CsvText.WriteRow(writer, CsvColumns);
        foreach (var r in Sort(results))
        {
            CsvText.WriteRow(writer,
            [
                CsvText.Number(r.Level),
                CsvText.Field(r.Branch),
                CsvText.Number(r.Trials.Count),
                .. Quantities.SelectMany(q =>
                {
                    var s = q.Select(r);
                    return new[] { CsvText.Number(s.Mean), CsvText.Number(s.StandardDeviation), CsvText.Number(s.ConfidenceLow), CsvText.Number(s.ConfidenceHigh) };
                }),
            ]);
        }

        return writer.ToString();
    }

    /// <summary>Per-run results as CSV, one row per run, sorted by level, branch, then trial.</summary>
    /// <param name="runs">The runs, in any order.</param>
    /// <returns>The CSV text, with a header row and <c>\n</c> line ends.</returns>
    public static string ToCsv(IEnumerable<RunSummary> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        CsvText.WriteRow(writer, RunCsvColumns);
        foreach (var r in runs.OrderBy(r => r.Key))
        {
            CsvText.WriteRow(writer,
            [
                CsvText.Number(r.Trial),
                CsvText.Number(r.Level),
                CsvText.Field(r.Branch),
                CsvText.Number(r.PercentWeightsRemaining),
                CsvText.Number(r.EarlyStopIteration),
                CsvText.Number(r.ValidationAccuracyAtEarlyStop),
                CsvText.Number(r.TestAccuracyAtEarlyStop),
                CsvText.Number(r.FinalTestAccuracy),
            ]);
        }

        return writer.ToString();
    }

    /// <summary>
    /// The aggregated results as a Markdown table with padded, aligned columns:
    /// <c>| level | branch | trials | % remaining | early-stop iter (mean ± std) | test acc at early stop (mean ± std) | final test acc (mean ± std) |</c>.
    /// Percentages show three significant digits (100, 51.2, 1.15), iterations whole numbers, accuracies four decimals.
    /// A row of one trial shows just the mean (<c>0.8710</c>, not <c>0.8710 ± 0.0000</c>): there is no spread to estimate.
    /// </summary>
    /// <param name="results">The aggregated results, in any order.</param>
    /// <returns>The Markdown text, <c>\n</c> line ends.</returns>
    public static string ToMarkdown(IEnumerable<AggregatedResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        string[] header =
        [
            "level", "branch", "trials", "% remaining", "early-stop iter (mean ± std)",
            "test acc at early stop (mean ± std)", "final test acc (mean ± std)",
        ];
        bool[] rightAligned = [true, false, true, true, true, true, true];
        var rows = Sort(results).Select(r => new[]
        {
            r.Level.ToString(CultureInfo.InvariantCulture),
            MarkdownTable.Escape(r.Branch),
            r.Trials.Count.ToString(CultureInfo.InvariantCulture),
            FormatPercent(r.PercentWeightsRemaining.Mean),
            PlusMinus(r.EarlyStopIteration, "F0"),
            PlusMinus(r.TestAccuracyAtEarlyStop, "F4"),
            PlusMinus(r.FinalTestAccuracy, "F4"),
        }).ToList();

        return MarkdownTable.Write(header, rightAligned, rows);
    }

    /// <summary>A percentage with three significant digits, e.g. 100, 51.2, 1.15, in the invariant culture.</summary>
    /// <param name="percent">The percentage.</param>
    /// <returns>The text.</returns>
    public static string FormatPercent(double percent) => percent.ToString("G3", CultureInfo.InvariantCulture);

    private static string PlusMinus(SummaryStatistics s, string format) => s.Count <= 1
        ? s.Mean.ToString(format, CultureInfo.InvariantCulture)
        : s.Mean.ToString(format, CultureInfo.InvariantCulture) + " ± " + s.StandardDeviation.ToString(format, CultureInfo.InvariantCulture);

    private static IEnumerable<AggregatedResult> Sort(IEnumerable<AggregatedResult> results) =>
        results.OrderBy(r => r.Level).ThenBy(r => r.Branch, BranchComparer.Instance);
}
