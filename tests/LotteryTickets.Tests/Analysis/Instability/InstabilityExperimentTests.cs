using LotteryTickets.Analysis.Instability;
using LotteryTickets.Experiments;
using LotteryTickets.Tests.Experiments;
using LotteryTickets.Tests.TestSupport;

namespace LotteryTickets.Tests.Analysis.Instability;

public class InstabilityExperimentTests
{
    private static readonly string[] CopyFiles = ["done", "final.safetensors", "metrics.json"];
    private static readonly string[] PathFiles = ["analysis.json", "done", "path.csv", "path.json"];

    /// <summary>The tiny IMP (one level) with a random-pruning control and the analysis at 0it and 10it of main and the control, under the plan's masks.</summary>
    private static LotteryExperiment Builder(string store) => TinyExperiment.Builder(store, levels: 1)
        .WithControl("random_pruning")
        .WithInstabilityAnalysis(o =>
        {
            o.RewindPoints = ["0it", "10it"];
            o.Points = 5;
            o.Branches = ["main", "random_pruning"];
            o.Masks = InstabilityMasks.Plan;
        });

    [Test]
    public void AnExperimentWithTheAnalysisWritesItsFoldersAndItsReport()
    {
        using var folder = new TemporaryFolder();
        var plan = Builder(folder.Path).Build();

        var result = plan.Run();

        var expected = new[] { (0, "main", "0it"), (0, "main", "10it"), (1, "main", "0it"), (1, "main", "10it"), (1, "random_pruning", "0it"), (1, "random_pruning", "10it") };
        Assert.That(result.Instability.Select(r => (r.Level, r.Branch, r.Rewind)), Is.EqualTo(expected));
        var hash = plan.Instability!.EvaluationHash;
        foreach (var (level, branch, rewind) in expected)
        {
            var paths = new InstabilityPaths(plan.Layout, 0, level, branch, rewind, hash);
            Assert.That(Names(paths.Folder, directories: true), Is.EqualTo(new[] { "copy_a", "copy_b", "path-" + hash }), paths.Folder);
            Assert.That(Names(paths.CopyA), Is.EqualTo(CopyFiles));
            Assert.That(Names(paths.CopyB), Is.EqualTo(CopyFiles));
            Assert.That(Names(paths.EvaluationFolder), Is.EqualTo(PathFiles));
            var record = InstabilityRecordJson.Read(paths.AnalysisFile);
            Assert.That((record.Level, record.Branch, record.Rewind, record.Points), Is.EqualTo((level, branch, rewind, 5)));
            Assert.That(record.CopyASeed, Is.Not.EqualTo(record.CopyBSeed));
        }

        Assert.That(File.Exists(Path.Combine(plan.Layout.TrialFolder(0), "instability_rewind", "10it", "state", "checkpoint.json")), Is.True);
        Assert.That(result.Instability.All(r => r.Path.Points.Count == 5 && r.Path.ErrorBarrier >= 0), Is.True);
        Assert.That(result.Instability[2].PercentWeightsRemaining, Is.EqualTo(result.Runs.Single(r => r.Key.Level == 1 && r.Key.Branch == "main").PercentWeightsRemaining));
        foreach (var name in new[] { "instability.md", "instability.csv", "instability_vs_remaining.svg", "instability_path.svg", "instability_path-main-10it.svg", "instability_path-random_pruning-0it.svg" })
        {
            Assert.That(File.Exists(Path.Combine(plan.Folder, name)), name);
        }

        Assert.That(File.ReadAllText(Path.Combine(plan.Folder, "instability.md")), Does.Contain("| random_pruning |"));
        Assert.That(File.ReadAllText(Path.Combine(plan.Folder, "instability_vs_remaining.svg")), Does.Contain("random_pruning, rewind 10it"));
        Assert.That(result.ReportFiles.Select(Path.GetFileName), Does.Contain("instability.csv"));
        Assert.That(ExperimentResult.Load(plan.Folder).Instability.Select(r => r.Path.ErrorBarrier), Is.EqualTo(result.Instability.Select(r => r.Path.ErrorBarrier)));
    }

    [Test]
    public void TheCopiesKeepThePrunedWeightsAtZero()
    {
        using var folder = new TemporaryFolder();
        var plan = Builder(folder.Path).Build();
        plan.Run();

        foreach (var (branch, rewind) in new[] { ("main", "0it"), ("random_pruning", "10it") })
        {
            var mask = TinyExperiment.Load(plan.Layout.Run(0, 1, branch).MaskFile);
            var paths = new InstabilityPaths(plan.Layout, 0, 1, branch, rewind, plan.Instability!.EvaluationHash);
            foreach (var copy in new[] { paths.CopyA, paths.CopyB })
            {
                var final = TinyExperiment.Load(Path.Combine(copy, InstabilityTraining.FinalFileName));
                foreach (var (name, values) in mask)
                {
                    Assert.That(values.Count(v => v == 0), Is.Positive, name);
                    Assert.That(final[name].Where((w, i) => values[i] == 0 && BitConverter.SingleToInt32Bits(w) != 0), Is.Empty, $"{copy} {name}");
                }
            }
        }
    }

    [Test]
    public void TwoIdenticalExperimentsGiveIdenticalAnalyses()
    {
        using var first = new TemporaryFolder();
        using var second = new TemporaryFolder();

        var a = Builder(first.Path).Build().Run();
        var b = Builder(second.Path).Build().Run();

        Assert.That(TinyExperiment.Files(b.Folder), Is.EqualTo(TinyExperiment.Files(a.Folder)));
        Assert.That(b.Instability.Select(r => r.Path.Points), Is.EqualTo(a.Instability.Select(r => r.Path.Points)));
    }

