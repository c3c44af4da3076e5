using LotteryTickets.Datasets.Locating;
using LotteryTickets.Datasets.Tests.TestSupport;

namespace LotteryTickets.Datasets.Tests.Locating;

public class DatasetLocatorTests
{
    private TemporaryFolder root = null!;
    private Dictionary<string, string> environment = null!;

    [SetUp]
    public void CreateFolders()
    {
        root = new TemporaryFolder();
        environment = new Dictionary<string, string> { ["XDG_CACHE_HOME"] = Path.Combine(root.Path, "cache") };
    }

    [TearDown]
    public void DeleteFolders() => root.Dispose();

    private DatasetLocator Locator(bool system = false) =>
        new(name => environment.TryGetValue(name, out var v) ? v : null, useSystemFolders: system);

    private void PutIdxFiles(string folder, string suffix = ".gz")
    {
        foreach (var file in KnownDatasets.Mnist.RequiredFiles)
        {
            root.Write(Path.Combine(folder, file + suffix), [1]);
        }
    }

    [Test]
    public void AnExplicitFolderComesFirst()
    {
        PutIdxFiles("explicit");
        PutIdxFiles("from-env");
        environment["LOTTERYTICKETS_MNIST"] = root.File("from-env");

        var located = Locator().Locate(KnownDatasets.Mnist, root.File("explicit"));

        Assert.Multiple(() =>
        {
            Assert.That(located.Folder, Is.EqualTo(root.File("explicit")));
            Assert.That(located.Origin, Is.EqualTo("the folder given explicitly"));
            Assert.That(located.PathOf("train-images-idx3-ubyte"), Is.EqualTo(root.File("explicit/train-images-idx3-ubyte.gz")));
        });
    }

    [Test]
    public void TheDatasetsOwnVariableComesBeforeTheGeneralOne()
    {
        PutIdxFiles("own");
        PutIdxFiles("all/mnist");
        environment["LOTTERYTICKETS_MNIST"] = root.File("own");
        environment["LOTTERYTICKETS_DATA"] = root.File("all");

        Assert.That(Locator().Locate(KnownDatasets.Mnist).Folder, Is.EqualTo(root.File("own")));
    }

    [Test]
    public void TheGeneralVariableNamesARootWithOneFolderPerDataset()
    {
        PutIdxFiles("all/mnist", suffix: "");
        environment["LOTTERYTICKETS_DATA"] = root.File("all");

        var located = Locator().Locate(KnownDatasets.Mnist);

        Assert.That(located.PathOf("t10k-labels-idx1-ubyte"), Is.EqualTo(root.File("all/mnist/t10k-labels-idx1-ubyte")));
    }

    [Test]
    public void TheUserCacheFolderIsTriedLast()
    {
        PutIdxFiles("cache/lottery-tickets/datasets/mnist");

        var located = Locator().Locate(KnownDatasets.Mnist);

        Assert.That(located.Origin, Is.EqualTo("the user cache folder"));
    }

    [Test]
    public void WithoutXdgCacheHomeTheCacheIsUnderHome()
    {
        environment.Remove("XDG_CACHE_HOME");
        environment["HOME"] = root.Path;

        Assert.That(Locator().CacheFolder(KnownDatasets.Kmnist), Is.EqualTo(root.File(".cache/lottery-tickets/datasets/kmnist")));
    }

    [Test]
    public void CifarFilesAreFoundInTheArchivesOwnSubfolder()
    {
        foreach (var file in KnownDatasets.Cifar10.RequiredFiles)
        {
            root.Write(Path.Combine("c10", "cifar-10-batches-bin", file), [1]);
        }

        var located = Locator().Locate(KnownDatasets.Cifar10, root.File("c10"));

        Assert.That(located.Folder, Is.EqualTo(root.File("c10/cifar-10-batches-bin")));
    }

