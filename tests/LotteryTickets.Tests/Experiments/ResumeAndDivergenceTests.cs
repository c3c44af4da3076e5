using System.Collections.Concurrent;
using LotteryTickets.Experiments;
using LotteryTickets.Pruning;
using LotteryTickets.Tests.TestSupport;
using LotteryTickets.Training;

namespace LotteryTickets.Tests.Experiments;

/// <summary>Issue 11, items 3 and 5: a diverged run is not marked done; a run marked done is never trained again.</summary>
public class ResumeAndDivergenceTests
{
    [Test]
    public void ADivergedRunStopsTheExperimentNamingTheRunAndIterationAndIsNotMarkedDone()
    {
        using var folder = new TemporaryFolder();
        LotteryExperiment Builder() => TinyExperiment.Builder(folder.Path).WithTraining(o =>
        {
            o.Optimizer = OptimizerKind.Sgd;
            o.LearningRate = 1e6;
        });
        var plan = Builder().Build();

        var e = Assert.Throws<TrainingDivergedException>(() => plan.Run())!;

        Assert.That(e.Message, Does.Contain("trial 0, level 0, branch 'main'"));
        Assert.That(e.Message, Does.Contain($"at iteration {e.Iteration}"));
        Assert.That(e.Message, Does.Contain("Lower the learning rate"));
        Assert.That(e.Message, Does.Not.Contain("score"));
        Assert.That(double.IsFinite(e.Loss), Is.False);
        Assert.That(e.InnerException, Is.InstanceOf<TrainingDivergedException>());
        var dense = plan.Layout.Run(0, 0);
        Assert.That(dense.IsDone, Is.False, "a diverged run is not marked done");
        Assert.That(File.Exists(dense.DoneMarker), Is.False);
        Assert.That(File.Exists(dense.FinalFile), Is.False, "no final weights are written for a diverged run");
        Assert.That(plan.Layout.Run(0, 1).IsDone, Is.False, "no later level ran");

        // The store stays resumable: running the plan again resumes (no complaint about a damaged store) and diverges the same way.
        var again = Assert.Throws<TrainingDivergedException>(() => Builder().Build().Run())!;
        Assert.That(again.Iteration, Is.EqualTo(e.Iteration));
        Assert.That(again.Message, Is.EqualTo(e.Message));
    }

    [TestCase(false)]
    [TestCase(true)]
    public void ResumingALevelWithAnUnfinishedBranchDoesNotRetrainItsFinishedMainRun(bool deleteWholeFolder)
    {
        using var folder = new TemporaryFolder();
        LotteryExperiment Builder() => TinyExperiment.Builder(folder.Path).WithControl("random_reinit");
        var first = Builder().Build().Run();
        var expected = TinyExperiment.Files(first.Folder);
        var layout = Builder().Build().Layout;
        var main = layout.Run(0, 1);
        var branch = layout.Run(0, 1, "random_reinit");
        var mainWritten = Directory.EnumerateFiles(main.Folder).ToDictionary(f => f, File.GetLastWriteTimeUtc);
        if (deleteWholeFolder)
        {
            Directory.Delete(branch.Folder, recursive: true);
        }
        else
        {
            File.Delete(branch.DoneMarker);
        }

        // Make a rewrite of main's files visible even on a file system with coarse timestamps.
        var old = DateTime.UtcNow.AddHours(-1);
        foreach (var file in mainWritten.Keys)
        {
            File.SetLastWriteTimeUtc(file, old);
        }

        var trained = new RecordRuns();
        var second = Builder().WithProgress(trained).Build().Run();

        Assert.That(trained.Runs, Is.EquivalentTo(new[] { (0, 1, "random_reinit") }), "only the unfinished branch is trained");
        foreach (var file in mainWritten.Keys)
        {
            Assert.That(File.GetLastWriteTimeUtc(file), Is.EqualTo(old), $"{Path.GetFileName(file)} of the finished main run is not rewritten");
        }

        Assert.That(branch.IsDone, Is.True);
        Assert.That(TinyExperiment.Files(second.Folder), Is.EqualTo(expected));
        Assert.That(second.Runs, Has.Count.EqualTo(first.Runs.Count));
    }

    [Test]
    public void ResumingAGradualPlanWithAnUnfinishedBranchTrainsOnlyThatBranch()
    {
        using var folder = new TemporaryFolder();
        LotteryExperiment Builder() => TinyExperiment.Builder(folder.Path)
            .WithSchedule(new GradualSchedule(new GradualScheduleOptions { FinalSparsity = 0.8, EndFraction = 0.5, PruneEvery = 3, StartFraction = 0.1, ResetAtEnd = true }))
            .WithControl("random_reinit");
        var first = Builder().Build().Run();
        var expected = TinyExperiment.Files(first.Folder);
        var branch = Builder().Build().Layout.Run(0, 0, "random_reinit");
        File.Delete(branch.DoneMarker);

        var trained = new RecordRuns();
        var second = Builder().WithProgress(trained).Build().Run();

        Assert.That(trained.Runs, Is.EquivalentTo(new[] { (0, 0, "random_reinit") }), "only the unfinished branch is trained");
        Assert.That(TinyExperiment.Files(second.Folder), Is.EqualTo(expected));
    }

    private sealed class RecordRuns : IProgress<ExperimentProgress>
    {
        private readonly ConcurrentDictionary<(int Trial, int Level, string Branch), bool> runs = new();

        public IEnumerable<(int Trial, int Level, string Branch)> Runs => runs.Keys;

        public void Report(ExperimentProgress value) => runs[(value.Trial, value.Level, value.Branch)] = true;
    }
}
