using System.Text;
using System.Text.Json;

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
    public static void Write(RunMetrics metrics, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(stream);
        using var writer = new Utf8JsonWriter(stream, JsonNumbers.WriterOptions);
        writer.WriteStartObject();
        writer.WriteString("schema", Schema);
        writer.WriteStartArray("evaluations");
        foreach (var e in metrics.Evaluations)
        {
            writer.WriteStartObject();
            writer.WriteNumber("iteration", e.Iteration);
            JsonNumbers.Write(writer, "trainLoss", e.TrainLoss);
            JsonNumbers.Write(writer, "validationLoss", e.ValidationLoss);
            JsonNumbers.Write(writer, "validationAccuracy", e.ValidationAccuracy);
            JsonNumbers.Write(writer, "testLoss", e.TestLoss);
            JsonNumbers.Write(writer, "testAccuracy", e.TestAccuracy);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartObject("earlyStop");
        writer.WriteNumber("iteration", metrics.EarlyStopIteration);
        JsonNumbers.Write(writer, "validationLoss", metrics.EarlyStop.ValidationLoss);
        JsonNumbers.Write(writer, "validationAccuracy", metrics.ValidationAccuracyAtEarlyStop);
        JsonNumbers.Write(writer, "testAccuracy", metrics.TestAccuracyAtEarlyStop);
        writer.WriteEndObject();
        writer.WriteNumber("finalIteration", metrics.Final.Iteration);
        JsonNumbers.Write(writer, "finalTestAccuracy", metrics.FinalTestAccuracy);
        writer.WriteEndObject();
        writer.Flush();
    }

    /// <summary>Returns <paramref name="metrics"/> as JSON text.</summary>
    /// <param name="metrics">The metrics.</param>
    /// <returns>The JSON text.</returns>
    public static string ToJson(RunMetrics metrics)
    {
        return JsonNumbers.ToText(stream => Write(metrics, stream));
    }

    /// <summary>Reads metrics from JSON text.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="source">A name for the text in error messages, such as its file path.</param>
    /// <returns>The metrics.</returns>
    /// <exception cref="InvalidDataException">The text is not valid metrics JSON; the message names the source and the problem.</exception>
    public static RunMetrics Parse(string json, string source = "metrics.json")
    {
        using (var document = JsonNumbers.Open(json, Schema, source))
        {
            var root = document.RootElement;
            var array = JsonNumbers.Array(root, "evaluations", source);

            var evaluations = array.Select(e => new Evaluation(
                JsonNumbers.ReadInt(e, "iteration", source),
                JsonNumbers.ReadDouble(e, "validationLoss", source),
                JsonNumbers.ReadDouble(e, "validationAccuracy", source),
                JsonNumbers.ReadDouble(e, "testLoss", source),
                JsonNumbers.ReadDouble(e, "testAccuracy", source),
                JsonNumbers.ReadNullableDouble(e, "trainLoss", source))).ToList();
            return Create(evaluations, source);
        }
    }

    /// <summary>Reads metrics from a JSON file.</summary>
    /// <param name="path">The file path.</param>
    /// <returns>The metrics.</returns>
    /// <exception cref="InvalidDataException">The file is not valid metrics JSON.</exception>
    public static RunMetrics Read(string path) => Parse(File.ReadAllText(path, Encoding.UTF8), path);

    internal static RunMetrics Create(List<Evaluation> evaluations, string source)
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
}
