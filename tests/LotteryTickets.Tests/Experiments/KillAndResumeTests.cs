using LotteryTickets.Experiments;
using LotteryTickets.Tests.TestSupport;
using LotteryTickets.Training;

namespace LotteryTickets.Tests.Experiments;

public class KillAndResumeTests
{
    private static LotteryExperiment Builder(string store, string rewind) =>
        TinyExperiment.Builder(store).WithRewind(rewind).WithControl("random_reinit").WithControl("random_pruning");

    [TestCase("init", 0, "main", 0)]
    [TestCase("init", 0, "main", 17)]
    [TestCase("init", 1, "main", 30)]
    [TestCase("init", 1, "random_reinit", 10)]
    [TestCase("init", 2, "random_pruning", 23)]
    [TestCase("iteration:10", 0, "main", 5)]
    [TestCase("iteration:10", 0, "main", 10)]
    [TestCase("iteration:10", 1, "main", 13)]
    [TestCase("lr:iteration:10", 2, "random_reinit", 11)]
    public void CancellingAndRunningAgainGivesTheStoreOfAnUninterruptedRun(string rewind, int level, string branch, long iteration)
    {
        using var uninterrupted = new TemporaryFolder();
        using var interrupted = new TemporaryFolder();
        var expected = Builder(uninterrupted.Path, rewind).Build().Run();

        using var cancellation = new CancellationTokenSource();
        var stopping = Builder(interrupted.Path, rewind)
            .WithProgress(new CancelAt(cancellation, level, branch, iteration))
            .Build();
        Assert.Throws<OperationCanceledException>(() => stopping.Run(cancellation.Token));
        Assert.That(stopping.Layout.Run(0, level, branch).IsDone, Is.False);
        var actual = Builder(interrupted.Path, rewind).Build().Run();

        Assert.That(TinyExperiment.Files(actual.Folder), Is.EqualTo(TinyExperiment.Files(expected.Folder)));
        Assert.That(actual.Runs, Has.Count.EqualTo(7));
    }

    [Test]
    public void ARunWhoseCheckpointIsLostStartsOverAndGivesTheSameNumbers()
    {
        using var uninterrupted = new TemporaryFolder();
        using var interrupted = new TemporaryFolder();
        var expected = Builder(uninterrupted.Path, "iteration:10").Build().Run();

        using var cancellation = new CancellationTokenSource();
        var stopping = Builder(interrupted.Path, "iteration:10").WithProgress(new CancelAt(cancellation, 1, "random_reinit", 21)).Build();
        Assert.Throws<OperationCanceledException>(() => stopping.Run(cancellation.Token));
        var run = stopping.Layout.Run(0, 1, "random_reinit");
        Directory.Delete(Path.Combine(run.Folder, "checkpoint"), recursive: true);
        var actual = Builder(interrupted.Path, "iteration:10").Build().Run();

        Assert.That(TinyExperiment.Files(actual.Folder), Is.EqualTo(TinyExperiment.Files(expected.Folder)));
    }

    [Test]
    public void ACancelledRunLeavesItsCheckpointInItsFolder()
    {
        using var folder = new TemporaryFolder();
        using var cancellation = new CancellationTokenSource();
        var plan = Builder(folder.Path, "init").WithProgress(new CancelAt(cancellation, 1, "main", 12)).Build();

        Assert.Throws<OperationCanceledException>(() => plan.Run(cancellation.Token));

        var run = plan.Layout.Run(0, 1);
        Assert.That(TrainingCheckpoint.Exists(Path.Combine(run.Folder, "checkpoint")), Is.True);
        using var checkpoint = TrainingCheckpoint.Load(Path.Combine(run.Folder, "checkpoint"));
        Assert.That(checkpoint.Iteration, Is.EqualTo(12));
    }

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
