using System.Text;
using System.Text.Json;
using LotteryTickets.Results;
using LotteryTickets.Storage;

namespace LotteryTickets.Analysis.Instability;

/// <summary>
/// Reads and writes an <see cref="InterpolationPath"/> as <c>path.json</c> (schema <c>lottery-tickets.instability-path/1</c>,
/// camelCase names, numbers in their shortest round-trip form, non-finite ones as <c>"NaN"</c> / <c>"Infinity"</c>
/// strings). The barriers are written for other readers and recomputed, not trusted, on reading. The same path always
/// gives the same bytes.
/// </summary>
public static class InterpolationPathJson
{
    /// <summary>The schema name written in every file.</summary>
    public const string Schema = "lottery-tickets.instability-path/1";

    /// <summary>Writes <paramref name="path"/> as UTF-8 JSON to <paramref name="stream"/>.</summary>
    /// <param name="path">The path.</param>
    /// <param name="stream">The stream, left open.</param>
    public static void Write(InterpolationPath path, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(stream);
        using var writer = new Utf8JsonWriter(stream, JsonNumbers.WriterOptions);
        writer.WriteStartObject();
        writer.WriteString("schema", Schema);
        writer.WriteStartArray("points");
        foreach (var p in path.Points)
        {
            writer.WriteStartObject();
            JsonNumbers.Write(writer, "alpha", p.Alpha);
            JsonNumbers.Write(writer, "loss", p.Loss);
            JsonNumbers.Write(writer, "error", p.Error);
            if (path.HasTrainingValues)
            {
                JsonNumbers.Write(writer, "trainLoss", p.TrainLoss);
                JsonNumbers.Write(writer, "trainError", p.TrainError);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        JsonNumbers.Write(writer, "errorBarrier", path.ErrorBarrier);
        JsonNumbers.Write(writer, "lossBarrier", path.LossBarrier);
        JsonNumbers.Write(writer, "meanEndpointError", path.MeanEndpointError);
        if (path.HasTrainingValues)
        {
            JsonNumbers.Write(writer, "trainErrorBarrier", path.TrainErrorBarrier);
            JsonNumbers.Write(writer, "trainLossBarrier", path.TrainLossBarrier);
        }

        writer.WriteEndObject();
        writer.Flush();
    }

    /// <summary>Returns <paramref name="path"/> as JSON text.</summary>
    /// <param name="path">The path.</param>
    /// <returns>The JSON text.</returns>
    public static string ToJson(InterpolationPath path) => JsonNumbers.ToText(stream => Write(path, stream));

    /// <summary>Writes <paramref name="path"/> to the file <paramref name="file"/> atomically (<see cref="AtomicFile"/>).</summary>
    /// <param name="path">The path.</param>
    /// <param name="file">The file; its folder must exist.</param>
    public static void Save(InterpolationPath path, string file)
    {
        ArgumentNullException.ThrowIfNull(path);
        AtomicFile.Write(file, stream => Write(path, stream));
    }

    /// <summary>Reads a path from JSON text.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="source">A name for the text in error messages, such as its file path.</param>
    /// <returns>The path.</returns>
    /// <exception cref="InvalidDataException">The text is not a valid path; the message names the source and the problem.</exception>
    public static InterpolationPath Parse(string json, string source = "path.json")
    {
        using var document = JsonNumbers.Open(json, Schema, source);
        var points = JsonNumbers.Array(document.RootElement, "points", source)
            .Select(e => new InterpolationPoint(
                JsonNumbers.ReadDouble(e, "alpha", source),
                JsonNumbers.ReadDouble(e, "loss", source),
                JsonNumbers.ReadDouble(e, "error", source),
                JsonNumbers.ReadNullableDouble(e, "trainLoss", source),
                JsonNumbers.ReadNullableDouble(e, "trainError", source)))
            .ToList();
        try
        {
            return new InterpolationPath(points);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"The path in '{source}' is invalid: {e.Message}", e);
        }
    }

    /// <summary>Reads a path from a JSON file.</summary>
    /// <param name="file">The file.</param>
    /// <returns>The path.</returns>
    /// <exception cref="InvalidDataException">The file is not a valid path.</exception>
    public static InterpolationPath Read(string file) => Parse(File.ReadAllText(file, Encoding.UTF8), file);
}