    [Test]
    public void WhenNothingHoldsTheFilesTheMessageListsEveryPlaceAndWhatToPutWhere()
    {
        root.Write("partial/train-images-idx3-ubyte.gz", [1]);
        environment["LOTTERYTICKETS_MNIST"] = root.File("partial");

        var ex = Assert.Throws<DatasetNotFoundException>(() => Locator().Locate(KnownDatasets.Mnist));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.PlacesTried, Has.Count.EqualTo(3));
            Assert.That(ex.Message, Does.StartWith("The dataset 'MNIST' was not found. Places tried, in order:"));
            Assert.That(ex.Message, Does.Contain($"'{root.File("partial")}' (the environment variable LOTTERYTICKETS_MNIST): missing train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte"));
            Assert.That(ex.Message, Does.Contain("the environment variable LOTTERYTICKETS_DATA: not set"));
            Assert.That(ex.Message, Does.Contain("(the user cache folder): the folder does not exist"));
            Assert.That(ex.Message, Does.Contain("Put the files train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz (gzip or raw) into"));
            Assert.That(ex.Message, Does.Contain("AllowDownload"));
        });
    }

    [Test]
    public void TheFashionMnistMessageNamesTheDebianPackage()
    {
        var ex = Assert.Throws<DatasetNotFoundException>(() => Locator().Locate(KnownDatasets.FashionMnist));

        Assert.That(ex!.Message, Does.Contain("'sudo apt install dataset-fashion-mnist' installs them under '/usr/share/datasets/fashion-mnist'"));
    }

    [Test]
    public void FashionMnistIsFoundInDebiansFolderWhenInstalled()
    {
        if (!Directory.Exists("/usr/share/datasets/fashion-mnist"))
        {
            Assert.Ignore("The package dataset-fashion-mnist is not installed.");
        }

        var located = Locator(system: true).Locate(KnownDatasets.FashionMnist);

        Assert.That(located.Origin, Is.EqualTo("the folder of the package dataset-fashion-mnist"));
    }

    [Test]
    public void LoadingANamedDatasetFromAnEmptyFolderFailsWithTheLocatorsMessage()
    {
        var options = new DatasetLoadOptions { Folder = root.File("nothing-here"), Locator = Locator() };

        var ex = Assert.Throws<DatasetNotFoundException>(() => Kmnist.Load(options));

        Assert.That(ex!.Message, Does.Contain("'KMNIST' was not found in the folder given").And.Contain("the folder does not exist"));
    }

    [Test]
    public void AnExplicitFileIsNotAFolderAndNothingElseIsTried()
    {
        PutIdxFiles("from-env");
        environment["LOTTERYTICKETS_MNIST"] = root.File("from-env");
        var notAFolder = root.Write("a-file", [1]);

        var ex = Assert.Throws<DatasetNotFoundException>(() => Locator().Locate(KnownDatasets.Mnist, notAFolder));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.PlacesTried, Has.Count.EqualTo(1));
            Assert.That(ex.Message, Does.Contain($"'{notAFolder}'").And.Contain("this is a file, not a folder"));
        });
    }

    [Test]
    public void AnEmptyExplicitFolderIsAnErrorNamingTheFolderAndTheFilesEvenWhenOtherPlacesHoldThem()
    {
        PutIdxFiles("from-env");
        PutIdxFiles(Path.Combine("cache", "lottery-tickets", "datasets", "fashion-mnist"));
        environment["LOTTERYTICKETS_FASHION_MNIST"] = root.File("from-env");
        environment["LOTTERYTICKETS_DATA"] = root.Path;
        var empty = root.File("empty");
        Directory.CreateDirectory(empty);

        var ex = Assert.Throws<DatasetNotFoundException>(() => Locator(system: true).Locate(KnownDatasets.FashionMnist, empty));
        var load = Assert.Throws<DatasetNotFoundException>(
            () => FashionMnist.Load(new DatasetLoadOptions { Folder = empty, Locator = Locator(system: true) }));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.PlacesTried, Has.Count.EqualTo(1));
            Assert.That(ex.Message, Does.StartWith($"The dataset 'Fashion-MNIST' was not found in the folder given, '{empty}'"));
            Assert.That(ex.Message, Does.Contain("train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz (gzip or raw)"));
            Assert.That(ex.Message, Does.Not.Contain("from-env").And.Not.Contain("/usr/share/datasets"));
            Assert.That(load!.Message, Is.EqualTo(ex.Message));
        });
    }

    [Test]
    public void TheFingerprintFollowsTheContentsOfTheFilesRead()
    {
        void Put(string folder, byte label)
        {
            root.Write($"{folder}/train-images-idx3-ubyte.gz", DatasetBytes.Gzip(DatasetBytes.IdxImages(2, 28, 28)));
            root.Write($"{folder}/train-labels-idx1-ubyte.gz", DatasetBytes.Gzip(DatasetBytes.IdxLabels(label, 1)));
            root.Write($"{folder}/t10k-images-idx3-ubyte.gz", DatasetBytes.Gzip(DatasetBytes.IdxImages(1, 28, 28)));
            root.Write($"{folder}/t10k-labels-idx1-ubyte.gz", DatasetBytes.Gzip(DatasetBytes.IdxLabels(3)));
        }

        Put("a", 0);
        Put("b", 0);
        Put("c", 7);
        string? Of(string folder) => DatasetFingerprint.Of(KnownDatasets.Mnist, Locator().Locate(KnownDatasets.Mnist, root.File(folder)));

        Assert.Multiple(() =>
        {
            Assert.That(Of("a"), Is.Not.Null.And.Length.EqualTo(16));
            Assert.That(Of("b"), Is.EqualTo(Of("a")));
            Assert.That(Of("c"), Is.Not.EqualTo(Of("a")));
        });
    }

    [Test]
    public void TheOfficialFilesNeedNoFingerprint()
    {
        if (!Directory.Exists("/usr/share/datasets/fashion-mnist"))
        {
            Assert.Ignore("The package dataset-fashion-mnist is not installed.");
        }

        var located = Locator().Locate(KnownDatasets.FashionMnist, "/usr/share/datasets/fashion-mnist");

        Assert.That(DatasetFingerprint.Of(KnownDatasets.FashionMnist, located), Is.Null);
    }

    [Test]
    public void ANamedDatasetLoadsFromFilesWrittenByTheTest()
    {
        root.Write("mini/train-images-idx3-ubyte.gz", DatasetBytes.Gzip(DatasetBytes.IdxImages(12, 28, 28)));
        root.Write("mini/train-labels-idx1-ubyte.gz", DatasetBytes.Gzip(DatasetBytes.IdxLabels([.. Enumerable.Range(0, 12).Select(i => (byte)(i % 10))])));
        root.Write("mini/t10k-images-idx3-ubyte", DatasetBytes.IdxImages(4, 28, 28));
        root.Write("mini/t10k-labels-idx1-ubyte", DatasetBytes.IdxLabels(1, 2, 3, 4));

        var splits = Mnist.Load(new DatasetLoadOptions { Folder = root.File("mini"), ValidationCount = 2, Locator = Locator() });

        Assert.Multiple(() =>
        {
            Assert.That((splits.Train.Count, splits.Validation!.Count, splits.Test.Count), Is.EqualTo((10, 2, 4)));
            Assert.That(splits.Validation.Labels.ToArray(), Is.EqualTo(new[] { 0, 1 }));
            Assert.That(splits.Test.Normalization, Is.SameAs(Normalization.Mnist));
        });
    }
}
