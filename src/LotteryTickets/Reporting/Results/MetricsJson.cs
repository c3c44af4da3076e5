using LotteryTickets.Training;

namespace LotteryTickets.Results;

/// <summary>
/// Reads and writes a run's <see cref="RunMetrics"/> as <c>metrics.json</c> (schema <c>lottery-tickets.metrics/1</c>,
/// camelCase names, described in <c>docs/results.md</c>). The derived fields (<c>earlyStop</c>,
/// <c>finalTestAccuracy</c>) are written for other readers and recomputed, not trusted, on reading.
/// </summary>
public static class MetricsJson
{
    /// <summary>The schema name written in every file.</summary>
    public const string Schema = "lottery-tickets.metrics/1";

    /// <summary>Writes <paramref name="metrics"/> as UTF-8 JSON to <paramref name="stream"/>.</summary>
    /// <param name="metrics">The metrics.</param>
    /// <param name="stream">The stream, left open.</param>
    public static void Write(RunMetrics metrics, Stream stream) => JsonFiles.Write(ToFile(metrics), stream);

    /// <summary>Returns <paramref name="metrics"/> as JSON text.</summary>
    /// <param name="metrics">The metrics.</param>
    /// <returns>The JSON text.</returns>
    public static string ToJson(RunMetrics metrics) => JsonFiles.ToText(ToFile(metrics));

    /// <summary>Reads metrics from JSON text.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="source">A name for the text in error messages, such as its file path.</param>
    /// <returns>The metrics.</returns>
    /// <exception cref="InvalidDataException">The text is not valid metrics JSON; the message names the source and the problem.</exception>
    public static RunMetrics Parse(string json, string source = "metrics.json")
    {
        var file = JsonFiles.Parse<MetricsFile>(json, Schema, source);
        return Create(
            file.Evaluations.Select(e => new EvaluationRecord(e.Iteration, e.TrainLoss, e.ValidationLoss, e.ValidationAccuracy, e.TestLoss, e.TestAccuracy)).ToList(),
            source);
    }

    /// <summary>Reads metrics from a JSON file.</summary>
    /// <param name="path">The file path.</param>
    /// <returns>The metrics.</returns>
    /// <exception cref="InvalidDataException">The file is not valid metrics JSON.</exception>
    public static RunMetrics Read(string path) => Parse(File.ReadAllText(path, System.Text.Encoding.UTF8), path);

    internal static RunMetrics Create(List<EvaluationRecord> evaluations, string source)
    {
        try
        {
            return new RunMetrics(evaluations);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"The metrics in '{source}' are invalid: {e.Message}", e);
        }
    }

    private static MetricsFile ToFile(RunMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        return new MetricsFile
        {
            Evaluations = [.. metrics.Evaluations.Select(e => new EvaluationEntry
            {
                Iteration = checked((int)e.Iteration),
                TrainLoss = e.TrainLoss,
                ValidationLoss = e.ValidationLoss,
                ValidationAccuracy = e.ValidationAccuracy,
                TestLoss = e.TestLoss,
                TestAccuracy = e.TestAccuracy,
            })],
            EarlyStop = new EarlyStopEntry(
                metrics.EarlyStopIteration, metrics.EarlyStop.ValidationLoss, metrics.ValidationAccuracyAtEarlyStop, metrics.TestAccuracyAtEarlyStop),
            FinalIteration = checked((int)metrics.Final.Iteration),
            FinalTestAccuracy = metrics.FinalTestAccuracy,
        };
    }

    private sealed class MetricsFile
    {
        public string Schema { get; init; } = MetricsJson.Schema;

        public required EvaluationEntry[] Evaluations { get; init; }

        public EarlyStopEntry? EarlyStop { get; init; }

        public int FinalIteration { get; init; }

        public double FinalTestAccuracy { get; init; }
    }

    private sealed class EvaluationEntry
    {
        public required int Iteration { get; init; }

        public double? TrainLoss { get; init; }

        public required double ValidationLoss { get; init; }

        public required double ValidationAccuracy { get; init; }

        public required double TestLoss { get; init; }

        public required double TestAccuracy { get; init; }
    }

    private sealed record EarlyStopEntry(int Iteration, double ValidationLoss, double ValidationAccuracy, double TestAccuracy);
}
