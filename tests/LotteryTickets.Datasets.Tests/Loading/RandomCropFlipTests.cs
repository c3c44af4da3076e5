using TorchSharp;
using LotteryTickets.Datasets.Loading;

namespace LotteryTickets.Datasets.Tests.Loading;

public class RandomCropFlipTests
{
    /// <summary>Samples of 1×4×4 whose raw pixel (y, x) is (1 + 4y + x) / 255 stored as bytes, no normalisation.</summary>
    private static ImageDataset Grid(int count)
    {
        var pixels = new byte[count * 16];
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)(1 + i % 16);
        }

        return ImageDataset.FromBytes("grid", pixels, new SampleShape(1, 4, 4), new int[count], 1);
    }

    private static float[][] Epoch(DataLoader loader) =>
        loader.Epoch().Select(b =>
        {
            using (b)
            {
                return b.Images.data<float>().ToArray();
            }
        }).ToArray();

    [Test]
    public void TheAugmentationIsAPureFunctionOfSeedEpochAndSample()
    {
        var options = new DataLoaderOptions { BatchSize = 8, Seed = 3, Augmentation = new RandomCropFlip { Padding = 2 } };
        var first = new DataLoader(Grid(32), options);
        var second = new DataLoader(Grid(32), options);

        var epoch0 = Epoch(first);
        var epoch1 = Epoch(first);

        Assert.Multiple(() =>
        {
            Assert.That(Epoch(second), Is.EqualTo(epoch0));
            Assert.That(epoch1, Is.Not.EqualTo(epoch0));
        });
    }

    [Test]
    public void EachSampleIsShiftedWithZeroPaddingAndMirroredAsItsChoicesSay()
    {
        var augmentation = new RandomCropFlip { Padding = 1 };
        var data = Grid(40);
        var loader = new DataLoader(data, new DataLoaderOptions { BatchSize = 40, Shuffle = false, Seed = 11, Augmentation = augmentation });

        using var batch = loader.Next();
        var images = batch.Images.data<float>().ToArray();

        var flips = 0;
        for (var i = 0; i < 40; i++)
        {
            var (dy, dx, flip) = augmentation.ChoicesFor(11, 0, i);
            flips += flip ? 1 : 0;
            for (var y = 0; y < 4; y++)
            {
                for (var x = 0; x < 4; x++)
                {
                    var sy = y + dy - 1;
                    var sx = (flip ? 3 - x : x) + dx - 1;
                    var expected = sy is < 0 or > 3 || sx is < 0 or > 3 ? 0f : (1 + 4 * sy + sx) / 255f;
                    Assert.That(images[i * 16 + y * 4 + x], Is.EqualTo(expected).Within(1e-6), $"sample {i}, pixel ({y}, {x})");
                }
            }
        }

        Assert.That(flips, Is.InRange(8, 32), "about half the samples are mirrored");
    }

    [Test]
    public void PaddingTakesTheNormalisedValueOfABlackPixel()
    {
        var data = Grid(1).WithNormalization(Normalization.Uniform(0.5f, 0.25f));
        var augmentation = new RandomCropFlip { Padding = 4, HorizontalFlip = false };
        var seed = 0UL;
        while (augmentation.ChoicesFor(seed, 0, 0).Dy != 0)
        {
            seed++;
        }

        var loader = new DataLoader(data, new DataLoaderOptions { BatchSize = 1, Seed = seed, Augmentation = augmentation });
        using var batch = loader.Next();

        // dy = 0 with padding 4 moves the image 4 rows down: the whole 4×4 output is padding.
        Assert.That(batch.Images.data<float>().ToArray(), Is.All.EqualTo(-2f).Within(1e-6));
    }
}
