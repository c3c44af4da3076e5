using LotteryTickets.Masks;

namespace LotteryTickets.Results;

/// <summary>
/// Writes a <see cref="SparsityReport"/> as CSV: header <c>name,total,remaining,percentRemaining</c>, one row
/// per layer in model order (no total row: the global counts are the column sums), invariant culture.
/// </summary>
public static class SparsityReportCsv
{
    /// <summary>The column names, in the order they are written.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["name", "total", "remaining", "percentRemaining"];

    /// <summary>Writes <paramref name="report"/> as CSV.</summary>
    /// <param name="report">The report.</param>
    /// <param name="writer">The writer, left open.</param>
    public static void Write(SparsityReport report, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(writer);
        CsvText.WriteRow(writer, Columns);
        foreach (var layer in report.Layers)
        {
            CsvText.WriteRow(writer,
            [
                CsvText.Field(layer.Name),
                CsvText.Number(layer.Total),
                CsvText.Number(layer.Remaining),
                CsvText.Number(layer.PercentRemaining),
            ]);
        }
    }

    /// <summary>Returns <paramref name="report"/> as CSV text.</summary>
    /// <param name="report">The report.</param>
    /// <returns>The CSV text.</returns>
    public static string ToCsv(SparsityReport report)
    {
        using var writer = new StringWriter();
        Write(report, writer);
        return writer.ToString();
    }
}
