using LotteryTickets.Results;
using LotteryTickets.Training;

namespace LotteryTickets.Tests.Results;

public class RunMetricsTests
{
    private static EvaluationRecord Eval(int iteration, double validationLoss, double testAccuracy, double validationAccuracy = 0.9) =>
        new(iteration, null, validationLoss, validationAccuracy, 1.0, testAccuracy);

    [Test]
    public void TheEarlyStopIsTheIterationOfMinimumValidationLoss()
    {
        var metrics = new RunMetrics([Eval(0, 2.0, 0.1), Eval(100, 0.5, 0.8, 0.85), Eval(200, 0.7, 0.9)]);

        Assert.Multiple(() =>
        {
            Assert.That(metrics.EarlyStopIteration, Is.EqualTo(100));
            Assert.That(metrics.TestAccuracyAtEarlyStop, Is.EqualTo(0.8));
            Assert.That(metrics.ValidationAccuracyAtEarlyStop, Is.EqualTo(0.85));
            Assert.That(metrics.FinalTestAccuracy, Is.EqualTo(0.9));
        });
    }

    [Test]
    public void TiesInValidationLossGoToTheFirstEvaluation()
    {
        var metrics = new RunMetrics([Eval(0, 1.0, 0.1), Eval(100, 0.5, 0.2), Eval(200, 0.5, 0.3)]);

        Assert.That(metrics.EarlyStopIteration, Is.EqualTo(100));
    }

    [Test]
    public void NaNValidationLossesAreNeverTheMinimum()
    {
        var metrics = new RunMetrics([Eval(0, double.NaN, 0.1), Eval(100, 0.9, 0.2), Eval(200, double.NaN, 0.3)]);

        Assert.That(metrics.EarlyStopIteration, Is.EqualTo(100));
    }

    [Test]
    public void WhenEveryValidationLossIsNaNTheEarlyStopIsTheFirstEvaluation()
    {
        var metrics = new RunMetrics([Eval(0, double.NaN, 0.1), Eval(100, double.NaN, 0.2)]);

        Assert.That(metrics.EarlyStopIteration, Is.EqualTo(0));
    }

    [Test]
    public void ARunWithoutEvaluationsIsRejected()
    {
        Assert.That(() => new RunMetrics([]), Throws.ArgumentException.With.Message.Contains("no evaluations"));
    }

    [Test]
    public void IterationsThatDoNotIncreaseAreRejectedWithEveryProblemListed()
    {
        Assert.That(
            () => new RunMetrics([Eval(100, 1, 0.5), Eval(100, 1, 0.5), new EvaluationRecord(50, null, 1, 0.5, 1, 1.5)]),
            Throws.ArgumentException
                .With.Message.Contains("The 'RunMetrics' are invalid.")
                .And.Message.Contains("Evaluation 1 has iteration 100 after iteration 100; iterations must strictly increase.")
                .And.Message.Contains("Evaluation 2 has iteration 50 after iteration 100")
                .And.Message.Contains("Evaluation 2 has 'TestAccuracy' 1.5; accuracies are fractions in [0, 1]."));
    }
}
