using LotteryTickets.Cli.Experiments;
using LotteryTickets.Cli.Running;

namespace LotteryTickets.Cli.Tests.Running;

/// <summary>The <c>training.augmentation</c> key: the CIFAR augmentation from experiment files.</summary>
public class AugmentationMappingTests
{
    private const string Base = """
        name: augmented
        model: { name: lenet_300_100, options: { widthMultiplier: 0.1 } }
        dataset: { name: gaussian_blobs, validation: 32 }
        pruning: { iterative: { levels: 1 } }
        """;

    private static string Training(string augmentation) => "\n" + $"""
        training:
          duration: 20it
        {augmentation}
        """;

    [Test]
    public void TheKeyReachesTheTrainingOptionsAndThePlanHashOnlyWhenGiven()
    {
        var without = ExperimentFileMapper.ToBuilder(ExperimentFileLoader.Parse(Base + Training(string.Empty), yaml: true), "/tmp/lottery-augment").Build();
        var defaults = ExperimentFileMapper.ToBuilder(ExperimentFileLoader.Parse(Base + Training("  augmentation: {}"), yaml: true), "/tmp/lottery-augment").Build();
        var custom = ExperimentFileMapper.ToBuilder(
            ExperimentFileLoader.Parse(Base + Training("  augmentation: { padding: 2, horizontalFlip: false }"), yaml: true), "/tmp/lottery-augment").Build();

        Assert.Multiple(() =>
        {
            Assert.That(without.Training.Augmentation, Is.Null);
            Assert.That(without.Description, Does.Not.Contain("augmentation"));
            Assert.That((defaults.Training.Augmentation!.Padding, defaults.Training.Augmentation.HorizontalFlip), Is.EqualTo((4, true)));
            Assert.That(defaults.Description, Does.Contain("\"augmentation\":{\"horizontalFlip\":true,\"padding\":4}"));
            Assert.That((custom.Training.Augmentation!.Padding, custom.Training.Augmentation.HorizontalFlip), Is.EqualTo((2, false)));
            Assert.That(new[] { without.Hash, defaults.Hash, custom.Hash }, Is.Unique);
        });
    }

    [Test]
    public void ANegativePaddingIsReportedWithItsKeyPath()
    {
        var e = Assert.Throws<ExperimentFileException>(() => ExperimentFileLoader.Parse(Base + Training("  augmentation: { padding: -1, colour: red }"), yaml: true, "x.yaml"))!;

        Assert.That(e.Message, Does.Contain("- training.augmentation.padding: 'Augmentation.Padding' is -1; it must be 0 or more."));
        Assert.That(e.Message, Does.Contain("- training.augmentation.colour: unknown key; the known keys in 'training.augmentation' are 'padding', 'horizontalFlip'."));
    }
}
