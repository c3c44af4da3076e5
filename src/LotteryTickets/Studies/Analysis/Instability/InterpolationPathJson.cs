using System.Text;
using System.Text.Json.Serialization;
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
    public static void Write(InterpolationPath path, Stream stream) => JsonFiles.Write(ToFile(path), stream);

    /// <summary>Returns <paramref name="path"/> as JSON text.</summary>
    /// <param name="path">The path.</param>
    /// <returns>The JSON text.</returns>
    public static string ToJson(InterpolationPath path) => JsonFiles.ToText(ToFile(path));

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
        var points = JsonFiles.Parse<PathFile>(json, Schema, source).Points
            .Select(e => new InterpolationPoint(e.Alpha, e.Loss, e.Error, e.TrainLoss, e.TrainError))
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

    private static PathFile ToFile(InterpolationPath path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return new PathFile
        {
            Points = [.. path.Points.Select(p => new PointEntry
            {
                Alpha = p.Alpha,
                Loss = p.Loss,
                Error = p.Error,
                TrainLoss = path.HasTrainingValues ? p.TrainLoss : null,
                TrainError = path.HasTrainingValues ? p.TrainError : null,
            })],
            ErrorBarrier = path.ErrorBarrier,
            LossBarrier = path.LossBarrier,
            MeanEndpointError = path.MeanEndpointError,
            TrainErrorBarrier = path.TrainErrorBarrier,
            TrainLossBarrier = path.TrainLossBarrier,
        };
    }

    // The training-set values are written only for a path that has them.
    private sealed class PathFile
    {
        public string Schema { get; init; } = InterpolationPathJson.Schema;

        public required PointEntry[] Points { get; init; }

        public double ErrorBarrier { get; init; }

        public double LossBarrier { get; init; }

        public double MeanEndpointError { get; init; }

        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public double? TrainErrorBarrier { get; init; }

        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public double? TrainLossBarrier { get; init; }
    }

    private sealed class PointEntry
    {
        public required double Alpha { get; init; }

        public required double Loss { get; init; }

        public required double Error { get; init; }

        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public double? TrainLoss { get; init; }

        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public double? TrainError { get; init; }
    }
}
