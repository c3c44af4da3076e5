using LotteryTickets.Experiments;
using LotteryTickets.Results;
using LotteryTickets.Storage;
using LotteryTickets.Tests.TestSupport;

namespace LotteryTickets.Tests.Experiments;

public class ExperimentRunTests
{
    private static readonly string[] RunFiles =
        ["done", "final.safetensors", "mask.safetensors", "metrics.csv", "metrics.json", "sparsity.json", "start.safetensors"];

    [Test]
    public void AThreeLevelImpWithAReinitBranchFillsTheStoreAndReports()
    {
        using var folder = new TemporaryFolder();
        var plan = TinyExperiment.Builder(folder.Path).WithControl("random_reinit").Build();

        var result = plan.Run();

        Assert.That(plan.Folder, Is.EqualTo(Path.Combine(folder.Path, "tiny-" + plan.Hash)));
        Assert.That(File.ReadAllText(Path.Combine(plan.Folder, "plan.json")), Is.EqualTo(plan.Description + "\n"));
        var expectedRuns = new[] { (0, "main"), (1, "main"), (1, "random_reinit"), (2, "main"), (2, "random_reinit") };
        foreach (var (level, branch) in expectedRuns)
        {
            var run = plan.Layout.Run(0, level, branch);
            Assert.That(Directory.EnumerateFileSystemEntries(run.Folder).Select(Path.GetFileName).Order(StringComparer.Ordinal), Is.EqualTo(RunFiles), run.Folder);
        }

        Assert.That(result.Runs.Select(r => (r.Key.Level, r.Key.Branch)), Is.EqualTo(expectedRuns));
        foreach (var name in new[] { "results.md", "results.csv", "runs.csv", "accuracy-vs-remaining.svg", "early-stop-vs-remaining.svg", "accuracy-vs-iteration-main.svg", "accuracy-vs-iteration-random_reinit.svg" })
        {
            Assert.That(File.Exists(Path.Combine(plan.Folder, name)), name);
        }

        Assert.That(result.ToMarkdownTable(), Does.Contain("| random_reinit |"));
        Assert.That(result.Aggregate(), Has.Count.EqualTo(5));
    }

    [Test]
    public void EachLevelKeepsTheScheduledShareOfEveryLayer()
    {
        using var folder = new TemporaryFolder();
        var plan = TinyExperiment.Builder(folder.Path).Build();

        var result = plan.Run();

        var expected = new Dictionary<int, double[]>
        {
            [0] = [100, 100, 100],
            [1] = [80, 80, 90],
            [2] = [64, 64, 80],
        };
        foreach (var run in result.Runs)
        {
            Assert.That(run.Sparsity!.Layers.Select(l => l.PercentRemaining), Is.EqualTo(expected[run.Key.Level]), $"level {run.Key.Level}");
        }

        Assert.That(result.Runs.Select(r => r.PercentWeightsRemaining), Is.EqualTo(new[] { 100, 100.0 * 1752 / 2180, 100.0 * 1408 / 2180 }).Within(1e-9));
    }

    [Test]
    public void MasksOnlyLoseWeightsFromLevelToLevel()
    {
        using var folder = new TemporaryFolder();
        var plan = TinyExperiment.Builder(folder.Path, levels: 3).Build();

        plan.Run();

        for (var level = 1; level <= 3; level++)
        {
            var before = TinyExperiment.Load(plan.Layout.Run(0, level - 1).MaskFile);
            var after = TinyExperiment.Load(plan.Layout.Run(0, level).MaskFile);
            foreach (var (name, values) in after)
            {
                var revived = values.Where((v, i) => v == 1 && before[name][i] == 0).Count();
                var lost = values.Where((v, i) => v == 0 && before[name][i] == 1).Count();
                Assert.That(revived, Is.Zero, $"{name} at level {level}");
                Assert.That(lost, Is.Positive, $"{name} at level {level}");
            }
        }
    }

