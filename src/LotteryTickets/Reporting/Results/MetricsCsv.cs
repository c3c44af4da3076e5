namespace LotteryTickets.Results;

/// <summary>
/// Reads and writes a run's evaluations as <c>metrics.csv</c>: a header
/// <c>iteration,trainLoss,validationLoss,validationAccuracy,testLoss,testAccuracy</c> and one row per evaluation,
/// numbers in the invariant culture (shortest round-trip form), an empty <c>trainLoss</c> when not recorded,
/// <c>NaN</c>/<c>Infinity</c>/<c>-Infinity</c> for non-finite values, <c>\n</c> line ends.
/// The reader finds columns by name, so extra columns and another column order are accepted.
/// </summary>
public static class MetricsCsv
{
    /// <summary>The column names, in the order they are written.</summary>
    public static IReadOnlyList<string> Columns { get; } =
        ["iteration", "trainLoss", "validationLoss", "validationAccuracy", "testLoss", "testAccuracy"];

    /// <summary>Writes <paramref name="metrics"/> as CSV.</summary>
    /// <param name="metrics">The metrics.</param>
    /// <param name="writer">The writer, left open.</param>
    public static void Write(RunMetrics metrics, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(writer);
        CsvText.WriteRow(writer, Columns);
        foreach (var e in metrics.Evaluations)
        {
            CsvText.WriteRow(writer,
            [
                CsvText.Number(e.Iteration),
                CsvText.Number(e.TrainLoss),
                CsvText.Number(e.ValidationLoss),
                CsvText.Number(e.ValidationAccuracy),
                CsvText.Number(e.TestLoss),
                CsvText.Number(e.TestAccuracy),
            ]);
        }
    }

    /// <summary>Returns <paramref name="metrics"/> as CSV text.</summary>
    /// <param name="metrics">The metrics.</param>
    /// <returns>The CSV text.</returns>
    public static string ToCsv(RunMetrics metrics)
    {
        using var writer = new StringWriter();
        Write(metrics, writer);
        return writer.ToString();
    }

    /// <summary>Reads metrics from CSV text.</summary>
    /// <param name="csv">The CSV text.</param>
    /// <param name="source">A name for the text in error messages, such as its file path.</param>
    /// <returns>The metrics.</returns>
    /// <exception cref="InvalidDataException">The text is not valid metrics CSV; the message names the source, line and column.</exception>
    public static RunMetrics Parse(string csv, string source = "metrics.csv")
    {
        ArgumentNullException.ThrowIfNull(csv);
        using var reader = new StringReader(csv);
        var records = CsvText.ReadRecords(reader);
        if (records.Count == 0)
        {
            throw new InvalidDataException($"The CSV '{source}' is empty; a header row was expected.");
        }

        var columns = CsvText.Columns(records[0], source, Columns);
        var evaluations = new List<Evaluation>();
        for (var r = 1; r < records.Count; r++)
        {
            var row = records[r];
            var line = r + 1;
            string Cell(string column)
            {
                var index = columns[column];
                return index < row.Length ? row[index].Trim() : string.Empty;
            }

            double Number(string column) => CsvText.ParseDouble(Cell(column), source, line, column);
            var trainLoss = Cell("trainLoss");
            evaluations.Add(new Evaluation(
                CsvText.ParseInt(Cell("iteration"), source, line, "iteration"),
                Number("validationLoss"),
                Number("validationAccuracy"),
                Number("testLoss"),
                Number("testAccuracy"),
                trainLoss.Length == 0 ? null : Number("trainLoss")));
        }

        return MetricsJson.Create(evaluations, source);
    }

    /// <summary>Reads metrics from a CSV file.</summary>
    /// <param name="path">The file path.</param>
    /// <returns>The metrics.</returns>
    /// <exception cref="InvalidDataException">The file is not valid metrics CSV.</exception>
    public static RunMetrics Read(string path) => Parse(File.ReadAllText(path), path);
}
