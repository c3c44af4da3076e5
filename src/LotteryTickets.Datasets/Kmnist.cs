using LotteryTickets.Datasets.Locating;

namespace LotteryTickets.Datasets;

/// <summary>
/// KMNIST (Kuzushiji-MNIST, cursive Japanese characters): 60,000 training and 10,000 test images of 1×28×28, 10 classes, read from IDX files
/// found by <see cref="DatasetLocator"/>.
/// </summary>
public static class Kmnist
{
    /// <summary>Where the files are looked for and downloaded from.</summary>
    public static DatasetDescriptor Descriptor => KnownDatasets.Kmnist;

    /// <summary>Loads the training (less the validation samples), validation and test sets.</summary>
    /// <exception cref="DatasetNotFoundException">The files are found nowhere (the message lists the places tried and what to put where).</exception>
    /// <exception cref="DatasetFormatException">A file is malformed.</exception>
    public static DatasetSplits Load(DatasetLoadOptions? options = null) =>
        NamedDatasetFiles.LoadIdx(Descriptor, Normalization.Kmnist, options);
}
