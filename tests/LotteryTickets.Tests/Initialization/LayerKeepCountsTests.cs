using LotteryTickets.Initialization;

namespace LotteryTickets.Tests.Initialization;

public class LayerKeepCountsTests
{
    [Test]
    public void MissingWeightsGoToTheLargestFractionsTiesToTheEarlierLayer()
    {
        // Exact 10.5, 20.7, 30.5, 40.3 → floors 10, 20, 30, 40 (100); 2 more go to 20.7 and then the earlier 0.5.
        var result = LayerKeepCounts.FromExactCounts(TestLayers.ConvNet, [10.5, 20.7, 30.5, 40.3], 102);

        Assert.That(result.Counts, Is.EqualTo(new long[] { 11, 21, 30, 40 }));
        Assert.That(result.Densities[0], Is.EqualTo(10.5 / 108));
    }

    [Test]
    public void AnOvershootIsTakenFromTheSmallestFractions()
    {
        var result = LayerKeepCounts.FromExactCounts(TestLayers.ConvNet, [10.5, 20.7, 30.5, 40.3], 99);

        Assert.That(result.Counts, Is.EqualTo(new long[] { 10, 20, 30, 39 }));
    }

    [Test]
    public void CountsStayWithinTheLayerSizes()
    {
        var result = LayerKeepCounts.FromExactCounts(TestLayers.Small, [200, 0.4, 0.4], 110);

        Assert.That(result.Counts, Is.EqualTo(new long[] { 108, 1, 1 }));
    }

    [Test]
    public void OneExactCountPerLayerIsRequired()
    {
        var e = Assert.Throws<ArgumentException>(() => LayerKeepCounts.FromExactCounts(TestLayers.Small, [1, 2], 3));

        Assert.That(e!.Message, Is.EqualTo("There are 2 exact counts for 3 layers; give one count per layer, in model order. (Parameter 'exactCounts')"));
    }
}
