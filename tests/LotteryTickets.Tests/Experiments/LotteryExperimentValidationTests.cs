using LotteryTickets.Experiments;
using LotteryTickets.Pruning;
using LotteryTickets.Tickets;
using LotteryTickets.Initialization;

namespace LotteryTickets.Tests.Experiments;

public class LotteryExperimentValidationTests
{
    [Test]
    public void BuildReportsEveryProblemAtOnceInOneMessage()
    {
        var builder = LotteryExperiment.Create("bad/name")
            .WithData(TinyExperiment.Splits)
            .WithTraining(o => o.LearningRate = -1)
            .WithCriterion("largest_final")
            .WithBranch("main", "random_reinit")
            .WithBranch("shuffled", "reshufle")
            .WithTrials(0);

        var e = Assert.Throws<ExperimentValidationException>(() => builder.Build());

        Assert.That(e!.Message, Is.EqualTo(string.Join(
            Environment.NewLine,
            "The 'LotteryExperiment' is invalid.",
            "- The experiment name 'bad/name' is invalid: it must not be empty, '.' or '..', contain '/', '\\' or control characters, or start or end with white space. Choose a name such as 'lenet-imp'.",
            "- No model is set; call WithModel with a zoo name (e.g. 'lenet300_100') or a named factory.",
            "- Training: 'LearningRate' is -1; it must be a finite number greater than 0.",
            "- The mask criterion 'largest_final' is unknown; the known criteria are 'large_final', 'small_final', 'large_init', 'small_init', 'magnitude_increase', 'movement', 'large_init_large_final', 'small_init_small_final', 'random', each optionally followed by '_same_sign' or '_different_sign'.",
            $"- The transform 'reshufle' is unknown; the known transforms are {string.Join(", ", TicketTransforms.Names.Select(n => $"'{n}'"))}.",
            "- The branch name 'main' is reserved for the ticket itself; give the branch another name.",
            "- 'Trials' is 0; it must be from 1 to 10000.",
            "- No store folder is set; call StoreIn with the folder that receives the experiment's results.")));
        Assert.That(e.Errors, Has.Count.EqualTo(8));
    }

    [Test]
    public void EveryProblemCarriesTheOptionItConcernsInTheBuildersWords()
    {
        var builder = LotteryExperiment.Create("bad/name")
            .WithData(TinyExperiment.Splits)
            .WithTraining(o => { o.LearningRate = -1; o.BatchSize = 0; })
            .WithCriterion("largest_final")
            .WithBranch("main", "random_reinit")
            .WithBranch("shuffled", "reshufle")
            .WithBranch("empty", Array.Empty<string>())
            .WithInstabilityAnalysis(o => { o.Points = 1; o.Levels = [0, 40]; })
            .WithTrials(0);

        var e = Assert.Throws<ExperimentValidationException>(() => builder.Build());

        Assert.That(e!.Problems.Select(p => p.Option), Is.EqualTo(new[]
        {
            "name", "model", "training.BatchSize", "training.LearningRate", "criterion", "branch 'shuffled'", "branch 'main'",
            "branch 'empty'", "trials", "store", "analysis.instability.Points", "analysis.instability.Levels[1]",
        }));
        Assert.That(e.Problems.Select(p => p.Message), Is.EqualTo(e.Errors), "the messages are the sentences of Errors, in order");
        Assert.That(e.Message, Does.StartWith(ExperimentValidationException.Heading + Environment.NewLine + "- The experiment name 'bad/name' is invalid"));
        Assert.That(ExperimentError.BranchOf(e.Problems[5].Option), Is.EqualTo("shuffled"));
        Assert.That(ExperimentError.BranchOf("trials"), Is.Null);
    }

    [Test]
    public void AGradualScheduleBuildsAPlanWithoutLevels()
    {
        var plan = TinyExperiment.Builder("store").WithSchedule(new GradualSchedule()).Build();

        Assert.That(plan.GradualSchedule, Is.Not.Null);
        Assert.That(plan.Levels, Is.Zero);
        Assert.That(plan.Description, Does.Contain("\"schedule\":{\"type\":\"gradual\"}"));
    }

    [Test]
    public void AGradualScheduleWithARewindPolicyAndABranchNamedTicketUnderResetAtEndIsReported()
    {
        var builder = TinyExperiment.Builder("store")
            .WithSchedule(new GradualSchedule(new GradualScheduleOptions { ResetAtEnd = true, StartFraction = 0.1 }))
            .WithRewind("iteration:10")
            .WithControl("random_reinit")
            .WithBranch("ticket", "random_pruning");

        var e = Assert.Throws<ExperimentValidationException>(() => builder.Build());

        Assert.That(e!.Errors, Is.EqualTo(new[]
        {
            "The rewind policy 'iteration:10' does not apply to a gradual schedule, whose 'RewindEpoch' and 'ResetAtEnd' choose the ticket's start weights; remove WithRewind or use a level schedule such as IterativeRates.",
            "The branch name 'ticket' is reserved for the evaluated ticket of a gradual schedule with 'ResetAtEnd'; give the branch another name.",
        }));
    }

    [Test]
    public void DataWithoutAValidationSetAndAnUnknownZooModelAreReported()
    {
        var splits = TinyExperiment.Splits with { Validation = null };
        var builder = LotteryExperiment.Create("x").WithModel("lenet9000").WithData(splits).StoreIn("store");

        var e = Assert.Throws<ExperimentValidationException>(() => builder.Build());

        Assert.That(e!.Errors, Has.Count.EqualTo(2));
        Assert.That(e.Errors[0], Does.StartWith("The model 'lenet9000' is not in the zoo"));
        Assert.That(e.Errors[1], Does.StartWith("The data has no validation set"));
    }

