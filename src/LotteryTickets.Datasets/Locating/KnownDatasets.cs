namespace LotteryTickets.Datasets.Locating;

/// <summary>The descriptors of the datasets the library knows by name.</summary>
public static class KnownDatasets
{
    private static readonly string[] IdxFiles =
        ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"];

    /// <summary>MNIST handwritten digits (downloaded from PyTorch's mirror; hashes of the original files).</summary>
    public static DatasetDescriptor Mnist { get; } = new()
    {
        Name = "mnist",
        DisplayName = "MNIST",
        EnvironmentVariable = "LOTTERYTICKETS_MNIST",
        RequiredFiles = IdxFiles,
        AcceptedSuffixes = [".gz", ""],
        DownloadBaseUrl = new Uri("https://ossci-datasets.s3.amazonaws.com/mnist/"),
        RemoteFiles =
        [
            new("train-images-idx3-ubyte.gz", "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609"),
            new("train-labels-idx1-ubyte.gz", "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c"),
            new("t10k-images-idx3-ubyte.gz", "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6"),
            new("t10k-labels-idx1-ubyte.gz", "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6"),
        ],
    };

    /// <summary>Fashion-MNIST (Zalando); installed offline on Debian by the package <c>dataset-fashion-mnist</c>.</summary>
    public static DatasetDescriptor FashionMnist { get; } = new()
    {
        Name = "fashion-mnist",
        DisplayName = "Fashion-MNIST",
        EnvironmentVariable = "LOTTERYTICKETS_FASHION_MNIST",
        RequiredFiles = IdxFiles,
        AcceptedSuffixes = [".gz", ""],
        SystemFolder = "/usr/share/datasets/fashion-mnist",
        SystemPackage = "dataset-fashion-mnist",
        DownloadBaseUrl = new Uri("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"),
        RemoteFiles =
        [
            new("train-images-idx3-ubyte.gz", "b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7"),
            new("train-labels-idx1-ubyte.gz", "0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056"),
            new("t10k-images-idx3-ubyte.gz", "cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa"),
            new("t10k-labels-idx1-ubyte.gz", "8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05"),
        ],
    };

    /// <summary>Kuzushiji-MNIST (KMNIST), cursive Japanese characters in MNIST's format.</summary>
    public static DatasetDescriptor Kmnist { get; } = new()
    {
        Name = "kmnist",
        DisplayName = "KMNIST",
        EnvironmentVariable = "LOTTERYTICKETS_KMNIST",
        RequiredFiles = IdxFiles,
        AcceptedSuffixes = [".gz", ""],
        DownloadBaseUrl = new Uri("http://codh.rois.ac.jp/kmnist/dataset/kmnist/"),
        RemoteFiles =
        [
            new("train-images-idx3-ubyte.gz", "51467d22d8cc72929e2a028a0428f2086b092bb31cfb79c69cc0a90ce135fde4"),
            new("train-labels-idx1-ubyte.gz", "e38f9ebcd0f3ebcdec7fc8eabdcdaef93bb0df8ea12bee65224341c8183d8e17"),
            new("t10k-images-idx3-ubyte.gz", "edd7a857845ad6bb1d0ba43fe7e794d164fe2dce499a1694695a792adfac43c5"),
            new("t10k-labels-idx1-ubyte.gz", "20bb9a0ef54c7db3efc55a92eef5582c109615df22683c380526788f98e42a1c"),
        ],
    };

    /// <summary>CIFAR-10, binary version (the archive extracts to <c>cifar-10-batches-bin/</c>).</summary>
    public static DatasetDescriptor Cifar10 { get; } = new()
    {
        Name = "cifar-10",
        DisplayName = "CIFAR-10",
        EnvironmentVariable = "LOTTERYTICKETS_CIFAR10",
        RequiredFiles = ["data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin", "test_batch.bin"],
        Subfolders = ["", "cifar-10-batches-bin"],
        DownloadBaseUrl = new Uri("https://www.cs.toronto.edu/~kriz/"),
        RemoteFiles = [new("cifar-10-binary.tar.gz", "c4a38c50a1bc5f3a1c5537f2155ab9d68f9f25eb1ed8d9ddda3db29a59bca1dd", IsTarGzArchive: true)],
    };

    /// <summary>CIFAR-100, binary version (the archive extracts to <c>cifar-100-binary/</c>).</summary>
    public static DatasetDescriptor Cifar100 { get; } = new()
    {
        Name = "cifar-100",
        DisplayName = "CIFAR-100",
        EnvironmentVariable = "LOTTERYTICKETS_CIFAR100",
        RequiredFiles = ["train.bin", "test.bin"],
        Subfolders = ["", "cifar-100-binary"],
        DownloadBaseUrl = new Uri("https://www.cs.toronto.edu/~kriz/"),
        RemoteFiles = [new("cifar-100-binary.tar.gz", "58a81ae192c23a4be8b1804d68e518ed807d710a4eb253b1f2a199162a40d8ec", IsTarGzArchive: true)],
    };
}
