using LotteryTickets.Datasets.Locating;

namespace LotteryTickets.Datasets;

/// <summary>
/// Fashion-MNIST (Zalando's clothing images; installed offline on Debian by the package <c>dataset-fashion-mnist</c>): 60,000 training and 10,000 test images of 1×28×28, 10 classes, read from IDX files
/// found by <see cref="DatasetLocator"/>.
/// </summary>
public static class FashionMnist
{
    /// <summary>Where the files are looked for and downloaded from.</summary>
    public static DatasetDescriptor Descriptor => KnownDatasets.FashionMnist;

    /// <summary>Loads the training (less the validation samples), validation and test sets.</summary>
    /// <exception cref="DatasetNotFoundException">The files are found nowhere (the message lists the places tried and what to put where).</exception>
    /// <exception cref="DatasetFormatException">A file is malformed.</exception>
    public static DatasetSplits Load(DatasetLoadOptions? options = null) =>
        NamedDatasetFiles.LoadIdx(Descriptor, Normalization.FashionMnist, options);
}
