using System.Globalization;
using LotteryTickets.Pruning;
using LotteryTickets.Masks;

namespace LotteryTickets.Tests.Pruning;

public sealed class PruneAmountTests
{
    [TestCase(0.2, 100, 100, 20)] // 0.2·100 is 20.000000000000004 in binary; it counts as 20, not 21
    [TestCase(0.2, 235_200, 235_200, 47_040)]
    [TestCase(0.2, 1000, 512, 488 + 103)] // ⌈102.4⌉ = 103 more
    [TestCase(0.1, 1000, 900, 100 + 90)]
    [TestCase(0.0, 1000, 700, 300)]
    public void AFractionOfRemainingPrunesTheCeilingOfItsShare(double fraction, long total, long remaining, long expected) =>
        Assert.That(PruneAmount.FractionOfRemaining(fraction).PrunedAfter(total, remaining), Is.EqualTo(expected));

    [TestCase(0.2, 100, 100, 20)]
    [TestCase(0.2, 100, 80, 16)]
    [TestCase(0.2, 100, 64, 13)] // 12.8 rounds up to 13
    [TestCase(0.2, 100, 2, 1)] // 0.4 rounds up to 1
    [TestCase(0.0, 100, 7, 0)]
    public void WeightsToPruneIsTheCeilingOfTheShareOfRemaining(double rate, long total, long remaining, long expected) =>
        Assert.That(PruneAmount.FractionOfRemaining(rate).WeightsToPrune(total, remaining), Is.EqualTo(expected));

    [TestCase(0.5, 7, 7, 4)]
    [TestCase(0.8, 1000, 1000, 800)]
    [TestCase(0.3, 1000, 500, 300)] // a target below the current sparsity: weights regrow
    public void ATargetSparsityPrunesTheCeilingOfItsShareOfAllWeights(double sparsity, long total, long remaining, long expected)
    {
        var amount = PruneAmount.TargetSparsity(sparsity);
        Assert.That(amount.PrunedAfter(total, remaining), Is.EqualTo(expected));
        Assert.That(amount.CountToPrune(total, remaining), Is.EqualTo(expected - (total - remaining)));
    }

    [TestCase(0.9, 100, 100, 90)]
    [TestCase(0.9, 100, 50, 40)]
    [TestCase(0.5, 100, 20, 0)] // already sparser: nothing to prune, nothing revived
    public void WeightsToPruneNeverRevivesAWeight(double sparsity, long total, long remaining, long expected) =>
        Assert.That(PruneAmount.TargetSparsity(sparsity).WeightsToPrune(total, remaining), Is.EqualTo(expected));

    [TestCase(10, 100, 60, 50)]
    [TestCase(70, 100, 60, 0)]
    public void ARemainingCountTargetPrunesDownToIt(long count, long total, long remaining, long expected) =>
        Assert.That(PruneAmount.ToRemainingCount(count).WeightsToPrune(total, remaining), Is.EqualTo(expected));

    [TestCase(1.0)]
    [TestCase(-0.1)]
    [TestCase(double.NaN)]
    public void FractionsOutsideZeroToOneAreRejectedWithTheRule(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        var sparsity = Assert.Throws<ArgumentOutOfRangeException>(() => PruneAmount.TargetSparsity(value))!;
        var rate = Assert.Throws<ArgumentOutOfRangeException>(() => PruneAmount.FractionOfRemaining(value))!;
        Assert.That(sparsity.Message, Does.StartWith($"The target sparsity {text} is outside [0, 1); give the fraction of weights that should be zero, e.g. 0.9."));
        Assert.That(rate.Message, Does.StartWith($"The pruning rate {text} is outside [0, 1); give the fraction of the remaining weights to prune, e.g. 0.2."));
    }

    [Test]
    public void CountsAreChecked() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PruneAmount.TargetSparsity(0.5).PrunedAfter(10, 11));

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
