using LotteryTickets.Initialization;

namespace LotteryTickets.Tests.Initialization;

public class ErkDensitiesTests
{
    // Raw ratios (sum of dims / product): conv1 13/108, conv2 18/288, fc 42/320; Σ n·raw = 13 + 18 + 42 = 73.
    [Test]
    public void UnclippedDensitiesAreProportionalToSumOverProductOfDimensions()
    {
        var result = new ErkDensities().Allocate(TestLayers.Small, 200);

        var epsilon = 200 / 73.0;
        Assert.That(result.Densities, Is.EqualTo(new[] { epsilon * 13 / 108, epsilon * 18 / 288, epsilon * 42 / 320 }).Within(1e-12));
        Assert.That(TestLayers.Small.Select((l, i) => result.Densities[i] * l.Count).Sum(), Is.EqualTo(200).Within(1e-9));
    }

    [Test]
    public void LayersThatWouldExceedOneAreDenseAndTheRestRescaled()
    {
        // Target 644: ε = 644/73 puts fc at 1.16, so fc is dense; then ε = 324/31 puts conv1 at 1.25, so conv1 is dense;
        // conv2 keeps the remaining 216 of its 288 weights (ε = 216/18, density 0.75).
        var result = new ErkDensities().Allocate(TestLayers.Small, 644);

        Assert.That(result.Densities, Is.EqualTo(new[] { 1, 0.75, 1 }).Within(1e-12));
        Assert.That(result.Counts, Is.EqualTo(new long[] { 108, 216, 320 }));
    }

    [Test]
    public void TheWeightedDensitiesSumToTheTargetAndTheCountsHitIt()
    {
        var layers = TestLayers.ConvNet;
        var raw = layers.Select(ErkDensities.RawRatio).ToArray();
        for (var target = 0L; target <= TestLayers.Total(layers); target += 17)
        {
            var result = new ErkDensities().Allocate(layers, target);

            Assert.That(layers.Select((l, i) => result.Densities[i] * l.Count).Sum(), Is.EqualTo((double)target).Within(1e-9), $"target {target}");
            Assert.That(result.Counts.Sum(), Is.EqualTo(target), $"target {target}");
            var unclipped = Enumerable.Range(0, layers.Count).Where(i => result.Densities[i] < 1).ToArray();
            Assert.That(result.Densities.All(d => d <= 1), Is.True, $"target {target}");
            if (unclipped.Length > 1 && target > 0)
            {
                var epsilon = result.Densities[unclipped[0]] / raw[unclipped[0]];
                Assert.That(unclipped.Select(i => result.Densities[i] / raw[i]), Is.All.EqualTo(epsilon).Within(1e-9), $"target {target}");
            }
        }
    }
}
