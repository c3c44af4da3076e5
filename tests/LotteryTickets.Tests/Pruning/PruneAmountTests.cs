using LotteryTickets.Pruning;

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

    [TestCase(0.5, 7, 7, 4)]
    [TestCase(0.8, 1000, 1000, 800)]
    [TestCase(0.3, 1000, 500, 300)] // a target below the current sparsity: weights regrow
    public void ATargetSparsityPrunesTheCeilingOfItsShareOfAllWeights(double sparsity, long total, long remaining, long expected)
    {
        var amount = PruneAmount.TargetSparsity(sparsity);
        Assert.That(amount.PrunedAfter(total, remaining), Is.EqualTo(expected));
        Assert.That(amount.CountToPrune(total, remaining), Is.EqualTo(expected - (total - remaining)));
    }

    [TestCase(1.0)]
    [TestCase(-0.1)]
    [TestCase(double.NaN)]
    public void FractionsOutsideZeroToOneAreRejected(double value)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => PruneAmount.TargetSparsity(value));
        Assert.That(e!.Message, Does.StartWith($"The 'sparsity' is {value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}; it must be at least 0 and less than 1."));
        Assert.Throws<ArgumentOutOfRangeException>(() => PruneAmount.FractionOfRemaining(value));
    }

    [Test]
    public void CountsAreChecked() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PruneAmount.TargetSparsity(0.5).PrunedAfter(10, 11));
}
