using LotteryTickets.Datasets.Loading;
using static TorchSharp.torch;

namespace LotteryTickets.Datasets.Benchmarking;

/// <summary>
/// The data-loading work a benchmark times: reading Fashion-MNIST into tensors, and one epoch of loader batches.
/// Each method does the whole piece of work and releases everything it created.
/// </summary>
public static class DataLoadingWorkload
{
    /// <summary>Reads Fashion-MNIST's training and test files (no validation split) and turns both into tensors on <paramref name="device"/>.</summary>
    /// <param name="device">The device of the tensors; the CPU by default.</param>
    /// <param name="folder">A folder holding the files, or <see langword="null"/> to locate them as usual.</param>
    /// <returns>The number of samples loaded (70,000).</returns>
    public static int LoadFashionMnistIntoTensors(Device? device = null, string? folder = null)
    {
        var splits = FashionMnist.Load(new DatasetLoadOptions { Folder = folder, ValidationCount = 0 });
        var (trainImages, trainLabels) = splits.Train.ToTensors(device);
        using (trainImages)
        using (trainLabels)
        {
            var (testImages, testLabels) = splits.Test.ToTensors(device);
            testImages.Dispose();
            testLabels.Dispose();
        }

        return splits.Train.Count + splits.Test.Count;
    }

    /// <summary>Iterates one epoch of <paramref name="dataset"/> with <paramref name="options"/>, disposing every batch.</summary>
    /// <returns>The number of samples yielded.</returns>
    public static long IterateOneEpoch(ImageDataset dataset, DataLoaderOptions? options = null)
    {
        var loader = new DataLoader(dataset, options);
        long samples = 0;
        foreach (var batch in loader.Epoch())
        {
            using (batch)
            {
                samples += batch.Count;
            }
        }

        return samples;
    }
}
