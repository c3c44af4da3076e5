namespace LotteryTickets.Results;

/// <summary>
/// Writes a run's evaluations as <c>metrics.csv</c>: a header
/// <c>iteration,trainLoss,validationLoss,validationAccuracy,testLoss,testAccuracy</c> and one row per evaluation,
/// numbers in the invariant culture (shortest round-trip form), an empty <c>trainLoss</c> when not recorded,
/// <c>NaN</c>/<c>Infinity</c>/<c>-Infinity</c> for non-finite values, <c>\n</c> line ends.
/// Read the metrics back from <c>metrics.json</c> (<see cref="MetricsJson"/>); this file is for other tools.
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
}
