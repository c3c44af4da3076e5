using LotteryTickets.Training;

namespace LotteryTickets.Tests.Training;

public class TrainingResultTests
{
    private static EvaluationRecord At(long iteration, double validationLoss) =>
        new(iteration, 1.0, validationLoss, ValidationAccuracy: iteration / 100.0, TestLoss: 2.0, TestAccuracy: iteration / 200.0);

    [Test]
    public void TheEarlyStopIsTheMinimumValidationLossAndTheFirstOnTies()
    {
        var result = new TrainingResult([At(0, 2.0), At(100, 0.7), At(200, 0.5), At(300, 0.5), At(400, 0.9)], 400, 400, null);
        Assert.That(result.EarlyStopIteration, Is.EqualTo(200));
        Assert.That(result.EarlyStop!.ValidationAccuracy, Is.EqualTo(2.0));
        Assert.That(result.EarlyStop.TestAccuracy, Is.EqualTo(1.0));
        Assert.That(result.Final!.Iteration, Is.EqualTo(400));
        Assert.That(result.Final.TestAccuracy, Is.EqualTo(2.0));
        Assert.That(result.IsComplete, Is.True);
    }

    [Test]
    public void NaNValidationLossesNeverWin()
    {
        Assert.That(TrainingResult.FindEarlyStop([At(0, double.NaN), At(10, 3.0), At(20, double.NaN), At(30, 4.0)])!.Iteration, Is.EqualTo(10));
        Assert.That(TrainingResult.FindEarlyStop([At(0, double.NaN), At(10, double.NaN)])!.Iteration, Is.EqualTo(0));
    }

    [Test]
    public void WithoutEvaluationsThereIsNoEarlyStop()
    {
        var result = new TrainingResult([], 3, 10, "Training was cancelled.");
        Assert.That(result.EarlyStop, Is.Null);
        Assert.That(result.Final, Is.Null);
        Assert.That(result.IsComplete, Is.False);
    }
}
