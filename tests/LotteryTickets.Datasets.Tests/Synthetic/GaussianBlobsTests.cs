using LotteryTickets.Datasets.Synthetic;

namespace LotteryTickets.Datasets.Tests.Synthetic;

public class GaussianBlobsTests
{
    [Test]
    public void TheSameOptionsGiveTheSameDatasetAndAnotherSeedAnother()
    {
        var options = new GaussianBlobsOptions { Count = 64, Seed = 9 };

        var a = GaussianBlobs.Create(options);
        var b = GaussianBlobs.Create(options);
        var c = GaussianBlobs.Create(new GaussianBlobsOptions { Count = 64, Seed = 10 });

        Assert.Multiple(() =>
        {
            Assert.That(a.FloatPixels.ToArray(), Is.EqualTo(b.FloatPixels.ToArray()));
            Assert.That(a.Labels.ToArray(), Is.EqualTo(b.Labels.ToArray()));
            Assert.That(a.FloatPixels.ToArray(), Is.Not.EqualTo(c.FloatPixels.ToArray()));
        });
    }

    [Test]
    public void ClassesAreBalancedAndSamplesHaveTheRequestedShape()
    {
        var data = GaussianBlobs.Create(new GaussianBlobsOptions { Count = 30, ClassCount = 3, Shape = new SampleShape(2, 3, 3) });

        Assert.Multiple(() =>
        {
            Assert.That(data.SampleShape, Is.EqualTo(new SampleShape(2, 3, 3)));
            Assert.That(data.FloatPixels.Length, Is.EqualTo(30 * 18));
            Assert.That(data.Labels.ToArray().GroupBy(l => l).Select(g => g.Count()), Is.EqualTo(new[] { 10, 10, 10 }));
        });
    }

    [Test]
    public void WithLittleNoiseEverySampleIsNearestToItsOwnClassMean()
    {
        var data = GaussianBlobs.Create(new GaussianBlobsOptions { Count = 200, ClassCount = 4, Noise = 0.1 });
        var size = data.SampleShape.Size;
        var pixels = data.FloatPixels.ToArray();
        var labels = data.Labels.ToArray();
        var means = Enumerable.Range(0, 4).Select(k =>
            Enumerable.Range(0, size).Select(p => Enumerable.Range(0, 200).Where(i => labels[i] == k).Average(i => pixels[i * size + p])).ToArray()).ToArray();

        var misclassified = Enumerable.Range(0, 200).Count(i =>
        {
            var distances = means.Select(m => Enumerable.Range(0, size).Sum(p => Math.Pow(pixels[i * size + p] - m[p], 2))).ToArray();
            return Array.IndexOf(distances, distances.Min()) != labels[i];
        });

        Assert.That(misclassified, Is.Zero);
    }

    [Test]
    public void InvalidOptionsAreReportedTogether()
    {
        var ex = Assert.Throws<ArgumentException>(() => GaussianBlobs.Create(new GaussianBlobsOptions { Count = 0, Noise = -1 }));

        Assert.That(ex!.Message, Does.StartWith("The 'GaussianBlobsOptions' are invalid.").And.Contain("'Count' is 0").And.Contain("'Noise' is -1"));
    }
}
