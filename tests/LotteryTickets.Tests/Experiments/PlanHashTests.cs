using LotteryTickets.Experiments;
using LotteryTickets.Pruning;
using LotteryTickets.Rewinding;
using LotteryTickets.Tickets;
using LotteryTickets.Training;
using Microsoft.Extensions.Logging.Abstractions;
using TorchSharp;
using LotteryTickets.Initialization;
using static TorchSharp.torch;

namespace LotteryTickets.Tests.Experiments;

public class PlanHashTests
{
    private const string ReferenceDescription =
        "{\"data\":{\"name\":\"fashion-mnist\"},\"model\":{\"zoo\":\"lenet300_100\"},\"schedule\":{\"levels\":5,\"type\":\"iterative\"},\"training\":{\"duration\":\"5000it\",\"evaluationInterval\":\"100it\",\"learningRate\":0.0012,\"optimizer\":\"Adam\"}}";

    private static LotteryExperiment Reference() => LotteryExperiment.Create("lenet")
        .WithModel("lenet300_100")
        .WithData("fashion-mnist")
        .WithTraining(o =>
        {
            o.Duration = TrainingDuration.Parse("5000it");
            o.Optimizer = OptimizerKind.Adam;
            o.LearningRate = 1.2e-3;
            o.BatchSize = 60;
            o.EvaluationInterval = TrainingDuration.Iterations(100);
        })
        .WithSchedule(new IterativeRates(new IterativeRatesOptions { Levels = 5 }))
        .StoreIn("store");

    [Test]
    public void TheHashOfTheReferencePlanIsPinned()
    {
        var plan = Reference().Build();

        Assert.That(plan.Description, Is.EqualTo(ReferenceDescription));
        Assert.That(plan.Hash, Is.EqualTo("57ca23ec0a898e4b"));
        Assert.That(Path.GetFileName(plan.Folder), Is.EqualTo("lenet-" + plan.Hash));
    }

    [Test]
    public void OptionsSetToTheirDefaultsAndOptionsOutsideTheHashLeaveItUnchanged()
    {
        var reference = Reference().Build().Hash;
        var same = Reference()
            .WithTraining(o =>
            {
                o.Momentum = 0;
                o.Shuffle = true;
                o.EvaluateAtStart = true;
                o.Milestones = [];
            })
            .WithCriterion("large_final")
            .WithLoss("cross_entropy")
            .WithRewind(RewindPolicies.ToInitialization)
            .WithSeed(0)
            .WithTrials(7)
            .OnDevice(torch.CPU)
            .WithCheckpointInterval(TrainingDuration.Iterations(20))
            .WithLogger(NullLogger.Instance)
            .StoreIn("another-store")
            .Build();

        Assert.That(same.Hash, Is.EqualTo(reference));
    }

    private static readonly (string Change, Func<LotteryExperiment, LotteryExperiment> Apply)[] Changes =
    [
        ("model", b => b.WithModel("conv2")),
        ("model width", b => b.WithModel("lenet300_100", 0.5)),
        ("custom model", b => b.WithModel("mine", TinyExperiment.CreateModel)),
        ("data", b => b.WithData("mnist")),
        ("data options", b => b.WithData("fashion-mnist", new Datasets.DatasetLoadOptions { ValidationCount = 1000 })),
        ("in-memory data", b => b.WithData(TinyExperiment.Splits)),
        ("duration", b => b.WithTraining(o => o.Duration = TrainingDuration.Parse("4000it"))),
        ("momentum", b => b.WithTraining(o => { o.Optimizer = OptimizerKind.Sgd; o.Momentum = 0.9; })),
        ("rmsprop", b => b.WithOptimizer("rmsprop")),
        ("rmsprop options", b => b.WithOptimizer("rmsprop(alpha=0.9, centered=true)")),
        ("adagrad", b => b.WithOptimizer("adagrad")),
        ("adagrad options", b => b.WithOptimizer("adagrad(learningRateDecay=0.01)")),
        ("mse loss", b => b.WithLoss("mse")),
        ("milestones", b => b.WithTraining(o => { o.Schedule = LearningRateScheduleKind.MultiStep; o.Milestones = [TrainingDuration.Epochs(2)]; })),
        ("data order seed", b => b.WithTraining(o => o.DataOrderSeed = 3)),
        ("criterion", b => b.WithCriterion("movement")),
        ("criterion parameter", b => b.WithCriterion(new TestCriterion(2))),
        ("schedule rate", b => b.WithSchedule(new IterativeRates(new IterativeRatesOptions { Levels = 5, Rate = 0.3 }))),
        ("schedule scope", b => b.WithSchedule(new IterativeRates(new IterativeRatesOptions { Levels = 5, Scope = PruningScope.Global }))),
        ("one-shot", b => b.WithSchedule(new OneShot(0.9))),
        ("gradual", b => b.WithSchedule(new GradualSchedule())),
        ("gradual sparsity", b => b.WithSchedule(new GradualSchedule(new GradualScheduleOptions { FinalSparsity = 0.9 }))),
        ("gradual curve", b => b.WithSchedule(new GradualSchedule(new GradualScheduleOptions { Curve = SparsityCurve.Linear }))),
        ("gradual iterative curve", b => b.WithSchedule(new GradualSchedule(new GradualScheduleOptions { Curve = SparsityCurve.Iterative(4) }))),
        ("gradual reset at end", b => b.WithSchedule(new GradualSchedule(new GradualScheduleOptions { ResetAtEnd = true }))),
        ("gradual layer sparsity", b => b.WithSchedule(new GradualSchedule(new GradualScheduleOptions { LayerSparsities = { ["fc1.weight"] = 0.7 } }))),
        ("rewind", b => b.WithRewind("iteration:500")),
        ("lr rewind", b => b.WithRewind("lr:iteration:500")),
        ("branch", b => b.WithControl(TicketTransforms.RandomReinitialization)),
        ("seed", b => b.WithSeed(1)),
    ];

