using LotteryTickets.Datasets;
using LotteryTickets.Datasets.Synthetic;
using LotteryTickets.OwnLoop;
using LotteryTickets.Pruning;
using static TorchSharp.torch;

namespace LotteryTickets.Tests.Samples;

/// <summary>The own-loop sample's loop (samples/LotteryTickets.OwnLoop), on small synthetic 1×28×28 data.</summary>
public class OwnLoopSampleTests
{
    [Test]
    public void TheSampleLoopPrunesGraduallyToTheTargetThenIteratively()
    {
        var all = GaussianBlobs.Create(new GaussianBlobsOptions { Count = 320, ClassCount = 10, Shape = new SampleShape(1, 28, 28), Noise = 0.5, Seed = 2 });
        using var scope = NewDisposeScope();
        var (trainImages, trainLabels) = all.Slice(0, 256).ToTensors();
        var (testImages, testLabels) = all.Slice(256, 64).ToTensors();
        var settings = new OwnLoopSettings { BatchSize = 32, GradualEpochs = 2, ImpLevels = 2, ImpEpochs = 1, RewindIteration = 2, Seed = 4 };
        using var log = new StringWriter();

        var report = OwnLoop.OwnLoop.Run(trainImages, trainLabels, testImages, testLabels, settings, log);

        Assert.That(report.GradualRevivedWeights, Is.Zero, "no pruned weight was ever anything but +0.0 after a step");
        foreach (var layer in report.GradualSparsity.Layers)
        {
            Assert.That(layer.Remaining, Is.EqualTo(layer.Total - PruneAmount.TargetSparsity(0.9).PrunedAfter(layer.Total, layer.Total)), layer.Name);
        }

        Assert.That(report.Levels.Select(l => l.Level), Is.EqualTo(new[] { 0, 1, 2 }));
        Assert.That(report.Levels[0].PercentRemaining, Is.EqualTo(100));
        Assert.That(report.Levels[1].PercentRemaining, Is.InRange(79.5, 80.5));
        Assert.That(report.Levels[2].PercentRemaining, Is.InRange(64.0, 64.6));
        Assert.That(log.ToString(), Does.Contain("IMP level 2"));

        var again = OwnLoop.OwnLoop.Run(trainImages, trainLabels, testImages, testLabels, settings, TextWriter.Null);
        Assert.That(again.Levels, Is.EqualTo(report.Levels), "the same seed gives the same run");
        Assert.That(again.GradualAccuracy, Is.EqualTo(report.GradualAccuracy));
    }
}
