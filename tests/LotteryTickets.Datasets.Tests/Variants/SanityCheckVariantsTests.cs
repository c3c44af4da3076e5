using LotteryTickets.Datasets.Synthetic;
using LotteryTickets.Datasets.Variants;

namespace LotteryTickets.Datasets.Tests.Variants;

public class SanityCheckVariantsTests
{
    private static readonly ImageDataset Blobs =
        GaussianBlobs.Create(new GaussianBlobsOptions { Count = 1000, ClassCount = 10, Shape = new SampleShape(2, 4, 4), Seed = 1 });

    private static ImageDataset Bytes()
    {
        var pixels = Enumerable.Range(0, 50 * 16).Select(i => (byte)(i * 31 % 256)).ToArray();
        return ImageDataset.FromBytes("bytes", pixels, new SampleShape(1, 4, 4), Enumerable.Range(0, 50).Select(i => i % 5).ToArray(), 5);
    }

    [Test]
    public void RandomLabelsAreInRangeMostlyDifferentAndFixedBySeed()
    {
        var random = Blobs.WithRandomLabels(seed: 4);
        var again = Blobs.WithRandomLabels(seed: 4);
        var other = Blobs.WithRandomLabels(seed: 5);
        var original = Blobs.Labels.ToArray();
        var changed = random.Labels.ToArray().Zip(original).Count(p => p.First != p.Second);

        Assert.Multiple(() =>
        {
            Assert.That(random.Labels.ToArray(), Is.All.InRange(0, 9));
            Assert.That(changed, Is.InRange(850, 950), "about 90% of labels change with 10 classes");
            Assert.That(random.Labels.ToArray(), Is.EqualTo(again.Labels.ToArray()));
            Assert.That(random.Labels.ToArray(), Is.Not.EqualTo(other.Labels.ToArray()));
            Assert.That(random.FloatPixels.ToArray(), Is.EqualTo(Blobs.FloatPixels.ToArray()));
        });
    }

    [Test]
    public void ShuffledPixelsPermuteEveryImageTheSameWayKeepingItsValues()
    {
        var data = Bytes();
        var shuffled = data.WithShuffledPixels(seed: 8);
        var permutation = SanityCheckVariants.PixelPermutation(data.SampleShape, 8);

        Assert.Multiple(() =>
        {
            Assert.That(permutation, Is.Not.EqualTo(Enumerable.Range(0, 16)));
            Assert.That(shuffled.Labels.ToArray(), Is.EqualTo(data.Labels.ToArray()));
            for (var i = 0; i < data.Count; i++)
            {
                var before = data.BytePixels.Slice(i * 16, 16).ToArray();
                var after = shuffled.BytePixels.Slice(i * 16, 16).ToArray();
                Assert.That(after.Order(), Is.EqualTo(before.Order()), $"image {i} keeps its values");
                Assert.That(after, Is.EqualTo(permutation.Select(p => before[p])), $"image {i} follows the permutation");
            }
        });
    }

    [Test]
    public void ShuffledPixelsMoveAllChannelsOfAPixelTogether()
    {
        var shuffled = Blobs.WithShuffledPixels(seed: 2);
        var permutation = SanityCheckVariants.PixelPermutation(Blobs.SampleShape, 2);
        var source = Blobs.FloatPixels.ToArray();
        var result = shuffled.FloatPixels.ToArray();

        Assert.Multiple(() =>
        {
            for (var c = 0; c < 2; c++)
            {
                for (var p = 0; p < 16; p++)
                {
                    Assert.That(result[(3 * 32) + c * 16 + p], Is.EqualTo(source[(3 * 32) + c * 16 + permutation[p]]));
                }
            }

            Assert.That(Blobs.WithShuffledPixels(seed: 2).FloatPixels.ToArray(), Is.EqualTo(result));
        });
    }

    [Test]
    public void ASubsetHasTheRequestedSizeKeepsOrderAndIsFixedBySeed()
    {
        var half = Blobs.RandomSubset(0.5, seed: 3);
        var again = Blobs.RandomSubset(500, seed: 3);
        var other = Blobs.RandomSubset(500, seed: 4);

        Assert.Multiple(() =>
        {
            Assert.That(half.Count, Is.EqualTo(500));
            Assert.That(half.FloatPixels.ToArray(), Is.EqualTo(again.FloatPixels.ToArray()));
            Assert.That(half.FloatPixels.ToArray(), Is.Not.EqualTo(other.FloatPixels.ToArray()));
            Assert.That(half.Labels.ToArray(), Is.Not.EqualTo(Blobs.Labels[..500].ToArray()));
        });
    }

    [Test]
    public void ASubsetLargerThanTheDatasetIsRejected()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Blobs.RandomSubset(1001, seed: 0));

        Assert.That(ex!.Message, Does.Contain("between 0 and 1000 samples"));
    }
}