    [Test]
    public void AddingTheAnalysisKeepsThePlanHashAndReusesTheTrainedRuns()
    {
        using var folder = new TemporaryFolder();
        var without = TinyExperiment.Builder(folder.Path, levels: 1).WithControl("random_pruning").Build();
        var before = without.Run();
        var runs = RunFiles(before.Folder);
        var times = runs.Keys.ToDictionary(f => f, f => File.GetLastWriteTimeUtc(Path.Combine(before.Folder, f)));

        var with = Builder(folder.Path).Build();
        var after = with.Run();

        Assert.That(with.Hash, Is.EqualTo(without.Hash));
        Assert.That(with.Description, Is.EqualTo(without.Description));
        Assert.That(after.Folder, Is.EqualTo(before.Folder));
        Assert.That(RunFiles(after.Folder), Is.EqualTo(runs));
        Assert.That(runs.Keys.Select(f => File.GetLastWriteTimeUtc(Path.Combine(after.Folder, f))), Is.EqualTo(times.Values));
        Assert.That(after.Instability, Has.Count.EqualTo(6));
        Assert.That(after.Runs.Select(r => r.Summarize()), Is.EqualTo(before.Runs.Select(r => r.Summarize())));
    }

    [TestCase(1, "instability/main-0it/copy_a", 15)]
    [TestCase(1, "instability/random_pruning-10it/copy_b", 21)]
    [TestCase(0, "instability_rewind/10it", 5)]
    public void CancellingMidAnalysisAndRunningAgainGivesTheFilesOfAnUninterruptedRun(int level, string branch, long iteration)
    {
        using var uninterrupted = new TemporaryFolder();
        using var interrupted = new TemporaryFolder();
        var expected = Builder(uninterrupted.Path).Build().Run();

        using var cancellation = new CancellationTokenSource();
        var stopping = Builder(interrupted.Path).WithProgress(new CancelAt(cancellation, level, branch, iteration)).Build();
        Assert.Throws<OperationCanceledException>(() => stopping.Run(cancellation.Token));
        Assert.That(File.Exists(Path.Combine(stopping.Folder, "instability.md")), Is.False);
        var actual = Builder(interrupted.Path).Build().Run();

        Assert.That(TinyExperiment.Files(actual.Folder), Is.EqualTo(TinyExperiment.Files(expected.Folder)));
    }

    [Test]
    public void TheDenseStateAtARewindPointIsThePlansOwnRewindPoint()
    {
        using var folder = new TemporaryFolder();
        var plan = TinyExperiment.Builder(folder.Path, levels: 1)
            .WithRewind("iteration:10")
            .WithInstabilityAnalysis(o => { o.RewindPoints = ["10it"]; o.Levels = [1]; o.Points = 3; o.Masks = InstabilityMasks.Plan; })
            .Build();

        var result = plan.Run();

        var own = TinyExperiment.Files(Path.Combine(plan.Layout.TrialFolder(0), "rewind_point"));
        var analysis = TinyExperiment.Files(InstabilityPaths.RewindStateFolder(plan.Layout, 0, "10it"));
        Assert.That(own.Keys, Is.Not.Empty);
        Assert.That(analysis, Is.EqualTo(own));
        Assert.That(result.Instability.Select(r => (r.Level, r.Rewind)), Is.EqualTo(new[] { (1, "10it") }));
    }

    [Test]
    public void BuildListsEveryProblemOfTheAnalysis()
    {
        using var folder = new TemporaryFolder();
        var builder = TinyExperiment.Builder(folder.Path, levels: 2).WithInstabilityAnalysis(o =>
        {
            o.RewindPoints = ["0it", "abc", "40it", "0ep"];
            o.Points = 1;
            o.Levels = [3];
            o.Branches = ["main", "random_pruning"];
        });

        var error = Assert.Throws<ExperimentValidationException>(() => builder.Build());

        Assert.That(error!.Message, Does.Contain("The rewind point 'abc' is not a duration"));
        Assert.That(error.Message, Does.Contain("The rewind point '0ep' is given twice (as '0it')"));
        Assert.That(error.Message, Does.Contain("'Points' is 1"));
        Assert.That(error.Message, Does.Contain("the level 3 is beyond the plan's last level (2)"));
        Assert.That(error.Message, Does.Contain("the branch 'random_pruning' is not a branch of the plan"));
        Assert.That(error.Message, Does.Contain("the rewind point '40it' lies after the end of training (30it)"));
    }

    private static string[] Names(string folder, bool directories = false) =>
        [.. (directories ? Directory.EnumerateDirectories(folder) : Directory.EnumerateFiles(folder)).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];

    /// <summary>The files of the experiment's runs (trial_t/level_l/branch/), not the analyses' or the report's.</summary>
    private static SortedDictionary<string, byte[]> RunFiles(string experimentFolder) => new(
        TinyExperiment.Files(experimentFolder)
            .Where(f => f.Key.Split(Path.DirectorySeparatorChar) is [_, var level, var branch, ..] && level.StartsWith("level_", StringComparison.Ordinal) && branch != "instability")
            .ToDictionary(),
        StringComparer.Ordinal);

    private sealed class CancelAt(CancellationTokenSource source, int level, string branch, long iteration) : IProgress<ExperimentProgress>
    {
        public void Report(ExperimentProgress value)
        {
            if (value.Level == level && value.Branch == branch && value.Iteration == iteration)
            {
                source.Cancel();
            }
        }
    }
}
