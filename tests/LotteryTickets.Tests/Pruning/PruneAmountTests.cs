using LotteryTickets.Pruning;

namespace LotteryTickets.Tests.Pruning;

public class PruneAmountTests
{
    [TestCase(0.2, 100, 100, 20)]
    [TestCase(0.2, 100, 80, 16)]
    [TestCase(0.2, 100, 64, 13)] // 12.8 rounds to 13
    [TestCase(0.1, 100, 5, 1)] // 0.5 rounds up
    [TestCase(0.2, 100, 2, 0)] // 0.4 rounds down
    [TestCase(1.0, 100, 7, 7)]
    [TestCase(0.0, 100, 7, 0)]
    public void AFractionOfRemainingRoundsToNearestWithHalvesUp(double rate, long total, long remaining, long expected) =>
        Assert.That(PruneAmount.FractionOfRemaining(rate).WeightsToPrune(total, remaining), Is.EqualTo(expected));

    [TestCase(0.9, 100, 100, 90)]
    [TestCase(0.9, 100, 50, 40)]
    [TestCase(0.5, 100, 20, 0)] // already sparser: nothing to prune, nothing revived
    public void ASparsityTargetCountsAllWeightsOfThePool(double sparsity, long total, long remaining, long expected) =>
        Assert.That(PruneAmount.ToSparsity(sparsity).WeightsToPrune(total, remaining), Is.EqualTo(expected));

    [TestCase(10, 100, 60, 50)]
    [TestCase(70, 100, 60, 0)]
    public void ARemainingCountTargetPrunesDownToIt(long count, long total, long remaining, long expected) =>
        Assert.That(PruneAmount.ToRemainingCount(count).WeightsToPrune(total, remaining), Is.EqualTo(expected));

    [Test]
    public void OutOfRangeAmountsAreRejectedWithTheRule()
    {
        var rate = Assert.Throws<ArgumentOutOfRangeException>(() => PruneAmount.FractionOfRemaining(1.5))!;
        var sparsity = Assert.Throws<ArgumentOutOfRangeException>(() => PruneAmount.ToSparsity(double.NaN))!;

        Assert.That(rate.Message, Does.StartWith("The pruning rate 1.5 is outside [0, 1]; give the fraction of the remaining weights to prune, e.g. 0.2."));
        Assert.That(sparsity.Message, Does.StartWith("The target sparsity NaN is outside [0, 1]"));
    }

    [Test]
    public void IterativeAmountsPruneTheOutputLayerAtItsOwnRate()
    {
        var amounts = PruningAmounts.Iterative(0.2, 0.1);
        var hidden = new PrunableLayer("fc1.weight", [10, 10], LayerKind.Linear, false);
        var output = new PrunableLayer("fc2.weight", [10, 10], LayerKind.Linear, true);

        Assert.That(amounts.For(hidden), Is.EqualTo(PruneAmount.FractionOfRemaining(0.2)));
        Assert.That(amounts.For(output), Is.EqualTo(PruneAmount.FractionOfRemaining(0.1)));
        Assert.That(amounts.WithLayer("fc2.weight", PruneAmount.None).For(output), Is.EqualTo(PruneAmount.None));
    }
}
