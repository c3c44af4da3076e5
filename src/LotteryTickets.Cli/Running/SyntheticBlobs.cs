using LotteryTickets.Datasets;
using LotteryTickets.Datasets.Synthetic;

namespace LotteryTickets.Cli.Running;

/// <summary>
/// The <c>gaussian_blobs</c> data set of an experiment file: 4 classes of noisy 1×8×8 Gaussian blobs, made in memory
/// (no files), for trying the tool and for fast tests. Always the same examples: <see cref="TrainCount"/> training
/// examples, the file's <c>dataset.validation</c> count of validation examples, and <see cref="TestCount"/> test examples.
/// </summary>
internal static class SyntheticBlobs
{
    /// <summary>The data set's name in an experiment file.</summary>
    public const string Name = "gaussian_blobs";

    /// <summary>The number of training examples.</summary>
    public const int TrainCount = 512;

    /// <summary>The number of test examples.</summary>
    public const int TestCount = 256;

    private const double Noise = 0.8;

    /// <summary>The splits, with <paramref name="validationCount"/> validation examples (none when 0).</summary>
    /// <param name="validationCount">The number of validation examples, at least 0.</param>
    /// <returns>The splits (in managed memory; nothing to dispose).</returns>
    public static DatasetSplits Splits(int validationCount)
    {
        var all = GaussianBlobs.Create(new GaussianBlobsOptions { Count = TrainCount + validationCount + TestCount, Noise = Noise });
        var validation = validationCount > 0 ? all.Slice(TrainCount, validationCount, "validation") : null;
        return new DatasetSplits(all.Slice(0, TrainCount, "train"), validation, all.Slice(TrainCount + validationCount, TestCount, "test"));
    }
}
