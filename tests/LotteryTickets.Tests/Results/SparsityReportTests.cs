using LotteryTickets.Results;
using LotteryTickets.Masks;

namespace LotteryTickets.Tests.Results;

public class SparsityReportTests
{
    [Test]
    public void GlobalCountsAreTheSumsOfTheLayers()
    {
        var report = new SparsityReport([new LayerSparsity("fc1.weight", 200, 160), new LayerSparsity("out.weight", 50, 45)]);

        Assert.Multiple(() =>
        {
            Assert.That(report.Total, Is.EqualTo(250));
            Assert.That(report.Remaining, Is.EqualTo(205));
            Assert.That(report.PercentRemaining, Is.EqualTo(82.0).Within(1e-12));
            Assert.That(report.Layers[0].PercentRemaining, Is.EqualTo(80.0));
            Assert.That(report.Layers[1].PercentRemaining, Is.EqualTo(90.0));
        });
    }

    [Test]
    public void MoreRemainingThanTotalIsRejectedNamingTheLayer()
    {
        Assert.That(
            () => new LayerSparsity("fc1.weight", 10, 11),
            Throws.ArgumentException.With.Message.Contains("The layer 'fc1.weight' has 11 remaining of 10 weights"));
    }

    [Test]
    public void ALayerNamedTwiceIsRejected()
    {
        Assert.That(
            () => new SparsityReport([new LayerSparsity("a", 1, 1), new LayerSparsity("a", 2, 1)]),
            Throws.ArgumentException.With.Message.Contains("The layer 'a' appears twice"));
    }

    [Test]
    public void AnEmptyReportHasAllWeightsRemaining()
    {
        Assert.That(new SparsityReport([]).PercentRemaining, Is.EqualTo(100.0));
    }
}
