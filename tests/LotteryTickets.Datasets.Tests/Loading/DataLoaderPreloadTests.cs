using LotteryTickets.Datasets.Tests.TestSupport;
using LotteryTickets.Datasets.Loading;
using LotteryTickets.Datasets.Synthetic;
using TorchSharp;
using static TorchSharp.torch;

namespace LotteryTickets.Datasets.Tests.Loading;

public class DataLoaderPreloadTests
{
    private static ImageDataset Blobs() =>
        GaussianBlobs.Create(new GaussianBlobsOptions { Count = 53, Shape = new SampleShape(2, 3, 3), Seed = 4 });

    private static List<(float[] Images, long[] Labels, int[] Indices)> Epochs(DataLoader loader, int epochs)
    {
        var result = new List<(float[], long[], int[])>();
        for (var e = 0; e < epochs; e++)
        {
            foreach (var batch in loader.Epoch())
            {
                using (batch)
                {
                    result.Add((batch.Images.data<float>().ToArray(), batch.Labels.data<long>().ToArray(), [.. batch.SampleIndices]));
                }
            }
        }

        return result;
    }

    [TestCase(true)]
    [TestCase(false)]
    public void PreloadedBatchesEqualTheHostAssembledOnesBitForBit(bool shuffle)
    {
        var data = Blobs();
        var host = new DataLoader(data, new DataLoaderOptions { BatchSize = 10, Seed = 3, Shuffle = shuffle });
        var preloaded = new DataLoader(data, new DataLoaderOptions { BatchSize = 10, Seed = 3, Shuffle = shuffle, Preload = true });

        var expected = Epochs(host, 2);
        var actual = Epochs(preloaded, 2);

        Assert.That(actual.Count, Is.EqualTo(12));
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.That(actual[i].Images, Is.EqualTo(expected[i].Images), $"images of batch {i}");
            Assert.That(actual[i].Labels, Is.EqualTo(expected[i].Labels), $"labels of batch {i}");
            Assert.That(actual[i].Indices, Is.EqualTo(expected[i].Indices), $"indices of batch {i}");
        }
    }

    [Test]
    public void ChangingABatchInPlaceLeavesThePreloadedDataAsItWas()
    {
        var loader = new DataLoader(Blobs(), new DataLoaderOptions { BatchSize = 10, Shuffle = false, Preload = true });
        using (var first = loader.Next())
        {
            first.Images.zero_();
        }

        loader.Position = LoaderPosition.Start;
        using var again = loader.Next();

        Assert.That(again.Images.data<float>().ToArray(), Has.Some.Not.EqualTo(0f));
    }

    [Test]
    public void LoadersOfADatasetShareOnePreloadUntilItIsReleased()
    {
        var data = Blobs();
        var before = LiveTensors.Settled();
        var first = new DataLoader(data, new DataLoaderOptions { BatchSize = 10, Preload = true });
        var second = new DataLoader(data, new DataLoaderOptions { BatchSize = 5, Preload = true });
        first.Next().Dispose();
        second.Next().Dispose();

        Assert.That(Tensor.TotalCount, Is.EqualTo(before + 2), "one preloaded pair of tensors for both loaders");

        data.ReleasePreloaded();
        Assert.That(Tensor.TotalCount, Is.EqualTo(before));
        using var again = first.Next();
        Assert.That(again.Images.shape, Is.EqualTo(new long[] { 10, 2, 3, 3 }));
        data.ReleasePreloaded();
    }

    [Test]
    public void PreloadingAheadMakesTheTensorsTheLoadersThenShare()
    {
        var data = Blobs();
        var before = LiveTensors.Settled();

        data.Preload();
        var afterPreload = Tensor.TotalCount;
        var loader = new DataLoader(data, new DataLoaderOptions { BatchSize = 10, Preload = true });
        loader.Next().Dispose();

        Assert.Multiple(() =>
        {
            Assert.That(afterPreload, Is.EqualTo(before + 2));
            Assert.That(Tensor.TotalCount, Is.EqualTo(before + 2), "the loader used the tensors made ahead");
        });
        data.ReleasePreloaded();
    }

    [Test]
    public void PreloadWithAugmentationIsRejected()
    {
        var options = new DataLoaderOptions { Preload = true, Augmentation = new RandomCropFlip { Padding = 1 } };

        var ex = Assert.Throws<ArgumentException>(() => new DataLoader(Blobs(), options));

        Assert.That(ex!.Message, Does.Contain("'Preload' is set together with 'Augmentation'"));
    }

    [Test]
    [Category("Gpu")]
    public void OnAGpuPreloadedBatchesAreMadeThereWithTheCpuValues()
    {
        if (!torch.cuda.is_available())
        {
            Assert.Ignore("CUDA is not available.");
        }

        var data = Blobs();
        var gpu = new DataLoader(data, new DataLoaderOptions { BatchSize = 16, Seed = 2, Device = torch.CUDA, Preload = true });
        var cpu = new DataLoader(data, new DataLoaderOptions { BatchSize = 16, Seed = 2 });
        using var onGpu = gpu.Next();
        using var onCpu = cpu.Next();
        using var back = onGpu.Images.cpu();

        Assert.Multiple(() =>
        {
            Assert.That(onGpu.Images.device_type, Is.EqualTo(DeviceType.CUDA));
            Assert.That(onGpu.Labels.device_type, Is.EqualTo(DeviceType.CUDA));
            Assert.That(back.data<float>().ToArray(), Is.EqualTo(onCpu.Images.data<float>().ToArray()));
        });
    }
}
