using LotteryTickets.Components;
using LotteryTickets.Experiments;
using LotteryTickets.Parts;
using LotteryTickets.Tests.Experiments;
using LotteryTickets.Tests.Support;
using LotteryTickets.Training;

namespace LotteryTickets.Tests.Components;

/// <summary>The parts of docs/extending.md (samples/LotteryTickets.Parts), registered and named from C#.</summary>
public class ExtendingTests
{
    private static ComponentRegistry Parts() => ComponentRegistry.CreateDefault().Add(new PartsModule());

    private static LotteryExperiment Builder(string store) => LotteryExperiment.Create("parts", Parts())
        .WithModel("tiny_mlp(hidden=12)")
        .WithData(TinyExperiment.Splits, "blobs")
        .WithTraining(TinyExperiment.Training)
        .WithOptimizer("nesterov(momentum=0.8)")
        .WithCriterion("magnitude_power(power=3)")
        .WithSchedule("halving(levels=2)")
        .WithRewind("init_until(level=1)")
        .WithControl("negate")
        .StoreIn(store);

    [Test]
    public void AnExperimentOfRegisteredPartsRunsWithEachPartInPlace()
    {
        using var folder = new TemporaryFolder();
        var plan = Builder(folder.Path).Build();

        var result = plan.Run();

        var training = plan.Training;
        Assert.Multiple(() =>
        {
            Assert.That((training.Optimizer, training.Momentum, training.Nesterov), Is.EqualTo((OptimizerKind.Sgd, 0.8, true)));
            Assert.That(result.Runs.Select(r => (r.Key.Level, r.Key.Branch)), Is.EqualTo(new[] { (0, "main"), (1, "main"), (1, "negate"), (2, "main"), (2, "negate") }));
            Assert.That(
                result.Runs.Where(r => r.Key.Branch == "main").Select(r => r.Sparsity!.Layers.Select(l => l.PercentRemaining).ToArray()),
                Is.EqualTo(new[] { new double[] { 100, 100 }, [50, 50], [25, 25] }));
            Assert.That(plan.Criterion.Name, Is.EqualTo("magnitude_power"));
            Assert.That(plan.Rewind.Name, Is.EqualTo("init_until"));
        });
    }

    [Test]
    public void RegisteredPartsAreDescribedByTheirNamesAndNonDefaultOptions()
    {
        var plan = Builder("store").Build();

        Assert.Multiple(() =>
        {
            Assert.That(plan.Description, Does.Contain("\"criterion\":{\"name\":\"magnitude_power\",\"power\":3}"));
            Assert.That(plan.Description, Does.Contain("\"schedule\":{\"levels\":2,\"type\":\"halving\"}"));
            Assert.That(plan.Description, Does.Contain("\"rewind\":{\"name\":\"init_until\"}"));
            Assert.That(plan.Description, Does.Contain("\"model\":{\"hidden\":12,\"name\":\"tiny_mlp\"}"));
            Assert.That(plan.Description, Does.Contain("\"transforms\":[{\"name\":\"negate\"}]"));
            Assert.That(plan.Description, Does.Not.Contain("LotteryTickets.Parts"));
        });
    }

    [Test]
    public void AnOptionChangesTheHashAndAnOptionAtItsDefaultDoesNot()
    {
        string Hash(string criterion) => Builder("store").WithCriterion(criterion).Build().Hash;

        Assert.Multiple(() =>
        {
            Assert.That(Hash("magnitude_power(power=2)"), Is.EqualTo(Hash("magnitude_power")));
            Assert.That(Hash("magnitude_power(power=3)"), Is.Not.EqualTo(Hash("magnitude_power")));
            Assert.That(Hash("magnitude_power_same_sign"), Is.Not.EqualTo(Hash("magnitude_power")));
        });
    }

    [Test]
    public void TheBuiltInRegistryDoesNotKnowAnotherRegistrysParts()
    {
        var e = Assert.Throws<ExperimentValidationException>(() => LotteryExperiment.Create("x")
            .WithModel("lenet300_100").WithData(TinyExperiment.Splits).StoreIn("store")
            .WithCriterion("magnitude_power").WithControl("negate").Build());

        Assert.That(e!.Errors[0], Does.StartWith("The mask criterion 'magnitude_power' is unknown"));
        Assert.That(e.Errors[1], Does.StartWith("The transform 'negate' is unknown"));
    }

    [Test]
    public void AnAssemblyOfPartsRegistersItsModules()
    {
        var parts = ComponentRegistry.CreateDefault();

        var modules = parts.AddParts(typeof(PartsModule).Assembly);

        Assert.That(modules, Is.EqualTo(new[] { typeof(PartsModule).FullName }));
        Assert.That(parts.Transforms.Contains("negate") && parts.Models.Contains("tiny_mlp") && parts.Optimizers.Contains("nesterov"), Is.True);
        Assert.That(() => parts.AddParts(typeof(ExtendingTests).Assembly), Throws.ArgumentException.With.Message.Contains("has no public class that implements 'ILotteryPartsModule'"));
    }
}
