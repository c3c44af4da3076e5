using LotteryTickets.Datasets.Tests.TestSupport;
using LotteryTickets.Datasets.Loading;
using LotteryTickets.Datasets.Synthetic;
using TorchSharp;
using static TorchSharp.torch;

namespace LotteryTickets.Datasets.Tests.Loading;

public class DataLoaderTests
{
    /// <summary>103 samples whose single pixel value is the sample index, so batches reveal their samples.</summary>
    private static ImageDataset Indexed(int count = 103)
    {
        var pixels = Enumerable.Range(0, count).Select(i => (float)i).ToArray();
        var labels = Enumerable.Range(0, count).Select(i => i % 10).ToArray();
        return ImageDataset.FromFloats("indexed", pixels, new SampleShape(1, 1, 1), labels, 10);
    }

    private static List<int[]> SamplesOf(IEnumerable<DataBatch> batches)
    {
        var result = new List<int[]>();
        foreach (var batch in batches)
        {
            using (batch)
            {
                result.Add(batch.Images.data<float>().ToArray().Select(v => (int)v).ToArray());
            }
        }

        return result;
    }

    [Test]
    public void EverySampleIsSeenOncePerEpochInBatchesOfTheRequestedSize()
    {
        var loader = new DataLoader(Indexed(), new DataLoaderOptions { BatchSize = 10, Seed = 1 });

        var batches = SamplesOf(loader.Epoch());

        Assert.Multiple(() =>
        {
            Assert.That(loader.BatchesPerEpoch, Is.EqualTo(11));
            Assert.That(batches.Select(b => b.Length), Is.EqualTo(Enumerable.Repeat(10, 10).Append(3)));
            Assert.That(batches.SelectMany(b => b).Order(), Is.EqualTo(Enumerable.Range(0, 103)));
            Assert.That(batches.SelectMany(b => b), Is.Not.EqualTo(Enumerable.Range(0, 103)));
            Assert.That(loader.Position, Is.EqualTo(new LoaderPosition(1, 0)));
        });
    }

    [Test]
    public void BatchesHoldImagesAsFloatNchwAndLabelsAsInt64()
    {
        var data = GaussianBlobs.Create(new GaussianBlobsOptions { Count = 20, Shape = new SampleShape(3, 4, 5) });
        var loader = new DataLoader(data, new DataLoaderOptions { BatchSize = 8 });

        using var batch = loader.Next();
        var (images, labels) = batch;

        Assert.Multiple(() =>
        {
            Assert.That(images.shape, Is.EqualTo(new long[] { 8, 3, 4, 5 }));
            Assert.That(images.dtype, Is.EqualTo(ScalarType.Float32));
            Assert.That(labels.shape, Is.EqualTo(new long[] { 8 }));
            Assert.That(labels.dtype, Is.EqualTo(ScalarType.Int64));
            Assert.That(labels.data<long>().ToArray(), Is.EqualTo(batch.SampleIndices.Select(i => (long)data.Labels[i])));
            Assert.That(images.device_type, Is.EqualTo(DeviceType.CPU));
        });
    }

