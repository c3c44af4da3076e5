using LotteryTickets.Cli.Running;
using Core = LotteryTickets.Experiments;

namespace LotteryTickets.Cli.Tests.Running;

public class RunProgressAdapterTests
{
    [Test]
    public void FinishedRunsAreCountedOnceAndAnalysisTrainingsAreShownButNotCounted()
    {
        var shown = new List<ExperimentProgress>();
        var adapter = new RunProgressAdapter(new CallbackProgress<ExperimentProgress>(shown.Add), runsTotal: 3, runsDoneBefore: 1);

        adapter.Report(new Core.ExperimentProgress(0, 1, 1, 1, "main", 10, 10));
        adapter.Report(new Core.ExperimentProgress(0, 1, 1, 1, "main", 10, 10));
        adapter.Report(new Core.ExperimentProgress(0, 1, 1, 1, "instability/main-0it/copy_a", 10, 10));

        Assert.Multiple(() =>
        {
            Assert.That(shown.Select(p => p.RunsCompleted), Is.EqualTo(new[] { 2, 2, 2 }));
            Assert.That(shown[^1].Run.Branch, Is.EqualTo("instability/main-0it/copy_a"));
            Assert.That(shown.All(p => p.RunsTotal == 3), Is.True);
        });
    }
}
