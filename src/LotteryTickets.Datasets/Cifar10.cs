using LotteryTickets.Datasets.Cifar;
using LotteryTickets.Datasets.Locating;

namespace LotteryTickets.Datasets;

/// <summary>CIFAR-10: 50,000 training and 10,000 test colour images of 3×32×32, 10 classes, from the binary version's files.</summary>
public static class Cifar10
{
    /// <summary>Where the files are looked for and downloaded from.</summary>
    public static DatasetDescriptor Descriptor => KnownDatasets.Cifar10;

    /// <summary>Loads the training (less the validation samples), validation and test sets.</summary>
    /// <exception cref="DatasetNotFoundException">The files are found nowhere (the message lists the places tried and what to put where).</exception>
    /// <exception cref="DatasetFormatException">A file is malformed.</exception>
    public static DatasetSplits Load(DatasetLoadOptions? options = null)
    {
        options ??= new DatasetLoadOptions();
        var located = NamedDatasetFiles.Find(Descriptor, options);
        var norm = options.Normalize ? Normalization.Cifar10 : null;
        var train = CifarReader.ReadCifar10(Descriptor.Name + "/train", CifarReader.Cifar10TrainFiles.Select(located.PathOf).ToList(), norm);
        var test = CifarReader.ReadCifar10(Descriptor.Name + "/test", [located.PathOf(CifarReader.Cifar10TestFile)], norm);
        return NamedDatasetFiles.Split(train, test, options);
    }
}
