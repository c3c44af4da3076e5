using LotteryTickets.Cli.Running;
using LotteryTickets.Results;

namespace LotteryTickets.Cli.Tests.Running;

public class PlainProgressDisplayTests
{
    private static string[] Show(Action<IProgress<ExperimentProgress>> report)
    {
        var writer = new StringWriter { NewLine = "\n" };
        new PlainProgressDisplay(writer).Run(progress =>
        {
            report(progress);
            return 0;
        });
        var text = writer.ToString();
        Assert.That(text, Does.Not.Contain("\r"), "no carriage returns in redirected output");
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    [Test]
    public void EveryUpdateOfALongRunGivesAtMostOneLinePerQuarterPlusStartAndEnd()
    {
        var run = new RunKey(0, 0, "main");

        var lines = Show(progress =>
        {
            for (var i = 0; i <= 10_000; i++)
            {
                progress.Report(new ExperimentProgress(run, i, 10_000));
            }
        });

        Assert.That(lines, Is.EqualTo(new[]
        {
            "trial 0 · level 0 · main: 0/10000 it (started)",
            "trial 0 · level 0 · main: 2500/10000 it (25%)",
            "trial 0 · level 0 · main: 5000/10000 it (50%)",
            "trial 0 · level 0 · main: 7500/10000 it (75%)",
            "trial 0 · level 0 · main: 10000/10000 it (done)",
        }));
    }

    [Test]
    public void ARepeatedStatusIsPrintedOnceAndAChangedOneAgainOnItsOwnLine()
    {
        var run = new RunKey(1, 2, "reinit");

        var lines = Show(progress =>
        {
            for (var i = 0; i < 100; i++)
            {
                progress.Report(new ExperimentProgress(run, i / 10, 1_000, Status: "evaluating"));
            }

            progress.Report(new ExperimentProgress(run, 10, 1_000, Status: "test accuracy\r\n0.912"));
            progress.Report(new ExperimentProgress(run, 11, 1_000, Status: "test accuracy\r\n0.912"));
        });

        Assert.That(lines, Is.EqualTo(new[]
        {
            "trial 1 · level 2 · reinit: 0/1000 it (started) — evaluating",
            "trial 1 · level 2 · reinit: 10/1000 it (1%) — test accuracy 0.912",
        }));
    }
}
