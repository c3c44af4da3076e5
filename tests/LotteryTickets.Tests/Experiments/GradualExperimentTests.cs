using LotteryTickets.Experiments;
using LotteryTickets.Masks;
using LotteryTickets.Pruning;
using LotteryTickets.Tests.TestSupport;
using TorchSharp;
using static TorchSharp.torch;

namespace LotteryTickets.Tests.Experiments;

public class GradualExperimentTests
{
    private static readonly string[] RunFiles =
        ["done", "final.safetensors", "mask.safetensors", "metrics.csv", "metrics.json", "sparsity.json", "start.safetensors"];

    /// <summary>AGP to 80% over the first half of the 30 iterations, pruning every 3 iterations.</summary>
    private static GradualSchedule Agp(bool resetAtEnd = false) => new(new GradualScheduleOptions
    {
        FinalSparsity = 0.8,
        EndFraction = 0.5,
        PruneEvery = 3,
        StartFraction = resetAtEnd ? 0.1 : 0,
        ResetAtEnd = resetAtEnd,
    });

    private static LotteryExperiment Builder(string store, bool resetAtEnd = false) =>
        TinyExperiment.Builder(store).WithSchedule(Agp(resetAtEnd));

    [Test]
    public void AGradualAgpPlanTrainsOneRunPerTrialWhoseFinalMaskHitsTheTargetSparsity()
    {
        using var folder = new TemporaryFolder();
        var plan = Builder(folder.Path).WithTrials(2).Build();

        var result = plan.Run();

        Assert.That(plan.Levels, Is.Zero);
        Assert.That(result.Runs.Select(r => (r.Key.Trial, r.Key.Level, r.Key.Branch)), Is.EqualTo(new[] { (0, 0, "main"), (1, 0, "main") }));
        using var scope = torch.NewDisposeScope();
        foreach (var trial in new[] { 0, 1 })
        {
            using var mask = Mask.Load(plan.Layout.Run(trial, 0).MaskFile);
            foreach (var layer in mask.Sparsity().Layers)
            {
                Assert.That(layer.Remaining, Is.EqualTo(layer.Total - (long)Math.Round(0.8 * layer.Total)), layer.Name);
            }

            var record = result.Runs.Single(r => r.Key.Trial == trial);
            Assert.That(record.Sparsity!.FractionRemaining, Is.EqualTo(0.2).Within(0.01));
            Assert.That(record.Metrics.Evaluations[^1].Iteration, Is.EqualTo(30));
        }

        var final = TinyExperiment.Load(plan.Layout.Run(0, 0).FinalFile);
        var start = TinyExperiment.Load(plan.Layout.Run(0, 0).StartFile);
        var keptMask = TinyExperiment.Load(plan.Layout.Run(0, 0).MaskFile)["fc1.weight"];
        Assert.That(final["fc1.weight"].Where((_, i) => keptMask[i] == 0), Is.All.Zero);
        Assert.That(start["fc1.weight"].Where((_, i) => keptMask[i] == 0), Is.All.Zero);
        Assert.That(start["fc1.weight"], Is.Not.EqualTo(final["fc1.weight"]));
        Assert.That(TinyExperiment.Load(plan.Layout.Run(1, 0).MaskFile)["fc1.weight"], Is.Not.EqualTo(keptMask));
    }

    [Test]
    public void TheStoreHoldsTheRunAtLevelZeroWithItsFilesAndNoCheckpoint()
    {
        using var folder = new TemporaryFolder();
        var plan = Builder(folder.Path).Build();

        plan.Run();

        var trialFolder = Path.Combine(plan.Folder, "trial_0");
        Assert.That(Directory.EnumerateDirectories(trialFolder).Select(Path.GetFileName), Is.EqualTo(new[] { "level_0" }));
        Assert.That(Directory.EnumerateDirectories(Path.Combine(trialFolder, "level_0")).Select(Path.GetFileName), Is.EqualTo(new[] { "main" }));
        var run = plan.Layout.Run(0, 0);
        Assert.That(Directory.EnumerateFileSystemEntries(run.Folder).Select(Path.GetFileName).Order(StringComparer.Ordinal), Is.EqualTo(RunFiles));
        Assert.That(File.ReadAllText(Path.Combine(plan.Folder, "plan.json")), Does.Contain("\"schedule\":{\"endFraction\":0.5,\"finalSparsity\":0.8,\"pruneEvery\":3,\"type\":\"gradual\"}"));
        Assert.That(File.Exists(Path.Combine(plan.Folder, "results.md")), Is.True);
    }

