using System.Security.Cryptography;
using LotteryTickets.Datasets.Benchmarking;
using LotteryTickets.Datasets.Loading;
using TorchSharp;
using static TorchSharp.torch;

namespace LotteryTickets.Datasets.Tests.Idx;

/// <summary>The real Fashion-MNIST from Debian's dataset-fashion-mnist (loaded once for the fixture).</summary>
public class FashionMnistTests
{
    private const string DebianFolder = "/usr/share/datasets/fashion-mnist";

    // sha256 of bytes 16..800 of the decompressed train-images-idx3-ubyte.gz, computed with Python's gzip + hashlib.
    private const string FirstTrainingImageSha256 = "5bd44e331a6d6998daf675700cd0c13dcd7af8ab954b7585124124da61459e7b";

    private DatasetSplits splits = null!;

    [OneTimeSetUp]
    public void LoadOnce()
    {
        if (!Directory.Exists(DebianFolder))
        {
            Assert.Ignore($"Fashion-MNIST is not installed under '{DebianFolder}'; install the package dataset-fashion-mnist to run these tests.");
        }

        splits = FashionMnist.Load(new DatasetLoadOptions { Folder = DebianFolder, ValidationCount = 0 });
    }

    [Test]
    public void ItHasSixtyThousandTrainingAndTenThousandTestImagesOfOneByTwentyEightByTwentyEight()
    {
        Assert.Multiple(() =>
        {
            Assert.That(splits.Train.Count, Is.EqualTo(60000));
            Assert.That(splits.Test.Count, Is.EqualTo(10000));
            Assert.That(splits.Validation, Is.Null);
            Assert.That(splits.Train.SampleShape, Is.EqualTo(new SampleShape(1, 28, 28)));
            Assert.That(splits.Test.SampleShape, Is.EqualTo(new SampleShape(1, 28, 28)));
        });
    }

    [Test]
    public void EveryLabelIsBetweenZeroAndNineAndEveryClassOccurs()
    {
        var train = splits.Train.Labels.ToArray();
        var test = splits.Test.Labels.ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(train.Concat(test), Is.All.InRange(0, 9));
            Assert.That(train.Distinct().Order(), Is.EqualTo(Enumerable.Range(0, 10)));
            Assert.That(train.Count(l => l == 3), Is.EqualTo(6000));
            Assert.That(train[..5], Is.EqualTo(new[] { 9, 0, 0, 3, 0 }));
            Assert.That(test[..5], Is.EqualTo(new[] { 9, 2, 1, 1, 6 }));
        });
    }

    [Test]
    public void TheFirstTrainingImageHasThePinnedChecksum()
    {
        var firstImage = splits.Train.BytePixels[..784].ToArray();

        Assert.That(Convert.ToHexStringLower(SHA256.HashData(firstImage)), Is.EqualTo(FirstTrainingImageSha256));
    }

    [Test]
    public void TheDefaultSplitHoldsOutTheLastFiveThousandTrainingImages()
    {
        var withValidation = FashionMnist.Load(new DatasetLoadOptions { Folder = DebianFolder });

        Assert.Multiple(() =>
        {
            Assert.That(withValidation.Train.Count, Is.EqualTo(55000));
            Assert.That(withValidation.Validation!.Count, Is.EqualTo(5000));
            Assert.That(withValidation.Validation.Labels.ToArray(), Is.EqualTo(splits.Train.Labels[55000..].ToArray()));
            Assert.That(withValidation.Train.Normalization, Is.SameAs(Normalization.FashionMnist));
        });
    }

    [Test]
    public void TheWholeTrainingSetBecomesNormalisedTensors()
    {
        var before = Tensor.TotalCount;
        var (images, labels) = splits.Train.ToTensors();
        using (images)
        using (labels)
        {
            Assert.Multiple(() =>
            {
                Assert.That(images.shape, Is.EqualTo(new long[] { 60000, 1, 28, 28 }));
                Assert.That(images.dtype, Is.EqualTo(ScalarType.Float32));
                Assert.That(labels.dtype, Is.EqualTo(ScalarType.Int64));
                Assert.That(labels.data<long>().ToArray()[..3], Is.EqualTo(new long[] { 9, 0, 0 }));
            });
        }

        Assert.That(Tensor.TotalCount, Is.EqualTo(before));
    }

    [Test]
    public void OneEpochOfBatchesYieldsEveryTrainingImageOnce()
    {
        var loadTime = System.Diagnostics.Stopwatch.StartNew();
        var loaded = DataLoadingWorkload.LoadFashionMnistIntoTensors(folder: DebianFolder);
        loadTime.Stop();
        var epochTime = System.Diagnostics.Stopwatch.StartNew();
        var samples = DataLoadingWorkload.IterateOneEpoch(splits.Train, new DataLoaderOptions { BatchSize = 60, Seed = 1 });
        epochTime.Stop();
        TestContext.Out.WriteLine($"Load into tensors: {loadTime.ElapsedMilliseconds} ms; one epoch of 1000 batches of 60: {epochTime.ElapsedMilliseconds} ms");

        Assert.Multiple(() =>
        {
            Assert.That(loaded, Is.EqualTo(70000));
            Assert.That(samples, Is.EqualTo(60000));
        });
    }
}
