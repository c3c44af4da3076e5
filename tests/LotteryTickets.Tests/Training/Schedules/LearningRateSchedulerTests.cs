using LotteryTickets.Tests.Training.Optimizers;
using LotteryTickets.Training.Schedules;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LotteryTickets.Tests.Training.Schedules;

public class LearningRateSchedulerTests
{
    private Parameter[] parameters = [];

    [SetUp]
    public void CreateParameters() => parameters = [RegressionProblem.Owned(torch.zeros(1)), RegressionProblem.Owned(torch.zeros(1))];

    [TearDown]
    public void DisposeParameters()
    {
        foreach (var p in parameters)
        {
            p.Dispose();
        }
    }

    [Test]
    public void SettingThePositionReproducesTheSequence()
    {
        using var sgd = optim.SGD([parameters[0]], 0.1);
        var schedule = new LinearWarmupSchedule(new CosineAnnealingSchedule(0.1, tMax: 20, etaMin: 0.001), warmupSteps: 5);
        var scheduler = new LearningRateScheduler(sgd, schedule);
        var sequence = new List<double>();
        for (var t = 0; t < 30; t++)
        {
            sequence.Add(sgd.ParamGroups.First().LearningRate);
            scheduler.Step();
        }

        foreach (var k in new[] { 0, 3, 17, 29, 7 })
        {
            scheduler.Position = k;
            var replay = new List<double>();
            for (var t = k; t < 30; t++)
            {
                replay.Add(sgd.ParamGroups.First().LearningRate);
                scheduler.Step();
            }

            Assert.That(replay, Is.EqualTo(sequence.Skip(k)), $"from position {k}");
        }
    }

    [Test]
    public void EachGroupFollowsTheScheduleFromItsOwnBaseRate()
    {
        using var sgd = optim.SGD([new SGD.ParamGroup([parameters[0]], new SGD.Options()), new SGD.ParamGroup([parameters[1]], lr: 1)], 0.1);
        var scheduler = new LearningRateScheduler(sgd, lr => new StepSchedule(lr, stepSize: 2, gamma: 0.5));
        scheduler.Position = 4;
        Assert.That(sgd.ParamGroups.Select(g => g.LearningRate), Is.EqualTo(new[] { 0.025, 0.25 }));
        Assert.That(sgd.ParamGroups.Select(g => g.InitialLearningRate), Is.EqualTo(new[] { 0.1, 1.0 }));
    }

    [Test]
    public void CreatingASchedulerAppliesStepZero()
    {
        using var adam = optim.Adam([parameters[0]], 0.1);
        _ = new LearningRateScheduler(adam, new LinearWarmupSchedule(new ConstantSchedule(0.1), warmupSteps: 4, startFactor: 0.5));
        Assert.That(adam.ParamGroups.First().LearningRate, Is.EqualTo(0.05));
    }

    [Test]
    public void TheSchedulerDrivesTheRateTheOptimizerSteps()
    {
        var w = parameters[0];
        using var sgd = optim.SGD([w], 1);
        var scheduler = new LearningRateScheduler(sgd, new StepSchedule(1, stepSize: 1, gamma: 0.5));
        for (var t = 0; t < 3; t++)
        {
            w.grad = torch.ones(1);
            sgd.step();
            scheduler.Step();
        }

        Assert.That(w.ToSingle(), Is.EqualTo(-(1 + 0.5f + 0.25f)));
    }

    [Test]
    public void ANegativePositionIsRefused()
    {
        using var sgd = optim.SGD([parameters[0]], 0.01);
        var scheduler = new LearningRateScheduler(sgd, new ConstantSchedule(0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => scheduler.Position = -1);
        Assert.That(scheduler.Position, Is.EqualTo(0));
    }

    [Test]
    public void SchedulesRefuseArgumentsOutsideTheirRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new StepSchedule(0.1, stepSize: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CosineAnnealingSchedule(0.1, tMax: 10, etaMin: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LinearWarmupSchedule(new ConstantSchedule(1), warmupSteps: 3, startFactor: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MultiStepSchedule(0.1, [-1, 3]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConstantSchedule(0.1).LearningRate(-1));
        var ex = Assert.Throws<ArgumentException>(() => new SequentialSchedule([new ConstantSchedule(1), new ConstantSchedule(2)], [3, 4]));
        Assert.That(ex!.Message, Does.Contain("2 schedules need 1 milestones, but 2 were given."));
    }

    [Test]
    public void ASequenceRestartsEachScheduleAtItsMilestone()
    {
        var schedule = new SequentialSchedule([new ConstantSchedule(1), new StepSchedule(0.5, stepSize: 2, gamma: 0.1)], [3]);
        var rates = Enumerable.Range(0, 7).Select(t => schedule.LearningRate(t)).ToArray();
        Assert.That(rates, Is.EqualTo(new[] { 1, 1, 1, 0.5, 0.5, 0.05, 0.05 }).Within(1e-15));
    }
}