    [Test]
    public void UnderResetAtEndTheTicketIsEvaluatedUntrainedAsTheTicketBranch()
    {
        using var folder = new TemporaryFolder();
        var plan = Builder(folder.Path, resetAtEnd: true).Build();

        var result = plan.Run();

        Assert.That(result.Runs.Select(r => (r.Key.Level, r.Key.Branch)), Is.EqualTo(new[] { (0, "main"), (0, "ticket") }));
        var main = plan.Layout.Run(0, 0);
        var ticket = plan.Layout.Run(0, 0, ExperimentPlan.TicketBranch);
        Assert.That(Directory.EnumerateFileSystemEntries(ticket.Folder).Select(Path.GetFileName).Order(StringComparer.Ordinal), Is.EqualTo(RunFiles));
        Assert.That(File.ReadAllBytes(ticket.MaskFile), Is.EqualTo(File.ReadAllBytes(main.MaskFile)));
        Assert.That(TinyExperiment.Load(ticket.StartFile), Is.EqualTo(TinyExperiment.Load(main.StartFile)));
        Assert.That(TinyExperiment.Load(ticket.FinalFile), Is.EqualTo(TinyExperiment.Load(main.StartFile)));
        Assert.That(TinyExperiment.Load(main.FinalFile)["fc1.weight"], Is.Not.EqualTo(TinyExperiment.Load(main.StartFile)["fc1.weight"]));

        var trained = result.Runs.Single(r => r.Key.Branch == "main").Metrics;
        var untrained = result.Runs.Single(r => r.Key.Branch == "ticket").Metrics;
        Assert.That(untrained.Evaluations.Select(e => e.Iteration), Is.EqualTo(new[] { 0 }));
        Assert.That(trained.Evaluations[^1].Iteration, Is.EqualTo(30));
        Assert.That(untrained.Evaluations[0].TestLoss, Is.Not.EqualTo(trained.Evaluations[^1].TestLoss));

        // The start weights are the initialization (rewind epoch 0) under the final mask.
        using var scope = torch.NewDisposeScope();
        using var model = TinyExperiment.CreateModel(new Generator(new TrialSeeds(plan.Seed, 0).Init));
        var mask = TinyExperiment.Load(main.MaskFile)["fc2.weight"];
        var initial = model.state_dict()["fc2.weight"].data<float>().ToArray();
        Assert.That(TinyExperiment.Load(main.StartFile)["fc2.weight"], Is.EqualTo(initial.Select((w, i) => mask[i] == 0 ? 0f : w).ToArray()));
    }

    [Test]
    public void ABranchOfAGradualPlanTrainsTheFoundTicketTransformedWithTheMaskFixed()
    {
        using var folder = new TemporaryFolder();
        var plan = Builder(folder.Path).WithControl("random_reinit").Build();

        var result = plan.Run();

        Assert.That(result.Runs.Select(r => (r.Key.Level, r.Key.Branch)), Is.EqualTo(new[] { (0, "main"), (0, "random_reinit") }));
        var main = plan.Layout.Run(0, 0);
        var branch = plan.Layout.Run(0, 0, "random_reinit");
        Assert.That(Directory.EnumerateFileSystemEntries(branch.Folder).Select(Path.GetFileName).Order(StringComparer.Ordinal), Is.EqualTo(RunFiles));
        Assert.That(File.ReadAllBytes(branch.MaskFile), Is.EqualTo(File.ReadAllBytes(main.MaskFile)));
        var mask = TinyExperiment.Load(main.MaskFile)["fc1.weight"];
        var ticketStart = TinyExperiment.Load(main.StartFile)["fc1.weight"];
        var branchStart = TinyExperiment.Load(branch.StartFile)["fc1.weight"];
        var branchFinal = TinyExperiment.Load(branch.FinalFile)["fc1.weight"];
        Assert.That(branchStart, Is.Not.EqualTo(ticketStart), "random_reinit starts from other weights");
        Assert.That(branchStart.Where((_, i) => mask[i] == 0), Is.All.Zero);
        Assert.That(branchFinal.Where((_, i) => mask[i] == 0), Is.All.Zero, "the mask stays fixed through training");
        Assert.That(branchFinal, Is.Not.EqualTo(branchStart));
        var metrics = result.Runs.Single(r => r.Key.Branch == "random_reinit");
        Assert.That(metrics.Metrics.Evaluations[^1].Iteration, Is.EqualTo(30));
        Assert.That(metrics.Sparsity!.FractionRemaining, Is.EqualTo(0.2).Within(0.01));
    }

