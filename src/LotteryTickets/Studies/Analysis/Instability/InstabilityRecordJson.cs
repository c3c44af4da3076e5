using System.Globalization;
using System.Text;
using System.Text.Json;
using LotteryTickets.Results;
using LotteryTickets.Storage;

namespace LotteryTickets.Analysis.Instability;

/// <summary>What an analysis's <c>analysis.json</c> records: which network, from where, with which seeds and evaluation options.</summary>
/// <param name="Trial">The trial.</param>
/// <param name="Level">The level (0 = dense).</param>
/// <param name="Branch">The branch whose mask was used.</param>
/// <param name="Rewind">The rewind point's label, e.g. <c>0it</c>.</param>
/// <param name="PercentWeightsRemaining">The % of prunable weights the mask keeps.</param>
/// <param name="Points">The number of evaluated points.</param>
/// <param name="BatchNormBatches">The batch-norm recomputation batches.</param>
/// <param name="TrainingSet">Whether the training set was evaluated too.</param>
/// <param name="CopyASeed">Copy A's data-order seed.</param>
/// <param name="CopyBSeed">Copy B's data-order seed.</param>
public sealed record InstabilityRecord(
    int Trial, int Level, string Branch, string Rewind, double PercentWeightsRemaining,
    int Points, int BatchNormBatches, bool TrainingSet, ulong CopyASeed, ulong CopyBSeed)
{
    /// <summary>
    /// The rewind point of the pruning that found the mask (<c>0it</c>, <c>2000it</c>, or the plan's rewind policy's
    /// name when it rewinds to no point, e.g. <c>none</c>), or <see langword="null"/> when not recorded (analyses stored
    /// before it was: the plan's own masks).
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? MaskRewind { get; init; }

    /// <summary>Whether the copies' seeds are shared by every branch of the level (<see cref="InstabilityMasks.PerRewindPoint"/>).</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool PairedSeeds { get; init; }

    /// <summary>Copy A's own final test error (its own batch-norm statistics), or <see langword="null"/> when not recorded.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public double? CopyAOwnError { get; init; }

    /// <summary>Copy B's own final test error, or <see langword="null"/> when not recorded.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public double? CopyBOwnError { get; init; }
}

/// <summary>Reads and writes <see cref="InstabilityRecord"/>s as JSON (schema <see cref="Schema"/>); the same record gives the same bytes.</summary>
public static class InstabilityRecordJson
{
    /// <summary>The schema name written in every file.</summary>
    public const string Schema = "lottery-tickets.instability-analysis/1";

    /// <summary>The record as JSON text.</summary>
    /// <param name="record">The record.</param>
    /// <returns>The text.</returns>
    public static string ToJson(InstabilityRecord record) => JsonNumbers.ToText(stream => Write(record, stream));

    /// <summary>Writes the record to <paramref name="file"/> atomically.</summary>
    /// <param name="record">The record.</param>
    /// <param name="file">The file; its folder must exist.</param>
    public static void Save(InstabilityRecord record, string file)
    {
        ArgumentNullException.ThrowIfNull(record);
        AtomicFile.Write(file, stream => Write(record, stream));
    }

    /// <summary>Reads a record from a file.</summary>
    /// <param name="file">The file.</param>
    /// <returns>The record.</returns>
    /// <exception cref="InvalidDataException">The file is not a valid record; the message names it.</exception>
    public static InstabilityRecord Read(string file)
    {
        using var document = JsonNumbers.Open(File.ReadAllText(file, Encoding.UTF8), Schema, file);
        var root = document.RootElement;
        return new InstabilityRecord(
            JsonNumbers.ReadInt(root, "trial", file),
            JsonNumbers.ReadInt(root, "level", file),
            JsonNumbers.ReadString(root, "branch", file),
            JsonNumbers.ReadString(root, "rewind", file),
            JsonNumbers.ReadDouble(root, "percentWeightsRemaining", file),
            JsonNumbers.ReadInt(root, "points", file),
            JsonNumbers.ReadInt(root, "batchNormBatches", file),
            ReadBool(root, "trainingSet", file),
            ReadSeed(root, "copyASeed", file),
            ReadSeed(root, "copyBSeed", file))
        {
            MaskRewind = root.TryGetProperty("maskRewind", out _) ? JsonNumbers.ReadString(root, "maskRewind", file) : null,
            PairedSeeds = root.TryGetProperty("pairedSeeds", out _) && ReadBool(root, "pairedSeeds", file),
            CopyAOwnError = root.TryGetProperty("copyAOwnError", out _) ? JsonNumbers.ReadDouble(root, "copyAOwnError", file) : null,
            CopyBOwnError = root.TryGetProperty("copyBOwnError", out _) ? JsonNumbers.ReadDouble(root, "copyBOwnError", file) : null,
        };
    }

    private static void Write(InstabilityRecord record, Stream stream)
    {
        using var writer = new Utf8JsonWriter(stream, JsonNumbers.WriterOptions);
        writer.WriteStartObject();
        writer.WriteString("schema", Schema);
        writer.WriteNumber("trial", record.Trial);
        writer.WriteNumber("level", record.Level);
        writer.WriteString("branch", record.Branch);
        writer.WriteString("rewind", record.Rewind);
        JsonNumbers.Write(writer, "percentWeightsRemaining", record.PercentWeightsRemaining);
        writer.WriteNumber("points", record.Points);
        writer.WriteNumber("batchNormBatches", record.BatchNormBatches);
        writer.WriteBoolean("trainingSet", record.TrainingSet);

        // Seeds as text: JSON numbers above 2^53 lose digits in many readers.
        writer.WriteString("copyASeed", record.CopyASeed.ToString(CultureInfo.InvariantCulture));
        writer.WriteString("copyBSeed", record.CopyBSeed.ToString(CultureInfo.InvariantCulture));

        // Written only when set, so records without them keep their bytes.
        if (record.MaskRewind is { } maskRewind)
        {
            writer.WriteString("maskRewind", maskRewind);
        }

        if (record.PairedSeeds)
        {
            writer.WriteBoolean("pairedSeeds", true);
        }

        if (record.CopyAOwnError is { } a)
        {
            JsonNumbers.Write(writer, "copyAOwnError", a);
        }

        if (record.CopyBOwnError is { } b)
        {
            JsonNumbers.Write(writer, "copyBOwnError", b);
        }

        writer.WriteEndObject();
        writer.Flush();
    }

    private static bool ReadBool(JsonElement root, string name, string source)
    {
        var value = JsonNumbers.Property(root, name, source);
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new InvalidDataException($"'{name}' in '{source}' is not true or false."),
        };
    }

    private static ulong ReadSeed(JsonElement root, string name, string source) =>
        ulong.TryParse(JsonNumbers.ReadString(root, name, source), NumberStyles.None, CultureInfo.InvariantCulture, out var seed)
            ? seed
            : throw new InvalidDataException($"'{name}' in '{source}' is not a seed (a whole number of at least 0, as text).");
}
