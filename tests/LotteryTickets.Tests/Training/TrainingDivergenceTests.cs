using LotteryTickets.Training;

namespace LotteryTickets.Tests.Training;

public class TrainingDivergenceTests
{
    [Test]
    public void ALossThatBecomesNonFiniteStopsTheRunWithTheIterationAndTheLoss()
    {
        using var model = new TinyMlp(1);
        var options = TinyTask.Options();
        options.LearningRate = 1e6;
        options.Momentum = 0;
        options.Schedule = LearningRateScheduleKind.Constant;
        using var trainer = TinyTask.CreateTrainer(model, options);

        var e = Assert.Throws<TrainingDivergedException>(() => trainer.Run())!;

        Assert.That(double.IsFinite(e.Loss), Is.False, "the loss it reports");
        Assert.That(e.Iteration, Is.InRange(1, 30));
        Assert.That(e.Message, Does.Contain($"at iteration {e.Iteration}"));
        Assert.That(e.Message, Does.Contain("learning rate"));
        Assert.That(trainer.Iteration, Is.EqualTo(e.Iteration - 1), "the diverged step is not counted");
        Assert.That(double.IsFinite(trainer.RunningLoss.Sum), Is.True, "the non-finite loss is not accumulated");
    }

    [Test]
    public void AStableRunIsNotStopped()
    {
        using var model = new TinyMlp(1);
        using var trainer = TinyTask.CreateTrainer(model);

        Assert.That(trainer.Run().IsComplete, Is.True);
    }
}
