using LotteryTickets.Experiments;
using LotteryTickets.Initialization;
using LotteryTickets.Pruning;
using LotteryTickets.Rewinding;
using LotteryTickets.Tickets;
using LotteryTickets.Training;

namespace LotteryTickets.Tests.Experiments;

/// <summary>
/// The hashes of existing experiments, pinned: the demo's plan, transform experiments and a gradual schedule. A change
/// here moves an existing experiment's store folder, so its finished runs would be trained again.
/// </summary>
public class PinnedPlanHashTests
{
    /// <summary>The plan of samples/LotteryTickets.Demo (its progress and store folder are not part of the hash).</summary>
    internal static LotteryExperiment Demo() => LotteryExperiment.Create("lenet-fashion-imp")
        .WithModel("lenet300_100")
        .WithData("fashion-mnist")
        .WithTraining(o =>
        {
            o.Duration = TrainingDuration.Iterations(2500);
            o.BatchSize = 60;
            o.Optimizer = OptimizerKind.Adam;
            o.LearningRate = 1.2e-3;
            o.EvaluationInterval = TrainingDuration.Iterations(250);
        })
        .WithSchedule(new IterativeRates(new IterativeRatesOptions { Levels = 7, Rate = 0.2, OutputRate = 0.1 }))
        .WithRewind(RewindPolicies.ToInitialization)
        .WithControl("random_reinit")
        .StoreIn("store");

    internal static LotteryExperiment Small(string name) => LotteryExperiment.Create(name)
        .WithModel("lenet300_100")
        .WithData("mnist")
        .WithTraining(o => o.Duration = TrainingDuration.Epochs(2))
        .StoreIn("store");

    [Test]
    public void TheDemoPlanKeepsItsHash()
    {
        Assert.That(Demo().Build().Hash, Is.EqualTo("86edcd0c378945a8"));
    }

    [Test]
    public void ATransformExperimentKeepsItsHash()
    {
        var plan = Small("deconstructing")
            .WithRewind("lr:epoch:1")
            .WithBranch("sc_freeze", TicketTransforms.SignedConstant, TicketTransforms.FreezeInit)
            .WithBranch("sr", RandomTicket.SmartRatio(new SmartRatioOptions { Residual = true }))
            .Build();

        Assert.That(plan.Hash, Is.EqualTo("91f8a8839fae6cd8"));
    }

    [Test]
    public void AGradualPlanKeepsItsHash()
    {
        var plan = Small("gradual")
            .WithCriterion("magnitude_increase_same_sign")
            .WithSchedule(new GradualSchedule(new GradualScheduleOptions { Curve = SparsityCurve.Iterative(4), FinalSparsity = 0.8, ResetAtEnd = true, RewindEpoch = 1 }))
            .Build();

        Assert.That(plan.Hash, Is.EqualTo("c1533f316c3efb63"));
    }
}
