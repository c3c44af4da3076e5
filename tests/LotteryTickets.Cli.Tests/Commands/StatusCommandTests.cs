using LotteryTickets.Cli.Tests.Support;
using LotteryTickets.Results;
using LotteryTickets.Storage;
using LotteryTickets.Masks;
using LotteryTickets.Training;

namespace LotteryTickets.Cli.Tests.Commands;

public class StatusCommandTests
{
    private static RunPaths WriteRun(ExperimentLayout layout, int level, string branch, bool done = true)
    {
        var run = layout.Run(0, level, branch);
        RunResultsWriter.WriteMetrics(run, new RunMetrics([new EvaluationRecord(0, null, 1.0, 0.5, 1.0, 0.5), new EvaluationRecord(100, null, 0.5, 0.8, 0.5, 0.8)]));
        RunResultsWriter.WriteSparsity(run, new SparsityReport([new LayerSparsity("fc1.weight", 100, 100)]));
        if (done)
        {
            RunResultsWriter.MarkDone(run);
        }

        return run;
    }

    [Test]
    public void StatusListsEveryRunAndExitsOneWhenARunIsDamaged()
    {
        using var store = new TemporaryFolder();
        var layout = new ExperimentLayout(store.Path, "lenet", "ab12");
        WriteRun(layout, 0, "main");
        var damaged = WriteRun(layout, 1, "main");
        var locked = WriteRun(layout, 1, "reinit", done: false);
        File.WriteAllText(Path.Combine(locked.Folder, "lock.json"), """
            {"owner":"x","pid":4242,"host":"elsewhere","hostKey":"elsewhere","processStart":1,"started":"2099-01-01T00:00:00Z","heartbeat":"2099-01-01T00:00:00Z"}
            """);
        File.WriteAllText(damaged.MetricsJsonFile, "{}");

        var status = Lottery.Run("status", store.Path);
        var report = Lottery.Run("report", store.Path);

        Assert.That(status.ExitCode, Is.EqualTo(1), status.Stderr);
        Assert.That(status.Stdout, Does.Contain("lenet-ab12/trial_0/level_0/main  done\n"));
        Assert.That(status.Stdout, Does.Contain("lenet-ab12/trial_0/level_1/main  DAMAGED: 'metrics.json' is 2 bytes; the manifest says"));
        Assert.That(status.Stdout, Does.Contain("lenet-ab12/trial_0/level_1/reinit  locked by process 4242 on elsewhere, heartbeat").And.Contain("s in the future by this host's clock"));
        Assert.That(status.Stdout, Does.Contain("3 runs: 1 locked, 1 done, 1 damaged"));
        Assert.That(status.Stderr, Does.StartWith("error: 1 finished run is damaged"));
        Assert.That(report.ExitCode, Is.EqualTo(1), "a report never passes over damage");
        Assert.That(report.Stderr, Does.Contain("'metrics.json' is 2 bytes"));
    }

    [Test]
    public void ResetClearsARunAndClearStaleLocksRemovesALockThatDoesNotChangeWhileWatched()
    {
        using var store = new TemporaryFolder();
        var layout = new ExperimentLayout(store.Path, "lenet", "ab12");
        var damaged = WriteRun(layout, 0, "main");
        File.Delete(damaged.SparsityFile);
        var locked = WriteRun(layout, 1, "main", done: false);
        var lockFile = Path.Combine(locked.Folder, "lock.json");
        File.WriteAllText(lockFile, """{"owner":"x","pid":4242,"host":"elsewhere","hostKey":"elsewhere","processStart":1,"started":"2099-01-01T00:00:00Z","heartbeat":"2099-01-01T00:00:00Z"}""");

        var result = Lottery.Run("status", store.Path, "--verify", "--reset", "lenet-ab12/trial_0/level_0/main", "--clear-stale-locks", "--stale-after", "1");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.Stderr);
        Assert.That(result.Stderr, Does.Contain($"Reset '{damaged.Folder}'"));
        Assert.That(result.Stderr, Does.Contain("Removed the stale lock of lenet-ab12/trial_0/level_1/main (process 4242 on elsewhere, unchanged for 1 s)."));
        Assert.That(File.Exists(lockFile), Is.False);
        Assert.That(result.Stdout, Does.Contain("lenet-ab12/trial_0/level_0/main  not started"));
        Assert.That(result.Stdout, Does.Contain("lenet-ab12/trial_0/level_1/main  in progress"));
        Assert.That(Lottery.Run("status", store.Path, "--stale-after", "1").ExitCode, Is.EqualTo(2), "'--stale-after' goes with '--clear-stale-locks'");
    }
}
