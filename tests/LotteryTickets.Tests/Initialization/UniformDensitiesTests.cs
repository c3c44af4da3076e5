using LotteryTickets.Initialization;

namespace LotteryTickets.Tests.Initialization;

public class UniformDensitiesTests
{
    [Test]
    public void EveryLayerHasTheSameDensityAndTheCountsHitTheTarget()
    {
        var result = LayerDensities.Uniform.Allocate(TestLayers.ConvNet, 400);

        Assert.That(result.Densities, Is.All.EqualTo(400.0 / 1292).Within(1e-15));
        Assert.That(result.Counts.Sum(), Is.EqualTo(400));
        Assert.That(result.Counts, Is.EqualTo(new long[] { 34, 89, 178, 99 }));
    }

    [TestCase(-1, "The target of -1 weights to keep is negative; give a number of weights from 0 to 1292, the prunable layers' total. (Parameter 'target')")]
    [TestCase(1293, "The target of 1293 weights to keep exceeds the 1292 weights of the prunable layers; keep at most 1292 (a density of at most 1). (Parameter 'target')")]
    public void ImpossibleTargetsAreRejectedByEveryRule(long target, string message)
    {
        foreach (var rule in new[] { LayerDensities.Uniform, LayerDensities.SmartRatio, LayerDensities.Erk })
        {
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => rule.Allocate(TestLayers.ConvNet, target), rule.Name);
            Assert.That(e!.Message, Is.EqualTo(message), rule.Name);
        }
    }

    [Test]
    public void TheDenseAndEmptyTargetsKeepAllOrNothing()
    {
        foreach (var rule in new[] { LayerDensities.Uniform, LayerDensities.Erk })
        {
            Assert.That(rule.Allocate(TestLayers.ConvNet, 1292).Counts, Is.EqualTo(new long[] { 108, 288, 576, 320 }), rule.Name);
            Assert.That(rule.Allocate(TestLayers.ConvNet, 0).Counts, Is.All.EqualTo(0), rule.Name);
        }
    }
}
