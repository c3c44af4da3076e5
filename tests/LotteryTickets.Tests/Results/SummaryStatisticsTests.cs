using LotteryTickets.Results;

namespace LotteryTickets.Tests.Results;

public class SummaryStatisticsTests
{
    // Textbook two-sided 95% quantiles of Student's t: t(0.975; 1) = 12.7062047, t(0.975; 2) = 4.3026527, t(0.975; 4) = 2.7764451.
    private const double T975Df1 = 12.706204736174707;
    private const double T975Df2 = 4.302652729911275;
    private const double T975Df4 = 2.7764451051977987;

    [Test]
    public void FiveValuesGiveTheSampleStdAndAStudentTInterval()
    {
        var stats = SummaryStatistics.Of([1, 2, 3, 4, 5]);

        Assert.Multiple(() =>
        {
            Assert.That(stats.Count, Is.EqualTo(5));
            Assert.That(stats.Mean, Is.EqualTo(3.0));
            Assert.That(stats.StandardDeviation, Is.EqualTo(Math.Sqrt(2.5)).Within(1e-12));
            Assert.That(stats.ConfidenceHalfWidth, Is.EqualTo(T975Df4 * Math.Sqrt(2.5) / Math.Sqrt(5)).Within(1e-9));
            Assert.That(stats.ConfidenceHalfWidth, Is.EqualTo(1.9632431614775607).Within(1e-9));
            Assert.That(stats.ConfidenceLow, Is.EqualTo(3 - 1.9632431614775607).Within(1e-9));
            Assert.That(stats.ConfidenceHigh, Is.EqualTo(3 + 1.9632431614775607).Within(1e-9));
        });
    }

    [Test]
    public void ThreeAccuraciesMatchAHandComputedInterval()
    {
        var stats = SummaryStatistics.Of([0.97, 0.98, 0.975]);

        Assert.Multiple(() =>
        {
            Assert.That(stats.Mean, Is.EqualTo(0.975).Within(1e-15));
            Assert.That(stats.StandardDeviation, Is.EqualTo(0.005).Within(1e-15));
            Assert.That(stats.ConfidenceHalfWidth, Is.EqualTo(T975Df2 * 0.005 / Math.Sqrt(3)).Within(1e-12));
        });
    }

    [Test]
    public void TwoValuesUseTheOneDegreeOfFreedomQuantile()
    {
        var stats = SummaryStatistics.Of([0, 2]);

        Assert.That(stats.ConfidenceHalfWidth, Is.EqualTo(T975Df1 * Math.Sqrt(2) / Math.Sqrt(2)).Within(1e-9));
    }

    [Test]
    public void A90PercentIntervalUsesThe95thPercentile()
    {
        // t(0.95; 4) = 2.1318468.
        var stats = SummaryStatistics.Of([1, 2, 3, 4, 5], 0.90);

        Assert.That(stats.ConfidenceHalfWidth, Is.EqualTo(2.1318467863266504 * Math.Sqrt(2.5) / Math.Sqrt(5)).Within(1e-9));
    }

    [Test]
    public void OneValueHasNoSpreadAndItsIntervalCollapsesToTheMean()
    {
        var stats = SummaryStatistics.Of([0.97]);

        Assert.Multiple(() =>
        {
            Assert.That(stats.Mean, Is.EqualTo(0.97));
            Assert.That(stats.StandardDeviation, Is.Zero);
            Assert.That(stats.ConfidenceLow, Is.EqualTo(0.97));
            Assert.That(stats.ConfidenceHigh, Is.EqualTo(0.97));
        });
    }

    [Test]
    public void NoValuesAreRejected()
    {
        Assert.That(() => SummaryStatistics.Of([]), Throws.ArgumentException.With.Message.Contains("no values"));
    }

    [TestCase(0.0)]
    [TestCase(1.0)]
    [TestCase(double.NaN)]
    public void AConfidenceLevelOutsideTheOpenUnitIntervalIsRejected(double level)
    {
        Assert.That(() => SummaryStatistics.Of([1, 2], level), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("it must be in (0, 1)"));
    }
}
