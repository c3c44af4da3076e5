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
    public static void Write(SparsityReport report, Stream stream) => JsonFiles.Write(ToFile(report), stream);

    /// <summary>Returns <paramref name="report"/> as JSON text.</summary>
    /// <param name="report">The report.</param>
    /// <returns>The JSON text.</returns>
    public static string ToJson(SparsityReport report) => JsonFiles.ToText(ToFile(report));

    /// <summary>Reads a report from JSON text.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="source">A name for the text in error messages, such as its file path.</param>
    /// <returns>The report.</returns>
    /// <exception cref="InvalidDataException">The text is not a valid sparsity report.</exception>
    public static SparsityReport Parse(string json, string source = "sparsity.json")
    {
        var file = JsonFiles.Parse<SparsityFile>(json, Schema, source);
        try
        {
            return new SparsityReport(file.Layers.Select(l => new LayerSparsity(l.Name, l.Total, l.Remaining)).ToList());
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"The sparsity report in '{source}' is invalid: {e.Message}", e);
        }
    }

    /// <summary>Reads a report from a JSON file.</summary>
    /// <param name="path">The file path.</param>
    /// <returns>The report.</returns>
    /// <exception cref="InvalidDataException">The file is not a valid sparsity report.</exception>
    public static SparsityReport Read(string path) => Parse(File.ReadAllText(path, System.Text.Encoding.UTF8), path);

    private static SparsityFile ToFile(SparsityReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new SparsityFile
        {
            Total = report.Total,
            Remaining = report.Remaining,
            PercentRemaining = report.PercentRemaining,
            Layers = [.. report.Layers.Select(l => new LayerEntry { Name = l.Name, Total = l.Total, Remaining = l.Remaining, PercentRemaining = l.PercentRemaining })],
        };
    }

    private sealed class SparsityFile
    {
        public string Schema { get; init; } = SparsityReportJson.Schema;

        public long Total { get; init; }

        public long Remaining { get; init; }

        public double PercentRemaining { get; init; }

        public required LayerEntry[] Layers { get; init; }
    }

    private sealed class LayerEntry
    {
        public required string Name { get; init; }

        public required long Total { get; init; }

        public required long Remaining { get; init; }

        public double PercentRemaining { get; init; }
    }
}
