using LotteryTickets.Components;
using LotteryTickets.Criteria;
using LotteryTickets.Experiments;
using LotteryTickets.Initialization;
using LotteryTickets.Pruning;
using LotteryTickets.Rewinding;
using LotteryTickets.Tests.Experiments;
using LotteryTickets.Tickets;
using LotteryTickets.Training;
using static TorchSharp.torch;

namespace LotteryTickets.Tests.Components;

public class ComponentRegistryTests
{
    [Test]
    public void TheDemoPlanNamedInTheGrammarKeepsItsPinnedHash()
    {
        var plan = LotteryExperiment.Create("lenet-fashion-imp")
            .WithModel("lenet300_100")
            .WithData("fashion-mnist")
            .WithTraining(o =>
            {
                o.Duration = TrainingDuration.Iterations(2500);
                o.LearningRate = 1.2e-3;
                o.EvaluationInterval = TrainingDuration.Iterations(250);
            })
            .WithOptimizer("adam")
            .WithSchedule("iterative(levels=7, rate=0.2, outputRate=0.1)")
            .WithRewind("init")
            .WithControl("random_reinit")
            .StoreIn("store")
            .Build();

        Assert.That(plan.Hash, Is.EqualTo(PinnedPlanHashTests.Demo().Build().Hash).And.EqualTo("86edcd0c378945a8"));
    }

    [Test]
    public void TransformsAndRewindPoliciesNamedInTheGrammarKeepThePinnedHash()
    {
        var plan = PinnedPlanHashTests.Small("deconstructing")
            .WithRewind("lr(epoch=1)")
            .WithBranch("sc_freeze", "signed_constant", "freeze_init")
            .WithBranch("sr", "smart_ratio(residual=true)")
            .Build();

        Assert.That(plan.Hash, Is.EqualTo("91f8a8839fae6cd8"));
    }

    [Test]
    public void AGradualScheduleNamedInTheGrammarKeepsThePinnedHash()
    {
        var plan = PinnedPlanHashTests.Small("gradual")
            .WithCriterion("magnitude_increase_same_sign")
            .WithSchedule("gradual(curve=iterative, steps=4, sparsity=0.8, resetEnd=true, rewindEpoch=1)")
            .Build();

        Assert.That(plan.Hash, Is.EqualTo("c1533f316c3efb63"));
    }

    [TestCase("iteration:500", "iteration(k=500)")]
    [TestCase("epoch:1", "epoch(k=1)")]
    [TestCase("lr:iteration:0", "lr")]
    [TestCase("lr:epoch:2", "lr(epoch=2)")]
    [TestCase("none", "none")]
    public void EachRewindFormNamesTheSamePolicyAsTheGrammar(string legacy, string grammar)
    {
        var a = PinnedPlanHashTests.Small("rewind").WithRewind(legacy).Build();
        var b = PinnedPlanHashTests.Small("rewind").WithRewind(grammar).Build();

        Assert.That(b.Hash, Is.EqualTo(a.Hash));
        Assert.That(b.Rewind.Name, Is.EqualTo(a.Rewind.Name));
    }

    [Test]
    public void BuiltInsNamedWithOptionsAreTheSameAsTheInstances()
    {
        var parts = ComponentRegistry.BuiltIn;
        var snip = (SnipPruning)parts.Transforms.Create("snip(samplesPerClass=20, dataVariant=random_labels)");
        var schedule = (IterativeRates)parts.Schedules.Create("iterative(levels=3, rate=0.5, scope=global)");
        var sgd = new TrainingOptions { Momentum = 0.5 };
        parts.Optimizers.Create("sgd(nesterov=true)")(sgd);

        Assert.Multiple(() =>
        {
            Assert.That((snip.Name, snip.SamplesPerClass, snip.DataVariant), Is.EqualTo(("snip_random_labels", 20, ScoringDataVariant.RandomLabels)));
            Assert.That((schedule.Levels, schedule.Rate, schedule.OutputRate, schedule.Scope), Is.EqualTo((3, 0.5, 0.25, PruningScope.Global)));
            Assert.That((sgd.Optimizer, sgd.Momentum, sgd.Nesterov), Is.EqualTo((OptimizerKind.Sgd, 0.5, true)));
            Assert.That(parts.Criteria.Create("large_final_diff_sign").Name, Is.EqualTo(MaskCriteria.DifferentSign(MaskCriteria.LargeFinal).Name));
            Assert.That(parts.Transforms.Create("random_reinit"), Is.SameAs(TicketTransforms.RandomReinitialization));
        });
    }

