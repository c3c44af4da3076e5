using System.Text.Json;
using LotteryTickets.Tests.TestSupport;

namespace LotteryTickets.Tests.Experiments;

/// <summary>Trials are not hashed: running a plan with fewer trials than its folder holds never shrinks the folder's report.</summary>
public class FewerTrialsTests
{
    [Test]
    public void RunningWithFewerTrialsKeepsEveryFinishedTrialInTheFoldersReportAndConfiguration()
    {
        using var folder = new TemporaryFolder();
        var more = TinyExperiment.Builder(folder.Path, levels: 1).WithTrials(2).Build().Run();
        var runsCsv = File.ReadAllText(Path.Combine(more.Folder, "runs.csv"));
        var resultsMd = File.ReadAllText(Path.Combine(more.Folder, "results.md"));

        var fewer = TinyExperiment.Builder(folder.Path, levels: 1).WithTrials(1).Build().Run();

        Assert.Multiple(() =>
        {
            Assert.That(fewer.Folder, Is.EqualTo(more.Folder));
            Assert.That(fewer.Runs.Select(r => r.Key.Trial).Distinct(), Is.EqualTo(new[] { 0 }), "the result holds the plan's trials");
            Assert.That(fewer.FinishedTrialsInFolder, Is.EqualTo(2));
            Assert.That(File.ReadAllText(Path.Combine(more.Folder, "runs.csv")), Is.EqualTo(runsCsv), "runs.csv keeps trial 1");
            Assert.That(File.ReadAllText(Path.Combine(more.Folder, "results.md")), Is.EqualTo(resultsMd));
            using var configuration = JsonDocument.Parse(File.ReadAllText(Path.Combine(more.Folder, "configuration.json")));
            Assert.That(configuration.RootElement.GetProperty("trials").GetInt32(), Is.EqualTo(2), "configuration.json does not forget a trial");
        });
    }
}
