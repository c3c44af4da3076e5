using LotteryTickets.Masks;

namespace LotteryTickets.Results;

/// <summary>
/// Reads and writes a <see cref="SparsityReport"/> as CSV: header <c>name,total,remaining,percentRemaining</c>, one row
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

    /// <summary>Reads a report from CSV text.</summary>
    /// <param name="csv">The CSV text.</param>
    /// <param name="source">A name for the text in error messages.</param>
    /// <returns>The report.</returns>
    /// <exception cref="InvalidDataException">The text is not a valid sparsity CSV.</exception>
    public static SparsityReport Parse(string csv, string source = "sparsity.csv")
    {
        ArgumentNullException.ThrowIfNull(csv);
        using var reader = new StringReader(csv);
        var records = CsvText.ReadRecords(reader);
        if (records.Count == 0)
        {
            throw new InvalidDataException($"The CSV '{source}' is empty; a header row was expected.");
        }

        var columns = CsvText.Columns(records[0], source, ["name", "total", "remaining"]);
        var layers = new List<LayerSparsity>();
        try
        {
            for (var r = 1; r < records.Count; r++)
            {
                var row = records[r];
                string Cell(string column) => columns[column] < row.Length ? row[columns[column]] : string.Empty;
                layers.Add(new LayerSparsity(
                    Cell("name"),
                    CsvText.ParseLong(Cell("total").Trim(), source, r + 1, "total"),
                    CsvText.ParseLong(Cell("remaining").Trim(), source, r + 1, "remaining")));
            }

            return new SparsityReport(layers);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"The sparsity report in '{source}' is invalid: {e.Message}", e);
        }
    }
}
