using LotteryTickets.Results;
using LotteryTickets.Storage;
using LotteryTickets.Tests.TestSupport;

namespace LotteryTickets.Tests.Storage;

public class ResultsCollectorTests
{
    private static RunPaths WriteRun(ExperimentLayout layout, int trial, int level, string branch, bool done = true)
    {
        var run = layout.Run(trial, level, branch);
        RunResultsWriter.WriteMetrics(run, SampleResults.Metrics(100 * (level + 1), 0.9 + (0.01 * trial), 0.88));
        RunResultsWriter.WriteSparsity(run, SampleResults.Sparsity(Math.Pow(0.8, level)));
        if (done)
        {
            RunResultsWriter.MarkDone(run);
        }

        return run;
    }

    [Test]
    public void FinishedRunsAreLoadedWithTheirKeysMetricsAndSparsity()
    {
        using var store = new TemporaryFolder();
        var layout = new ExperimentLayout(store.Path, "lenet", "ab12");
        WriteRun(layout, 1, 0, "main");
        WriteRun(layout, 0, 1, "reinit");
        WriteRun(layout, 0, 1, "main");
        WriteRun(layout, 0, 0, "main");

        var runs = new ResultsCollector().CollectExperiment(layout.ExperimentFolder);

        Assert.Multiple(() =>
        {
            Assert.That(runs.Select(r => r.Key), Is.EqualTo(new[] { new RunKey(0, 0, "main"), new RunKey(1, 0, "main"), new RunKey(0, 1, "main"), new RunKey(0, 1, "reinit") }));
            Assert.That(runs[2].PercentWeightsRemaining, Is.EqualTo(80.0));
            Assert.That(runs[2].Sparsity!.Layers.Select(l => l.Name), Is.EqualTo(new[] { "fc1.weight", "fc2.weight" }));
            Assert.That(runs[2].Metrics.EarlyStopIteration, Is.EqualTo(200));
            Assert.That(runs[1].Metrics.TestAccuracyAtEarlyStop, Is.EqualTo(0.91));
            Assert.That(runs[0].Metrics.Evaluations, Is.EqualTo(SampleResults.Metrics(100, 0.9, 0.88).Evaluations));
        });
    }

    [Test]
    public void RunsWithoutTheDoneMarkerAreSkipped()
    {
        using var store = new TemporaryFolder();
        var layout = new ExperimentLayout(store.Path, "lenet", "ab12");
        WriteRun(layout, 0, 0, "main");
        WriteRun(layout, 0, 1, "main", done: false);
        layout.Run(0, 2, "main").EnsureFolder();

        var runs = new ResultsCollector().CollectExperiment(layout.ExperimentFolder);

        Assert.That(runs.Select(r => r.Key), Is.EqualTo(new[] { new RunKey(0, 0, "main") }));
    }

    [Test]
    public void FoldersOutsideTheLayoutAreIgnored()
    {
        using var store = new TemporaryFolder();
        var layout = new ExperimentLayout(store.Path, "lenet", "ab12");
        WriteRun(layout, 0, 0, "main");
        Directory.CreateDirectory(Path.Combine(layout.ExperimentFolder, "plots"));
        Directory.CreateDirectory(Path.Combine(layout.ExperimentFolder, "trial_x", "level_0", "main"));
        Directory.CreateDirectory(Path.Combine(layout.ExperimentFolder, "trial_01", "level_0", "main"));
        Directory.CreateDirectory(Path.Combine(layout.TrialFolder(0), "level_-1", "main"));
        File.WriteAllText(Path.Combine(layout.ExperimentFolder, "plan.json"), "{}");

        var runs = new ResultsCollector().CollectExperiment(layout.ExperimentFolder);

        Assert.That(runs, Has.Count.EqualTo(1));
    }

    [Test]
    public void AStoreRootYieldsEachExperimentWithItsNameAndHash()
    {
        using var store = new TemporaryFolder();
        WriteRun(new ExperimentLayout(store.Path, "lenet-imp", "ab12"), 0, 0, "main");
        WriteRun(new ExperimentLayout(store.Path, "conv2", "cd34"), 0, 0, "main");
        WriteRun(new ExperimentLayout(store.Path, "conv2", "cd34"), 1, 0, "main");
        Directory.CreateDirectory(Path.Combine(store.Path, "not-an-experiment"));

        var experiments = new ResultsCollector().CollectStore(store.Path);

        Assert.Multiple(() =>
        {
            Assert.That(experiments.Select(e => (e.Name, e.Hash, e.Runs.Count)), Is.EqualTo(new[] { ("conv2", "cd34", 2), ("lenet-imp", "ab12", 1) }));
            Assert.That(experiments[1].Folder, Is.EqualTo(Path.Combine(store.Path, "lenet-imp-ab12")));
        });
    }

    [Test]
    public void AnExperimentFolderGivenDirectlyYieldsThatExperiment()
    {
        using var store = new TemporaryFolder();
        var layout = new ExperimentLayout(store.Path, "lenet", "ab12");
        WriteRun(layout, 0, 0, "main");

        var experiments = new ResultsCollector().CollectStore(layout.ExperimentFolder + Path.DirectorySeparatorChar);

        Assert.That(experiments.Select(e => (e.Name, e.Hash, e.Runs.Count)), Is.EqualTo(new[] { ("lenet", "ab12", 1) }));
    }

    [Test]
    public void AFinishedRunMissingItsSparsityReportIsReportedAsDamaged()
    {
        using var store = new TemporaryFolder();
        var layout = new ExperimentLayout(store.Path, "lenet", "ab12");
        var run = WriteRun(layout, 0, 3, "main");
        File.Delete(run.SparsityFile);

        Assert.That(
            () => new ResultsCollector().CollectExperiment(layout.ExperimentFolder),
            Throws.InstanceOf<StoreDamagedException>().With.Message.Contains(
                $"'{run.Folder}': 'sparsity.json' is missing."));
    }

    [Test]
    public void AMissingStoreFolderIsNamed()
    {
        using var store = new TemporaryFolder();
        var missing = Path.Combine(store.Path, "missing");

        Assert.That(
            () => new ResultsCollector().CollectStore(missing),
            Throws.InstanceOf<DirectoryNotFoundException>().With.Message.StartsWith($"The store folder '{missing}' does not exist"));
    }

    [Test]
    public void CollectedRunsFeedTheAggregation()
    {
        using var store = new TemporaryFolder();
        var layout = new ExperimentLayout(store.Path, "lenet", "ab12");
        WriteRun(layout, 0, 0, "main");
        WriteRun(layout, 1, 0, "main");

        var aggregated = ResultsAggregator.Aggregate(new ResultsCollector().CollectExperiment(layout.ExperimentFolder));

        Assert.Multiple(() =>
        {
            Assert.That(aggregated, Has.Count.EqualTo(1));
            Assert.That(aggregated[0].TestAccuracyAtEarlyStop.Mean, Is.EqualTo(0.905).Within(1e-12));
        });
    }
}