    [Test]
    public void AGradualScheduleIsDescribedByItsNonDefaultOptions()
    {
        var schedule = new GradualSchedule(new GradualScheduleOptions { Curve = SparsityCurve.Cosine, FinalSparsity = 0.9, ResetAtEnd = true, IgnoredLayers = ["fc3.weight"] });

        var plan = Reference().WithSchedule(schedule).Build();

        Assert.That(plan.Description, Does.Contain(
            "\"schedule\":{\"curve\":\"cosine\",\"finalSparsity\":0.9,\"ignoredLayers\":[\"fc3.weight\"],\"resetAtEnd\":true,\"type\":\"gradual\"}"));
    }

    [Test]
    public void ChangingAnyOptionChangesTheHash()
    {
        var hashes = new Dictionary<string, string> { ["reference"] = Reference().Build().Hash };
        foreach (var (change, apply) in Changes)
        {
            hashes[change] = apply(Reference()).Build().Hash;
        }

        var duplicates = hashes.GroupBy(h => h.Value).Where(g => g.Count() > 1).Select(g => string.Join(" = ", g.Select(h => h.Key))).ToList();
        Assert.That(duplicates, Is.Empty);
    }

    [Test]
    public void TheDefaultOptimizerAndLossByNameLeaveTheHashAndANonDefaultOneIsDescribed()
    {
        var plain = PinnedPlanHashTests.Small("named").Build();
        var named = PinnedPlanHashTests.Small("named").WithOptimizer("sgd").WithLoss("cross_entropy").Build();
        var mse = PinnedPlanHashTests.Small("named").WithOptimizer("adagrad(initialAccumulatorValue=0.1)").WithLoss("mse").Build();

        Assert.That(named.Hash, Is.EqualTo(plain.Hash));
        Assert.That(named.Description, Is.EqualTo(plain.Description));
        Assert.That(mse.Description, Does.Contain("\"initialAccumulatorValue\":0.1,\"loss\":\"MeanSquaredError\",\"optimizer\":\"Adagrad\""));
    }

    [Test]
    public void AParameterOfAUserComponentTakesPartThroughIDescribable()
    {
        var two = Reference().WithCriterion(new TestCriterion(2)).Build();
        var three = Reference().WithCriterion(new TestCriterion(3)).Build();

        Assert.That(two.Hash, Is.Not.EqualTo(three.Hash));
        Assert.That(two.Description, Does.Contain("\"criterion\":{\"name\":\"test\",\"power\":2}"));
    }

    [Test]
    public void InMemoryDataIsIdentifiedByItsContents()
    {
        var a = Reference().WithData(TinyExperiment.Splits).Build();
        var b = Reference().WithData(TinyExperiment.Splits).Build();
        var other = TinyExperiment.Splits with { Test = TinyExperiment.Splits.Validation! };
        var c = Reference().WithData(other).Build();

        Assert.That(a.Hash, Is.EqualTo(b.Hash));
        Assert.That(c.Hash, Is.Not.EqualTo(a.Hash));
    }
}