    [Test]
    public void TheReinitBranchTrainsTheTicketsMaskFromOtherWeights()
    {
        using var folder = new TemporaryFolder();
        var plan = TinyExperiment.Builder(folder.Path, levels: 1).WithControl("random_reinit").Build();

        plan.Run();

        var main = plan.Layout.Run(0, 1);
        var reinit = plan.Layout.Run(0, 1, "random_reinit");
        Assert.That(File.ReadAllBytes(reinit.MaskFile), Is.EqualTo(File.ReadAllBytes(main.MaskFile)));
        var mainStart = TinyExperiment.Load(main.StartFile);
        var reinitStart = TinyExperiment.Load(reinit.StartFile);
        var mask = TinyExperiment.Load(main.MaskFile);
        Assert.That(reinitStart["fc1.weight"], Is.Not.EqualTo(mainStart["fc1.weight"]));
        Assert.That(reinitStart["fc1.weight"].Where((v, i) => mask["fc1.weight"][i] == 0 && v != 0), Is.Empty);
    }

    [Test]
    public void RunningAgainReadsFinishedRunsWithoutTrainingThem()
    {
        using var folder = new TemporaryFolder();
        var first = TinyExperiment.Builder(folder.Path, levels: 1).Build().Run();
        var final = Path.Combine(first.Folder, "trial_0", "level_1", "main", "final.safetensors");
        var written = File.GetLastWriteTimeUtc(final);
        var before = TinyExperiment.Files(first.Folder);

        var second = TinyExperiment.Builder(folder.Path, levels: 1).Build().Run();

        Assert.That(File.GetLastWriteTimeUtc(final), Is.EqualTo(written));
        Assert.That(TinyExperiment.Files(second.Folder), Is.EqualTo(before));
        Assert.That(second.Runs.Select(r => r.Summarize()), Is.EqualTo(first.Runs.Select(r => r.Summarize())));
    }

    [Test]
    public void AddingTrialsReusesTheFolderAndKeepsTheFirstTrial()
    {
        using var folder = new TemporaryFolder();
        var one = TinyExperiment.Builder(folder.Path, levels: 1).Build().Run();
        var trial0 = TinyExperiment.Files(Path.Combine(one.Folder, "trial_0"));

        var two = TinyExperiment.Builder(folder.Path, levels: 1).WithTrials(2).Build().Run();

        Assert.That(two.Folder, Is.EqualTo(one.Folder));
        Assert.That(TinyExperiment.Files(Path.Combine(two.Folder, "trial_0")), Is.EqualTo(trial0));
        Assert.That(two.Runs.Select(r => r.Key.Trial).Distinct(), Is.EqualTo(new[] { 0, 1 }));
        Assert.That(
            File.ReadAllBytes(two.Layout().Run(1, 0).StartFile),
            Is.Not.EqualTo(File.ReadAllBytes(two.Layout().Run(0, 0).StartFile)));
        Assert.That(two.Aggregate().First().Trials, Is.EqualTo(new[] { 0, 1 }));
    }

    [Test]
    public void TheResultCanBeLoadedFromTheStore()
    {
        using var folder = new TemporaryFolder();
        var result = TinyExperiment.Builder(folder.Path, levels: 1).Build().Run();

        var loaded = ExperimentResult.Load(result.Folder);

        Assert.That(loaded.Hash, Is.EqualTo(result.Hash));
        Assert.That(loaded.Runs.Select(r => r.Summarize()), Is.EqualTo(result.Runs.Select(r => r.Summarize())));
    }
}

internal static class ExperimentResultLayout
{
    public static ExperimentLayout Layout(this ExperimentResult result) =>
        new(Path.GetDirectoryName(result.Folder)!, result.Name, result.Hash);
}

public class ExperimentMemoryTests
{
    /// <remarks>
    /// TorchSharp's live-tensor count (<c>Tensor.TotalCount</c>) rises by one for every <c>Parameter</c> created and stays
    /// up when the parameter is disposed (the constructor takes over its data tensor's handle without counting that
    /// tensor as released), so the test counts the models the run builds and expects exactly their parameters on top.
    /// </remarks>
    [Test]
    public void RunningAnExperimentLeavesNoLiveTensors()
    {
        using var folder = new TemporaryFolder();
        var models = 0;
        var plan = TinyExperiment.Builder(folder.Path, levels: 1)
            .WithModel("tiny-mlp", g =>
            {
                models++;
                return TinyExperiment.CreateModel(g);
            })
            .WithRewind("iteration:10").WithControl("random_reinit").WithControl("random_pruning").Build();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = LotteryTickets.Native.Engine.LiveTensorCount;

        plan.Run();

        Assert.That(models, Is.GreaterThan(0));
        Assert.That(LotteryTickets.Native.Engine.LiveTensorCount - before, Is.EqualTo(models * TinyExperiment.ParameterCount));
    }
}
