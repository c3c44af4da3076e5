using System.Text;
using System.Text.Json;
using LotteryTickets.Masks;

namespace LotteryTickets.Results;

/// <summary>
/// Reads and writes a <see cref="SparsityReport"/> as <c>sparsity.json</c> (schema <c>lottery-tickets.sparsity/1</c>):
/// global <c>total</c>, <c>remaining</c>, <c>percentRemaining</c> and a <c>layers</c> array of
/// <c>{ name, total, remaining, percentRemaining }</c>. Percentages are written for other readers and recomputed from
/// the counts on reading.
/// </summary>
public static class SparsityReportJson
{
    /// <summary>The schema name written in every file.</summary>
    public const string Schema = "lottery-tickets.sparsity/1";

    /// <summary>Writes <paramref name="report"/> as UTF-8 JSON to <paramref name="stream"/>.</summary>
    /// <param name="report">The report.</param>
    /// <param name="stream">The stream, left open.</param>
    public static void Write(SparsityReport report, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(stream);
        using var writer = new Utf8JsonWriter(stream, JsonNumbers.WriterOptions);
        writer.WriteStartObject();
        writer.WriteString("schema", Schema);
        writer.WriteNumber("total", report.Total);
        writer.WriteNumber("remaining", report.Remaining);
        writer.WriteNumber("percentRemaining", report.PercentRemaining);
        writer.WriteStartArray("layers");
        foreach (var layer in report.Layers)
        {
            writer.WriteStartObject();
            writer.WriteString("name", layer.Name);
            writer.WriteNumber("total", layer.Total);
            writer.WriteNumber("remaining", layer.Remaining);
            writer.WriteNumber("percentRemaining", layer.PercentRemaining);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.Flush();
    }

    /// <summary>Returns <paramref name="report"/> as JSON text.</summary>
    /// <param name="report">The report.</param>
    /// <returns>The JSON text.</returns>
    public static string ToJson(SparsityReport report)
    {
        return JsonNumbers.ToText(stream => Write(report, stream));
    }

    /// <summary>Reads a report from JSON text.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="source">A name for the text in error messages, such as its file path.</param>
    /// <returns>The report.</returns>
    /// <exception cref="InvalidDataException">The text is not a valid sparsity report.</exception>
    public static SparsityReport Parse(string json, string source = "sparsity.json")
    {
        using (var document = JsonNumbers.Open(json, Schema, source))
        {
            var root = document.RootElement;
            var layers = JsonNumbers.Array(root, "layers", source);

            try
            {
                return new SparsityReport(layers.Select(l => new LayerSparsity(
                    JsonNumbers.ReadString(l, "name", source),
                    JsonNumbers.ReadLong(l, "total", source),
                    JsonNumbers.ReadLong(l, "remaining", source))).ToList());
            }
            catch (ArgumentException e)
            {
                throw new InvalidDataException($"The sparsity report in '{source}' is invalid: {e.Message}", e);
            }
        }
    }

    /// <summary>Reads a report from a JSON file.</summary>
    /// <param name="path">The file path.</param>
    /// <returns>The report.</returns>
    /// <exception cref="InvalidDataException">The file is not a valid sparsity report.</exception>
    public static SparsityReport Read(string path) => Parse(File.ReadAllText(path, Encoding.UTF8), path);
}