    [Test]
    public void TheLossesByNameSetTheTrainingLoss()
    {
        var options = new TrainingOptions();
        ComponentRegistry.BuiltIn.Losses.Create("mse")(options);
        Assert.That(options.Loss, Is.EqualTo(LossKind.MeanSquaredError));
        ComponentRegistry.BuiltIn.Losses.Create("cross_entropy")(options);
        Assert.That(options.Loss, Is.EqualTo(LossKind.CrossEntropy));
        Assert.That(ComponentRegistry.BuiltIn.Losses.Names, Is.EqualTo(new[] { "cross_entropy", "mse" }));
    }

    [Test]
    public void RmsPropAndAdagradByNameTakeTheirOptionsAndKeepTheRest()
    {
        var parts = ComponentRegistry.BuiltIn;
        var rmsProp = new TrainingOptions { LearningRate = 0.05, Momentum = 0.3 };
        parts.Optimizers.Create("rmsprop(alpha=0.9, centered=true, epsilon=1e-6, weightDecay=0.001)")(rmsProp);
        var adagrad = new TrainingOptions();
        parts.Optimizers.Create("adagrad(learning_rate=0.01, learningRateDecay=0.1, initialAccumulatorValue=0.2)")(adagrad);

        Assert.Multiple(() =>
        {
            Assert.That(
                (rmsProp.Optimizer, rmsProp.LearningRate, rmsProp.Momentum, rmsProp.Alpha, rmsProp.Centered, rmsProp.Epsilon, rmsProp.WeightDecay),
                Is.EqualTo((OptimizerKind.RmsProp, 0.05, 0.3, 0.9, true, 1e-6, 0.001)));
            Assert.That(
                (adagrad.Optimizer, adagrad.LearningRate, adagrad.LearningRateDecay, adagrad.InitialAccumulatorValue, adagrad.Epsilon),
                Is.EqualTo((OptimizerKind.Adagrad, 0.01, 0.1, 0.2, TrainingOptions.DefaultEpsilon)));
        });
        var errors = new List<string>();
        Assert.That(parts.Optimizers.TryCreate("adagrad(alpha=0.9)", errors), Is.Null);
        Assert.That(errors, Is.EqualTo(new[]
        {
            "The optimizer 'adagrad' has no option 'alpha'; the known options are 'learningRate', 'weightDecay', 'epsilon', 'learningRateDecay', 'initialAccumulatorValue'.",
        }));
    }

    [Test]
    public void EveryProblemOfANameIsReportedByBuildWithWhatToDo()
    {
        var e = Assert.Throws<ExperimentValidationException>(() => PinnedPlanHashTests.Small("bad")
            .WithCriterion("largest")
            .WithRewind("epoch(k=-1)")
            .WithSchedule("iterative(levels=many, speed=2)")
            .WithBranch("b", "freeze_init(rounds=3)", "synflow(rounds=5, Rounds=6)")
            .Build());

        Assert.That(e!.Errors, Is.EqualTo(new[]
        {
            $"The mask criterion 'largest' is unknown; the known criteria are {string.Join(", ", MaskCriteria.Names.Select(n => $"'{n}'"))}, each optionally followed by '_same_sign' or '_different_sign'.",
            "The rewind point 'k' of 'epoch' is -1; give 0 or more.",
            "The option 'levels' of 'iterative' is 'many', which is not a whole number; give e.g. 10.",
            "The schedule 'iterative' has no option 'speed'; the known options are 'rate', 'levels', 'outputRate', 'scope'.",
            "The transform 'freeze_init' takes no options; write 'freeze_init' alone.",
            "The option 'rounds' of 'synflow' is given twice; give it once.",
        }));
    }

    [Test]
    public void TheSharedBuiltInRegistryCannotChangeAndANameIsRegisteredOnce()
    {
        var parts = ComponentRegistry.CreateDefault();
        parts.Criteria.Register("mine", MaskCriteria.LargeFinal);

        Assert.Multiple(() =>
        {
            Assert.That(() => ComponentRegistry.BuiltIn.Criteria.Register("mine", MaskCriteria.LargeFinal), Throws.InvalidOperationException.With.Message.Contains("ComponentRegistry.CreateDefault()"));
            Assert.That(() => parts.Criteria.Register("mine", MaskCriteria.SmallFinal), Throws.ArgumentException.With.Message.EqualTo("The mask criterion 'mine' is already registered; choose another name. (Parameter 'name')"));
            Assert.That(() => parts.Criteria.Register("my score", MaskCriteria.SmallFinal), Throws.ArgumentException.With.Message.StartsWith("The mask criterion name 'my score' is not a name"));
            Assert.That(ComponentRegistry.BuiltIn.Criteria.Contains("mine"), Is.False);
            Assert.That(parts.Criteria.Names, Does.Contain("mine").And.Contain("large_final"));
        });
    }
}
