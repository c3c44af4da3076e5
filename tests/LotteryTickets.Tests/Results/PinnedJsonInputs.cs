using LotteryTickets.Masks;
using LotteryTickets.Analysis.Instability;
using LotteryTickets.Results;
using LotteryTickets.Storage;
using LotteryTickets.Training;

namespace LotteryTickets.Tests.Results;

/// <summary>Fixed inputs of the result-file writers, with the values a hand-rolled writer gets wrong.</summary>
internal static class PinnedJsonInputs
{
    public static RunMetrics Metrics { get; } = new(
    [
        new EvaluationRecord(0, null, 2.302585092994046, 0.1, double.PositiveInfinity, 0.0987),
        new EvaluationRecord(100, 5e-324, double.NaN, 0.95, -0.0, 1),
        new EvaluationRecord(2_000_000_000, double.NegativeInfinity, 1.7976931348623157e308, 0.3333333333333333, 1e-7, 0.9433),
    ]);

    public static SparsityReport Sparsity { get; } = new(
    [
        new LayerSparsity("conv1.wéight", 1_000_000_000_000, 333_333_333_333),
        new LayerSparsity("слой.weight", 3, 0),
        new LayerSparsity("fc \"out\".weight", 7, 7),
    ]);

    public static InterpolationPath Path { get; } = new(
    [
        new InterpolationPoint(0, 0.25, 0.1, -0.0, 0),
        new InterpolationPoint(1.0 / 3, double.NaN, 0.5, double.PositiveInfinity, 1e-300),
        new InterpolationPoint(1, 0.125, 0.0625, 123456789.123, 1),
    ]);

    public static InterpolationPath PathWithoutTraining { get; } = new(
    [
        new InterpolationPoint(0, 1e21, 0),
        new InterpolationPoint(1, double.NegativeInfinity, 1),
    ]);

    public static InstabilityRecord Record { get; } = new(1, 3, "zufällig", "0it", 12.7, 31, 10, true, ulong.MaxValue, 0)
    {
        MaskRewind = "100it",
        PairedSeeds = true,
        CopyAOwnError = double.NaN,
        CopyBOwnError = -0.0,
    };

    public static InstabilityRecord PlainRecord { get; } = new(0, 0, "main", "0it", 100, 5, 0, false, 42, 43);

    /// <summary>A run folder with files of non-ASCII and quoted names; the caller deletes it.</summary>
    public static string ManifestFolder()
    {
        var folder = Directory.CreateTempSubdirectory("pinned-manifest-").FullName;
        File.WriteAllText(System.IO.Path.Combine(folder, "métrics.json"), "{}");
        File.WriteAllBytes(System.IO.Path.Combine(folder, "a \"b\".bin"), [1, 2, 3]);
        File.WriteAllText(System.IO.Path.Combine(folder, "empty"), "");
        File.WriteAllText(System.IO.Path.Combine(folder, "done"), "ignored");
        return folder;
    }
}