    [Test]
    public void ARewindPointAfterTheEndOfTrainingIsReported()
    {
        var builder = TinyExperiment.Builder("store").WithRewind("iteration:31");

        var e = Assert.Throws<ExperimentValidationException>(() => builder.Build());

        Assert.That(e!.Errors, Is.EqualTo(new[]
        {
            "The rewind point 31it of the policy 'iteration:31' lies after the end of training (30it); choose a point within the training duration.",
        }));
    }

    [Test]
    public void TooManyTrialsAndABranchNamedLikeTheAnalysesFolderAreReportedWithoutAnAnalysis()
    {
        var builder = TinyExperiment.Builder("store").WithBranch("instability", "random_reinit").WithTrials(100_000);

        var e = Assert.Throws<ExperimentValidationException>(() => builder.Build())!;

        Assert.That(e.Errors, Has.Some.EqualTo("'Trials' is 100000; it must be from 1 to 10000."));
        Assert.That(e.Errors, Has.Some.StartsWith("The branch name 'instability' is reserved: it is the name of the analyses' folder inside each level"));
    }

    [Test]
    public void ARewindPointInEpochsAfterTheEndOfARunInIterationsStopsThePlanBeforeAnyFolderIsMade()
    {
        using var folder = new TestSupport.TemporaryFolder();
        var store = Path.Combine(folder.Path, "store");
        var plan = TinyExperiment.Builder(store).WithRewind(LotteryTickets.Rewinding.RewindPolicies.ToEpoch(5)).Build();

        var e = Assert.Throws<InvalidOperationException>(() => plan.Run())!;

        Assert.That(e.Message, Does.StartWith("The rewind point 5ep of the policy"));
        Assert.That(e.Message, Does.Contain("iteration 30); choose a rewind point within the training duration."));
        Assert.That(Directory.Exists(store), Is.False, "nothing was written");
    }

    [Test]
    public void AValidationSetLargerThanTheTrainingSetIsAClearErrorBeforeAnyFolderIsMade()
    {
        using var folder = new TestSupport.TemporaryFolder();
        var store = Path.Combine(folder.Path, "store");
        var plan = TinyExperiment.Builder(store).WithData("fashion-mnist", new Datasets.DatasetLoadOptions { ValidationCount = 100_000 }).Build();

        var e = Assert.Throws<InvalidOperationException>(() => plan.Run())!;

        Assert.That(e.Message, Does.StartWith("The dataset 'fashion-mnist' cannot hold out 100000 validation examples: its training set is smaller."));
        Assert.That(e.Message, Does.Not.Contain("Actual value"));
        Assert.That(Directory.Exists(store), Is.False, "nothing was written");
    }

    [Test]
    public void TrainingOnCudaWhereThereIsNoneIsAClearErrorBeforeAnythingIsWritten()
    {
        if (TorchSharp.torch.cuda.is_available())
        {
            Assert.Ignore("A CUDA device is available here.");
        }

        using var folder = new TestSupport.TemporaryFolder();
        var store = Path.Combine(folder.Path, "store");
        var plan = TinyExperiment.Builder(store).OnDevice(new TorchSharp.torch.Device("cuda")).Build();

        var e = Assert.Throws<InvalidOperationException>(() => plan.Run())!;

        Assert.That(e.Message, Does.StartWith("The experiment trains on 'cuda', but TorchSharp finds no CUDA device here"));
        Assert.That(Directory.Exists(store), Is.False, "nothing was written");
    }

    [Test]
    public void TooManyLevelsAndInstabilityPointsAreReportedAtBuild()
    {
        var builder = TinyExperiment.Builder("store", levels: 1000).WithInstabilityAnalysis(o => o.Points = 100_000_000);

        var e = Assert.Throws<ExperimentValidationException>(() => builder.Build())!;

        Assert.That(e.Errors, Has.Some.StartsWith("The schedule has 1000 levels; give at most 100"));
        Assert.That(e.Errors, Has.Some.StartsWith("Instability analysis: 'Points' is 100000000; give at most 1001"));
    }

    [Test]
    public void ABuilderBuildsOnce()
    {
        var builder = TinyExperiment.Builder("store");
        builder.Build();

        var e = Assert.Throws<InvalidOperationException>(() => builder.Build());

        Assert.That(e!.Message, Is.EqualTo("This 'LotteryExperiment' has already been built; a builder builds one plan. Start another with LotteryExperiment.Create."));
    }

    [Test]
    public void UserTransformsAndCriteriaAreAccepted()
    {
        var plan = TinyExperiment.Builder("store")
            .WithCriterion(new TestCriterion(2))
            .WithBranch("mine", new KeepTicket(), TicketTransforms.RandomPruning)
            .Build();

        Assert.That(plan.Branches.Single().Transforms.Select(t => t.Name), Is.EqualTo(new[] { "keep", "random_pruning" }));
        Assert.That(plan.Criterion.Name, Is.EqualTo("test"));
    }

    private sealed class KeepTicket : ITicketTransform
    {
        public string Name => "keep";

        public Ticket Apply(Ticket ticket, TicketTransformContext context) => ticket.WithWeights(ticket.Weights);
    }
}
