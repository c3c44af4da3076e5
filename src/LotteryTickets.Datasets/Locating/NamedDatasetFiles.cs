using LotteryTickets.Datasets.Download;

namespace LotteryTickets.Datasets.Locating;

/// <summary>Finds a named dataset's files for a loader, downloading them when allowed.</summary>
internal static class NamedDatasetFiles
{
    public static LocatedDataset Find(DatasetDescriptor dataset, DatasetLoadOptions options)
    {
        options.Validate();
        var locator = options.Locator ?? DatasetLocator.Default;
        var located = locator.TryLocate(dataset, options.Folder, out var placesTried);
        if (located is not null)
        {
            return located;
        }

        if (!options.AllowDownload || dataset.RemoteFiles.Count == 0)
        {
            throw locator.NotFound(dataset, placesTried, explicitFolder: options.Folder);
        }

        var target = options.Folder ?? locator.CacheFolder(dataset);
        using (var downloader = new DatasetDownloader(options.Download, options.Logger))
        {
            downloader.DownloadAsync(dataset, target).GetAwaiter().GetResult();
        }

        return locator.Locate(dataset, target);
    }

    /// <summary>Splits off the validation samples when asked to.</summary>
    public static DatasetSplits Split(ImageDataset trainFiles, ImageDataset test, DatasetLoadOptions options)
    {
        if (options.ValidationCount == 0)
        {
            return new DatasetSplits(trainFiles, null, test);
        }

        var (train, validation) = trainFiles.SplitValidation(options.ValidationCount);
        return new DatasetSplits(train, validation, test);
    }

    /// <summary>Reads the train and test IDX files of a located MNIST-like dataset.</summary>
    public static DatasetSplits LoadIdx(DatasetDescriptor dataset, Normalization normalization, DatasetLoadOptions? options)
    {
        options ??= new DatasetLoadOptions();
        var located = Find(dataset, options);
        var norm = options.Normalize ? normalization : null;
        var train = Idx.IdxReader.ReadDataset(
            dataset.Name + "/train", located.PathOf("train-images-idx3-ubyte"), located.PathOf("train-labels-idx1-ubyte"), 10, norm);
        var test = Idx.IdxReader.ReadDataset(
            dataset.Name + "/test", located.PathOf("t10k-images-idx3-ubyte"), located.PathOf("t10k-labels-idx1-ubyte"), 10, norm);
        return Split(train, test, options);
    }
}
