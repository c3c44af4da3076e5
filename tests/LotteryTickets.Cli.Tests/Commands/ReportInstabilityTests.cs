using LotteryTickets.Analysis.Instability;
using LotteryTickets.Cli.Tests.Support;
using LotteryTickets.Results;
using LotteryTickets.Storage;
using LotteryTickets.Masks;
using LotteryTickets.Training;

namespace LotteryTickets.Cli.Tests.Commands;

public class ReportInstabilityTests
{
    private static void WriteStore(string root)
    {
        var layout = new ExperimentLayout(root, "lenet", "ab12");
        foreach (var level in new[] { 0, 1 })
        {
            var run = layout.Run(0, level);
            RunResultsWriter.WriteMetrics(run, new RunMetrics([new EvaluationRecord(0, null, 1.0, 0.5, 1.0, 0.5), new EvaluationRecord(100, null, 0.5, 0.8, 0.5, 0.8)]));
            var remaining = level == 0 ? 100 : 80;
            RunResultsWriter.WriteSparsity(run, new SparsityReport([new LayerSparsity("fc1.weight", 100, remaining)]));
            RunResultsWriter.MarkDone(run);
            foreach (var rewind in new[] { "0it", "100it" })
            {
                var paths = new InstabilityPaths(layout, 0, level, "main", rewind, "0123456789abcdef");
                Directory.CreateDirectory(paths.EvaluationFolder);
                var path = new InterpolationPath([new(0, 0.5, 0.2), new(0.5, 0.9, 0.3 + (0.1 * level)), new(1, 0.5, 0.2)]);
                InstabilityRecordJson.Save(new InstabilityRecord(0, level, "main", rewind, remaining, 3, 10, false, 1, 2), paths.AnalysisFile);
                InterpolationPathJson.Save(path, paths.PathJsonFile);
                File.WriteAllText(paths.DoneMarker, string.Empty);
            }
        }

        // An unfinished analysis is left out of the report.
        Directory.CreateDirectory(new InstabilityPaths(layout, 0, 1, "main", "500it", "0123456789abcdef").EvaluationFolder);
    }

    [Test]
    public void TheReportOfAStoreWithAnalysesHasTheirTableAndFigures()
    {
        using var store = new TemporaryFolder();
        WriteStore(store.Path);
        var output = Path.Combine(store.Path, "out");

        var result = Lottery.Run("report", store.Path, "--out", output);

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        var files = Directory.GetFiles(output).Select(Path.GetFileName).ToList();
        Assert.That(files, Is.SupersetOf(new[] { "instability.md", "instability.csv", "instability_vs_remaining.svg", "instability_path.svg", "instability_path-main-100it.svg", "instability_trials.md", "instability_trials.csv", "results.md" }));
        var markdown = File.ReadAllText(Path.Combine(output, "instability.md"));
        Assert.That(result.Stdout, Does.Contain("### Instability").And.Contain(markdown));
        Assert.That(markdown.Split('\n'), Has.Length.EqualTo(7), "header, rule, four rows, final newline");
        Assert.That(markdown, Does.Contain("|     1 |          80 | 100it  |      1 |                          20.00 |"));
        Assert.That(result.Stderr, Does.Contain("Wrote 13 files for 'lenet'"));
    }
}
