using LotteryTickets.Cli.Tests.Support;
using LotteryTickets.Results;
using LotteryTickets.Storage;
using LotteryTickets.Masks;
using LotteryTickets.Training;

namespace LotteryTickets.Cli.Tests.Commands;

public class ReportCommandTests
{
    private static RunMetrics Metrics(int best, double accuracy) =>
        new(Enumerable.Range(0, 4).Select(k => new EvaluationRecord(100 * k, null, 1.0 + Math.Abs((100 * k) - best) / 100.0, 0.8, 0.5, k * 100 == best ? accuracy : 0.5)));

    private static void WriteStore(string root)
    {
        var layout = new ExperimentLayout(root, "lenet", "ab12");
        foreach (var trial in new[] { 0, 1 })
        {
            foreach (var level in new[] { 0, 1 })
            {
                foreach (var branch in new[] { "main", "reinit" })
                {
                    var run = layout.Run(trial, level, branch);
                    RunResultsWriter.WriteMetrics(run, Metrics(100 * (level + 1), 0.9 - (0.1 * level) + (0.01 * trial) - (branch == "reinit" ? 0.05 : 0)));
                    var remaining = level == 0 ? 100 : 80;
                    RunResultsWriter.WriteSparsity(run, new SparsityReport([new LayerSparsity("fc1.weight", 100, remaining), new LayerSparsity("fc2.weight", 100, remaining)]));
                    RunResultsWriter.MarkDone(run);
                }
            }
        }

        // An unfinished run is left out of the report.
        RunResultsWriter.WriteMetrics(layout.Run(0, 2, "main"), Metrics(100, 0.1));
    }

    [Test]
    public void TheReportPrintsTheMarkdownTableAndWritesTheFiles()
    {
        using var store = new TemporaryFolder();
        WriteStore(store.Path);
        var output = Path.Combine(store.Path, "out");

        var result = Lottery.Run("report", store.Path, "--out", output);

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        var runs = new ResultsCollector().CollectStore(store.Path).Single().Runs;
        var expected = "## lenet (ab12)" + Environment.NewLine + Environment.NewLine + ResultsTable.ToMarkdown(ResultsAggregator.Aggregate(runs));
        Assert.Multiple(() =>
        {
            Assert.That(runs, Has.Count.EqualTo(8));
            Assert.That(result.Stdout, Is.EqualTo(expected));
            Assert.That(result.Stdout, Does.Contain(" 0.9050 ± 0.0071 |").And.Contain("|     1 | main   |      2 |          80 |                      200 ± 0 |"));
            Assert.That(Directory.GetFiles(output).Select(Path.GetFileName).Order(), Is.EqualTo(new[]
            {
                "accuracy-vs-iteration-main.svg", "accuracy-vs-iteration-reinit.svg", "accuracy-vs-remaining.svg",
                "early-stop-vs-remaining.svg", "results.csv", "results.md", "runs.csv",
            }));
            Assert.That(File.ReadAllText(Path.Combine(output, "results.md")), Is.EqualTo(ResultsTable.ToMarkdown(ResultsAggregator.Aggregate(runs))));
            Assert.That(result.Stderr, Does.Contain($"Wrote 7 files for 'lenet' to '{output}'."));
        });
    }

    [Test]
    public void WithoutOutTheFilesGoInsideTheExperimentFolder()
    {
        using var store = new TemporaryFolder();
        WriteStore(store.Path);

        var result = Lottery.Run("report", store.Path);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
            Assert.That(File.Exists(Path.Combine(store.Path, "lenet-ab12", "report", "results.csv")), Is.True);
        });
    }

    [Test]
    public void AMissingStoreIsAFailureThatNamesThePath()
    {
        using var store = new TemporaryFolder();
        var missing = Path.Combine(store.Path, "nope");

        var result = Lottery.Run("report", missing);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Failure));
            Assert.That(result.Stderr, Is.EqualTo($"error: The store folder '{missing}' does not exist; pass the folder that holds the experiment folders, or one experiment folder." + Environment.NewLine));
        });
    }

    [Test]
    public void AStoreWithoutFinishedRunsIsAFailure()
    {
        using var store = new TemporaryFolder();

        var result = Lottery.Run("report", store.Path);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Failure));
            Assert.That(result.Stderr, Does.StartWith($"error: The store folder '{store.Path}' holds no finished runs"));
            Assert.That(result.Stdout, Is.Empty);
        });
    }

    [Test]
    public void ADamagedRunIsAFailureThatNamesTheFile()
    {
        using var store = new TemporaryFolder();
        WriteStore(store.Path);
        var metrics = Path.Combine(store.Path, "lenet-ab12", "trial_0", "level_1", "main", "metrics.json");
        File.WriteAllText(metrics, "{ broken");

        var result = Lottery.Run("report", store.Path);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Failure));
            Assert.That(result.Stderr, Does.StartWith("error: ").And.Contain("metrics.json"));
            Assert.That(result.Stderr, Does.Not.Contain("   at "));
        });
    }
}
