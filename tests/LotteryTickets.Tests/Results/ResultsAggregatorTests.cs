using LotteryTickets.Results;
using LotteryTickets.Tests.TestSupport;

namespace LotteryTickets.Tests.Results;

public class ResultsAggregatorTests
{
    private static readonly RunRecord[] Runs =
    [
        SampleResults.Record(0, 1, "reinit", 200, 0.90, 0.89),
        SampleResults.Record(1, 0, "main", 300, 0.97, 0.96),
        SampleResults.Record(0, 0, "main", 100, 0.98, 0.97),
        SampleResults.Record(2, 0, "main", 200, 0.96, 0.95),
        SampleResults.Record(0, 1, "main", 100, 0.985, 0.98),
        SampleResults.Record(1, 1, "main", 200, 0.975, 0.97),
        SampleResults.Record(1, 1, "reinit", 300, 0.92, 0.91),
    ];

    [Test]
    public void ResultsAreGroupedPerLevelAndBranchAndSortedWithMainFirst()
    {
        var aggregated = ResultsAggregator.Aggregate(Runs);

        Assert.Multiple(() =>
        {
            Assert.That(aggregated.Select(a => (a.Level, a.Branch)), Is.EqualTo(new[] { (0, "main"), (1, "main"), (1, "reinit") }));
            Assert.That(aggregated[0].Trials, Is.EqualTo(new[] { 0, 1, 2 }));
            Assert.That(aggregated[2].Trials, Is.EqualTo(new[] { 0, 1 }));
        });
    }

    [Test]
    public void EachQuantityIsSummarizedOverTheTrials()
    {
        var level0 = ResultsAggregator.Aggregate(Runs)[0];

        Assert.Multiple(() =>
        {
            Assert.That(level0.PercentWeightsRemaining.Mean, Is.EqualTo(100.0));
            Assert.That(level0.PercentWeightsRemaining.StandardDeviation, Is.Zero);
            Assert.That(level0.EarlyStopIteration.Mean, Is.EqualTo(200.0));
            Assert.That(level0.EarlyStopIteration.StandardDeviation, Is.EqualTo(100.0).Within(1e-12));
            Assert.That(level0.TestAccuracyAtEarlyStop.Mean, Is.EqualTo(0.97).Within(1e-12));
            Assert.That(level0.TestAccuracyAtEarlyStop.StandardDeviation, Is.EqualTo(0.01).Within(1e-12));
            Assert.That(level0.TestAccuracyAtEarlyStop.ConfidenceHalfWidth, Is.EqualTo(4.302652729911275 * 0.01 / Math.Sqrt(3)).Within(1e-12));
            Assert.That(level0.FinalTestAccuracy.Mean, Is.EqualTo(0.96).Within(1e-12));
            Assert.That(level0.ValidationAccuracyAtEarlyStop.Mean, Is.EqualTo(0.9).Within(1e-12));
        });
    }

    [Test]
    public void TheSameRunTwiceIsRejected()
    {
        Assert.That(
            () => ResultsAggregator.Aggregate([Runs[0], Runs[0]]),
            Throws.ArgumentException.With.Message.Contains("The run (trial 0, level 1, branch 'reinit') appears more than once"));
    }
}
