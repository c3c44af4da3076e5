using System.Text.Json.Serialization;
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
    public static string ToJson(InstabilityRecord record) => JsonFiles.ToText(ToFile(record));

    /// <summary>Writes the record to <paramref name="file"/> atomically.</summary>
    /// <param name="record">The record.</param>
    /// <param name="file">The file; its folder must exist.</param>
    public static void Save(InstabilityRecord record, string file)
    {
        var entry = ToFile(record);
        AtomicFile.Write(file, stream => JsonFiles.Write(entry, stream));
    }

    /// <summary>Reads a record from a file.</summary>
    /// <param name="file">The file.</param>
    /// <returns>The record.</returns>
    /// <exception cref="InvalidDataException">The file is not a valid record; the message names it.</exception>
    public static InstabilityRecord Read(string file)
    {
        var r = JsonFiles.Read<RecordFile>(file, Schema);
        return new InstabilityRecord(
            r.Trial, r.Level, r.Branch, r.Rewind, r.PercentWeightsRemaining, r.Points, r.BatchNormBatches, r.TrainingSet, r.CopyASeed, r.CopyBSeed)
        {
            MaskRewind = r.MaskRewind,
            PairedSeeds = r.PairedSeeds,
            CopyAOwnError = r.CopyAOwnError,
            CopyBOwnError = r.CopyBOwnError,
        };
    }

    private static RecordFile ToFile(InstabilityRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new RecordFile
        {
            Trial = record.Trial,
            Level = record.Level,
            Branch = record.Branch,
            Rewind = record.Rewind,
            PercentWeightsRemaining = record.PercentWeightsRemaining,
            Points = record.Points,
            BatchNormBatches = record.BatchNormBatches,
            TrainingSet = record.TrainingSet,
            CopyASeed = record.CopyASeed,
            CopyBSeed = record.CopyBSeed,
            MaskRewind = record.MaskRewind,
            PairedSeeds = record.PairedSeeds,
            CopyAOwnError = record.CopyAOwnError,
            CopyBOwnError = record.CopyBOwnError,
        };
    }

    // Seeds as text: JSON numbers above 2^53 lose digits in many readers. The properties after them are written only
    // when set, so records without them keep their bytes.
    private sealed class RecordFile
    {
        public string Schema { get; init; } = InstabilityRecordJson.Schema;

        public required int Trial { get; init; }

        public required int Level { get; init; }

        public required string Branch { get; init; }

        public required string Rewind { get; init; }

        public required double PercentWeightsRemaining { get; init; }

        public required int Points { get; init; }

        public required int BatchNormBatches { get; init; }

        public required bool TrainingSet { get; init; }

        [JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)]
        public required ulong CopyASeed { get; init; }

        [JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)]
        public required ulong CopyBSeed { get; init; }

        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? MaskRewind { get; init; }

        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
        public bool PairedSeeds { get; init; }

        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public double? CopyAOwnError { get; init; }

        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public double? CopyBOwnError { get; init; }
    }
}
