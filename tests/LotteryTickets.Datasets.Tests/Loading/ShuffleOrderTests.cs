using LotteryTickets.Datasets.Loading;

namespace LotteryTickets.Datasets.Tests.Loading;

public class ShuffleOrderTests
{
    [Test]
    public void ThePermutationIsPinnedAcrossPlatforms()
    {
        // Computed by an independent Python implementation of the documented algorithm.
        Assert.Multiple(() =>
        {
            Assert.That(ShuffleOrder.Permutation(10, 42, 0), Is.EqualTo(new[] { 6, 1, 7, 8, 0, 4, 9, 3, 5, 2 }));
            Assert.That(ShuffleOrder.Permutation(10, 42, 1), Is.EqualTo(new[] { 0, 6, 3, 7, 5, 9, 2, 8, 1, 4 }));
            Assert.That(ShuffleOrder.Permutation(10, 7, 0), Is.EqualTo(new[] { 4, 7, 2, 5, 1, 6, 0, 3, 8, 9 }));
        });
    }

    [Test]
    public void EveryIndexAppearsExactlyOnce()
    {
        var order = ShuffleOrder.Permutation(1000, 3, 17);

        Assert.That(order.Order(), Is.EqualTo(Enumerable.Range(0, 1000)));
    }

    [Test]
    public void TheSameSeedAndEpochGiveTheSameOrderAndOtherEpochsAnother()
    {
        var order = ShuffleOrder.Permutation(500, 9, 4);

        Assert.Multiple(() =>
        {
            Assert.That(ShuffleOrder.Permutation(500, 9, 4), Is.EqualTo(order));
            Assert.That(ShuffleOrder.Permutation(500, 9, 5), Is.Not.EqualTo(order));
            Assert.That(ShuffleOrder.Permutation(500, 10, 4), Is.Not.EqualTo(order));
        });
    }
}