    [Test]
    public void AMaskZeroBranchOfAGradualPlanFreezesPrunedWeightsAtTheirInitialValues()
    {
        using var folder = new TemporaryFolder();
        var plan = Builder(folder.Path).WithControl("freeze_init").Build();

        plan.Run();

        var mask = TinyExperiment.Load(plan.Layout.Run(0, 0).MaskFile)["fc1.weight"];
        var branch = plan.Layout.Run(0, 0, "freeze_init");
        using var scope = torch.NewDisposeScope();
        using var model = TinyExperiment.CreateModel(new Generator(new TrialSeeds(plan.Seed, 0).Init));
        var initial = model.state_dict()["fc1.weight"].data<float>().ToArray();
        var pruned = Enumerable.Range(0, mask.Length).Where(i => mask[i] == 0).ToArray();
        Assert.That(pruned, Is.Not.Empty);
        Assert.That(pruned.Select(i => initial[i]), Has.Some.Not.EqualTo(0f));
        Assert.That(pruned.Select(i => TinyExperiment.Load(branch.StartFile)["fc1.weight"][i]), Is.EqualTo(pruned.Select(i => initial[i])));
        Assert.That(pruned.Select(i => TinyExperiment.Load(branch.FinalFile)["fc1.weight"][i]), Is.EqualTo(pruned.Select(i => initial[i])));
    }

    [Test]
    public void RunningAGradualPlanAgainChangesNothing()
    {
        using var folder = new TemporaryFolder();
        var first = Builder(folder.Path, resetAtEnd: true).Build().Run();
        var before = TinyExperiment.Files(first.Folder);

        var second = Builder(folder.Path, resetAtEnd: true).Build().Run();

        Assert.That(second.Folder, Is.EqualTo(first.Folder));
        Assert.That(TinyExperiment.Files(second.Folder), Is.EqualTo(before));
    }

    [TestCase(false, 5)]
    [TestCase(false, 10)]
    [TestCase(false, 17)]
    [TestCase(true, 4)]
    [TestCase(true, 20)]
    [TestCase(true, 30)]
    public void CancellingAGradualRunAndRunningAgainGivesTheStoreOfAnUninterruptedRun(bool resetAtEnd, long iteration)
    {
        using var uninterrupted = new TemporaryFolder();
        using var interrupted = new TemporaryFolder();
        var expected = Builder(uninterrupted.Path, resetAtEnd).Build().Run();

        using var cancellation = new CancellationTokenSource();
        var stopping = Builder(interrupted.Path, resetAtEnd).WithProgress(new CancelAt(cancellation, iteration)).Build();
        Assert.Throws<OperationCanceledException>(() => stopping.Run(cancellation.Token));
        Assert.That(stopping.Layout.Run(0, 0).IsDone, Is.False);
        var actual = Builder(interrupted.Path, resetAtEnd).Build().Run();

        Assert.That(TinyExperiment.Files(actual.Folder), Is.EqualTo(TinyExperiment.Files(expected.Folder)));
        Assert.That(actual.Runs, Has.Count.EqualTo(resetAtEnd ? 2 : 1));
    }

    private sealed class CancelAt(CancellationTokenSource source, long iteration) : IProgress<ExperimentProgress>
    {
        public void Report(ExperimentProgress value)
        {
            if (value.Level == 0 && value.Branch == "main" && value.Iteration == iteration)
            {
                source.Cancel();
            }
        }
    }
}
