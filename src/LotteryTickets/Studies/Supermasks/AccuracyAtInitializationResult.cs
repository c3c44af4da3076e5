using System.Globalization;
using LotteryTickets.Results;
using LotteryTickets.Results.Plots;

namespace LotteryTickets.Supermasks;

/// <summary>
/// The accuracy at initialization of masked networks (Zhou et al.'s supermask experiment): one row per criterion ×
/// sparsity, in the order of the options (criteria outer, sparsities inner), with CSV and Markdown forms that follow
/// <see cref="ResultsTable"/>'s conventions (camelCase columns, invariant culture, <c>\n</c> line ends).
/// </summary>
public sealed class AccuracyAtInitializationResult
{
    /// <summary>Creates a result.</summary>
    /// <param name="transform">The name of the ticket transform applied before evaluation, or <see langword="null"/> for none.</param>
    /// <param name="rows">The rows, in order.</param>
    public AccuracyAtInitializationResult(string? transform, IEnumerable<AccuracyAtInitializationRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        Transform = transform;
        Rows = [.. rows];
    }

    /// <summary>The columns of <see cref="ToCsv"/>.</summary>
    public static IReadOnlyList<string> CsvColumns { get; } = ["criterion", "transform", "sparsity", "percentRemaining", "testAccuracy", "testLoss"];

    /// <summary>The name of the transform applied to each ticket before evaluation, or <see langword="null"/> for none.</summary>
    public string? Transform { get; }

    /// <summary>The rows: criteria in the order given, each over the sparsities in the order given.</summary>
    public IReadOnlyList<AccuracyAtInitializationRow> Rows { get; }

    /// <summary>The rows as CSV: <c>criterion,transform,sparsity,percentRemaining,testAccuracy,testLoss</c>, the transform <c>none</c> when there is none.</summary>
    /// <returns>The CSV text, with a header row and <c>\n</c> line ends.</returns>
    public string ToCsv()
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        CsvText.WriteRow(writer, CsvColumns);
        foreach (var r in Rows)
        {
            CsvText.WriteRow(writer,
            [
                CsvText.Field(r.Criterion),
                CsvText.Field(TransformName),
                CsvText.Number(r.Sparsity),
                CsvText.Number(r.PercentRemaining),
                CsvText.Number(r.TestAccuracy),
                CsvText.Number(r.TestLoss),
            ]);
        }

        return writer.ToString();
    }

    /// <summary>
    /// The rows as a Markdown table: <c>| criterion | transform | % remaining | test acc | test loss |</c>, percentages with three
    /// significant digits (<see cref="ResultsTable.FormatPercent"/>), accuracies and losses with four decimals.
    /// </summary>
    /// <returns>The Markdown text, <c>\n</c> line ends.</returns>
    public string ToMarkdown()
    {
        var rows = Rows.Select(r => new[]
        {
            MarkdownTable.Escape(r.Criterion),
            MarkdownTable.Escape(TransformName),
            ResultsTable.FormatPercent(r.PercentRemaining),
            r.TestAccuracy.ToString("F4", CultureInfo.InvariantCulture),
            r.TestLoss.ToString("F4", CultureInfo.InvariantCulture),
        }).ToList();
        return MarkdownTable.Write(["criterion", "transform", "% remaining", "test acc", "test loss"], [false, false, true, true, true], rows);
    }

    /// <summary>
    /// The accuracies as a grid, as Zhou et al. plot them: one row per criterion, one column per sparsity (headed by the
    /// percentage of weights remaining of the first criterion at that sparsity), accuracies with four decimals.
    /// </summary>
    /// <returns>The Markdown text, <c>\n</c> line ends.</returns>
    public string ToMarkdownGrid()
    {
        var sparsities = Rows.Select(r => r.Sparsity).Distinct().ToList();
        var criteria = Rows.Select(r => r.Criterion).Distinct(StringComparer.Ordinal).ToList();
        var header = new List<string> { "criterion \\ % remaining" };
        header.AddRange(sparsities.Select(s => ResultsTable.FormatPercent(Rows.First(r => r.Sparsity == s).PercentRemaining)));
        var rows = criteria.Select(c => new[] { MarkdownTable.Escape(c) }
            .Concat(sparsities.Select(s => Rows.FirstOrDefault(r => r.Criterion == c && r.Sparsity == s) is { } row
                ? row.TestAccuracy.ToString("F4", CultureInfo.InvariantCulture)
                : string.Empty))
            .ToArray()).ToList();
        return MarkdownTable.Write(header, [false, .. sparsities.Select(_ => true)], rows);
    }

    /// <summary>
    /// The accuracies as a chart: test accuracy against % of weights remaining on a log axis (decreasing, like Frankle
    /// &amp; Carbin's figures), one line per criterion; render it with <see cref="SvgLineChart.Render"/>.
    /// </summary>
    /// <returns>The chart.</returns>
    public LineChart ToChart() => new()
    {
        Title = $"Accuracy at initialization ({Transform ?? "initial weights"})",
        XTitle = "% of weights remaining",
        YTitle = "test accuracy (no training)",
        XScale = XAxisScale.LogDecreasing,
        Series = [.. Rows.GroupBy(r => r.Criterion, StringComparer.Ordinal).Select(g => new ChartSeries(
            g.Key, [.. g.OrderByDescending(r => r.PercentRemaining).Select(r => new ChartPoint(r.PercentRemaining, r.TestAccuracy))]))],
    };

    private string TransformName => Transform ?? "none";
}
