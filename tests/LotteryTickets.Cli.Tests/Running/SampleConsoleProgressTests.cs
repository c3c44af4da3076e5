using LotteryTickets.Experiments;

namespace LotteryTickets.Cli.Tests.Running;

/// <summary>The samples' <c>ConsoleProgress</c> (samples/Shared/ConsoleProgress.cs, compiled into this project).</summary>
public class SampleConsoleProgressTests
{
    private static string Report(bool interactive, params (int Trial, string Branch, long Total)[] runs)
    {
        var writer = new StringWriter { NewLine = "\n" };
        var progress = new ConsoleProgress(writer, interactive);
        foreach (var (trial, branch, total) in runs)
        {
            for (var i = 0L; i <= total; i++)
            {
                progress.Report(new ExperimentProgress(trial, 2, 1, 3, branch, i, total));
            }

            progress.Report(new ExperimentProgress(trial, 2, 1, 3, branch, total, total)); // a repeated end is ignored
        }

        return writer.ToString();
    }

    [Test]
    public void RedirectedOutputHasOnePlainLinePerTenthOfARunPlusItsStartAndEnd()
    {
        var text = Report(interactive: false, (0, "main", 5_000), (1, "random_reinit", 7));
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Not.Contain("\r"));
            Assert.That(text, Does.EndWith("\n"));
            Assert.That(lines, Has.Length.EqualTo(11 + 8), "main: start, 10% … 90%, done; random_reinit (7 iterations): start, 6 tenths passed, done");
            Assert.That(lines[0], Is.EqualTo("trial 1/2  level 1/3  main  0/5000 it (started)"));
            Assert.That(lines[1], Is.EqualTo("trial 1/2  level 1/3  main  500/5000 it (10%)"));
            Assert.That(lines[10], Is.EqualTo("trial 1/2  level 1/3  main  5000/5000 it (done)"));
            Assert.That(lines[11], Is.EqualTo("trial 2/2  level 1/3  random_reinit  0/7 it (started)"));
            Assert.That(lines[^1], Is.EqualTo("trial 2/2  level 1/3  random_reinit  7/7 it (done)"));
            Assert.That(lines.Max(l => l.Length), Is.LessThan(80));
        });
    }

    [Test]
    public void ATerminalKeepsItsBarRewrittenInPlaceWithOneLinePerRun()
    {
        var text = Report(interactive: true, (0, "main", 20), (1, "reinit", 20));
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Multiple(() =>
        {
            Assert.That(lines, Has.Length.EqualTo(2));
            Assert.That(lines[0].Count(c => c == '\r'), Is.EqualTo(21));
            Assert.That(lines[0], Does.EndWith("\rtrial 1/2  level 1/3  main           [##############################]    20/20"));
        });
    }
}