    [Test]
    public void TwoLoadersWithTheSameSeedGiveTheSameOrderAndEpochsDiffer()
    {
        var options = new DataLoaderOptions { BatchSize = 16, Seed = 77 };
        var a = new DataLoader(Indexed(), options);
        var b = new DataLoader(Indexed(), options);

        var a0 = SamplesOf(a.Epoch()).SelectMany(x => x).ToArray();
        var b0 = SamplesOf(b.Epoch()).SelectMany(x => x).ToArray();
        var a1 = SamplesOf(a.Epoch()).SelectMany(x => x).ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(a0, Is.EqualTo(b0));
            Assert.That(a1, Is.Not.EqualTo(a0));
            Assert.That(a0, Is.EqualTo(ShuffleOrder.Permutation(103, 77, 0)));
        });
    }

    [Test]
    public void WithoutShuffleTheDatasetOrderIsKept()
    {
        var loader = new DataLoader(Indexed(), new DataLoaderOptions { BatchSize = 50, Shuffle = false });

        Assert.That(SamplesOf(loader.Epoch()).SelectMany(x => x), Is.EqualTo(Enumerable.Range(0, 103)));
    }

    [Test]
    public void SettingThePositionReproducesTheBatchSequenceFromThere()
    {
        var options = new DataLoaderOptions { BatchSize = 10, Seed = 5 };
        var straight = new DataLoader(Indexed(), options);
        var run = new List<int[]>();
        for (var i = 0; i < 30; i++)
        {
            using var batch = straight.Next();
            run.Add(batch.Images.data<float>().ToArray().Select(v => (int)v).ToArray());
        }

        var resumed = new DataLoader(Indexed(), options) { Position = new LoaderPosition(1, 4) };
        var rewound = new DataLoader(Indexed(), options);
        rewound.Seek(15);

        var fromResumed = new List<int[]>();
        var fromRewound = new List<int[]>();
        for (var i = 15; i < 30; i++)
        {
            using var r = resumed.Next();
            using var w = rewound.Next();
            fromResumed.Add(r.Images.data<float>().ToArray().Select(v => (int)v).ToArray());
            fromRewound.Add(w.Images.data<float>().ToArray().Select(v => (int)v).ToArray());
        }

        Assert.Multiple(() =>
        {
            Assert.That(fromResumed, Is.EqualTo(run.Skip(15)));
            Assert.That(fromRewound, Is.EqualTo(run.Skip(15)));
            Assert.That(resumed.Iteration, Is.EqualTo(30));
        });
    }

    [Test]
    public void BatchAtDoesNotMoveThePosition()
    {
        var loader = new DataLoader(Indexed(), new DataLoaderOptions { BatchSize = 10, Seed = 5 });
        using var peeked = loader.BatchAt(new LoaderPosition(2, 3));
        loader.Seek(2 * 11 + 3);
        using var next = loader.Next();

        Assert.That(peeked.Images.data<float>().ToArray(), Is.EqualTo(next.Images.data<float>().ToArray()));
        Assert.That(loader.Position, Is.EqualTo(new LoaderPosition(2, 4)));
    }

    [Test]
    public void DropLastDropsTheShortBatch()
    {
        var loader = new DataLoader(Indexed(), new DataLoaderOptions { BatchSize = 10, DropLast = true });

        var batches = SamplesOf(loader.Epoch());

        Assert.Multiple(() =>
        {
            Assert.That(loader.BatchesPerEpoch, Is.EqualTo(10));
            Assert.That(batches, Has.Count.EqualTo(10));
            Assert.That(batches, Has.All.Length.EqualTo(10));
            Assert.That(batches.SelectMany(b => b).Distinct().Count(), Is.EqualTo(100));
        });
    }

    [Test]
    public void APositionOutsideTheEpochIsRejectedWithTheBatchCount()
    {
        var loader = new DataLoader(Indexed(), new DataLoaderOptions { BatchSize = 10 });

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => loader.Position = new LoaderPosition(0, 11));

        Assert.That(ex!.Message, Does.Contain("'epoch 0, batch 11' does not exist").And.Contain("11 batches per epoch"));
    }

    [Test]
    public void InvalidOptionsAreReportedTogether()
    {
        var options = new DataLoaderOptions { BatchSize = 0, Augmentation = new RandomCropFlip { Padding = -1 } };

        var ex = Assert.Throws<ArgumentException>(() => new DataLoader(Indexed(), options));

        Assert.That(ex!.Message, Does.StartWith("The 'DataLoaderOptions' are invalid.").And.Contain("'BatchSize' is 0").And.Contain("'Augmentation.Padding' is -1"));
    }

    [Test]
    public void DropLastWithABatchLargerThanTheDatasetIsRejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => new DataLoader(Indexed(5), new DataLoaderOptions { BatchSize = 10, DropLast = true }));

        Assert.That(ex!.Message, Does.Contain("exceeds the 5 samples of 'indexed'"));
    }

    [Test]
    public void DisposedBatchesLeaveNoLiveTensors()
    {
        var loader = new DataLoader(Indexed(), new DataLoaderOptions { BatchSize = 7 });
        var before = LiveTensors.Settled();

        foreach (var batch in loader.Epoch())
        {
            batch.Dispose();
        }

        Assert.That(Tensor.TotalCount, Is.EqualTo(before));
    }

    [Test]
    public void ABatchCreatedInsideADisposeScopeIsReleasedByIt()
    {
        var loader = new DataLoader(Indexed(), new DataLoaderOptions { BatchSize = 7 });
        var before = LiveTensors.Settled();
        DataBatch batch;
        using (torch.NewDisposeScope())
        {
            batch = loader.Next();
            Assert.That(Tensor.TotalCount, Is.EqualTo(before + 2));
        }

        Assert.Multiple(() =>
        {
            Assert.That(Tensor.TotalCount, Is.EqualTo(before));
            Assert.That(batch.Images.IsInvalid, Is.True);
        });
    }
}
