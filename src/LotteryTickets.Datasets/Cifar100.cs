using LotteryTickets.Datasets.Cifar;
using LotteryTickets.Datasets.Locating;

namespace LotteryTickets.Datasets;

/// <summary>CIFAR-100: 50,000 training and 10,000 test colour images of 3×32×32, with 100 fine or 20 coarse classes.</summary>
public static class Cifar100
{
    /// <summary>Where the files are looked for and downloaded from.</summary>
    public static DatasetDescriptor Descriptor => KnownDatasets.Cifar100;

    /// <summary>Loads the training (less the validation samples), validation and test sets with the chosen labels.</summary>
    /// <exception cref="DatasetNotFoundException">The files are found nowhere (the message lists the places tried and what to put where).</exception>
    /// <exception cref="DatasetFormatException">A file is malformed.</exception>
    public static DatasetSplits Load(DatasetLoadOptions? options = null, CifarLabelKind labels = CifarLabelKind.Fine)
    {
        options ??= new DatasetLoadOptions();
        var located = NamedDatasetFiles.Find(Descriptor, options);
        var norm = options.Normalize ? Normalization.Cifar100 : null;
        var train = CifarReader.ReadCifar100(Descriptor.Name + "/train", located.PathOf(CifarReader.Cifar100TrainFile), labels, norm);
        var test = CifarReader.ReadCifar100(Descriptor.Name + "/test", located.PathOf(CifarReader.Cifar100TestFile), labels, norm);
        return NamedDatasetFiles.Split(train, test, options);
    }
}
