using LotteryTickets.Criteria;
using LotteryTickets.Pruning;
using LotteryTickets.Tests.Training;
using TorchSharp;
using static TorchSharp.torch;
using LotteryTickets.Training;

namespace LotteryTickets.Tests.Pruning;

public class GradualPruningResumeTests
{
    private static readonly string NL = Environment.NewLine;

    /// <summary>AGP over iterations 12 to 21, every 2 iterations (last step at 20), lth to the start of epoch 1 and a reset at the end; random scores make the generator matter.</summary>
    private static GradualSchedule Schedule() => GradualSchedules.Agp(0.6, o =>
    {
        o.StartFraction = 0.4;
        o.EndFraction = 0.7;
        o.PruneEvery = 2;
        o.ResetAfterEachPrune = true;
        o.RewindEpoch = 1;
        o.ResetAtEnd = true;
    });

    [TestCase(10, TestName = "AGradualRunKilledAtTheRewindPointAndResumedFromDiskEqualsAnUninterruptedRun")]
    [TestCase(13, TestName = "AGradualRunKilledBetweenPruningStepsAndResumedFromDiskEqualsAnUninterruptedRun")]
    [TestCase(24, TestName = "AGradualRunKilledAfterItsLastPruningStepAndResumedFromDiskEqualsAnUninterruptedRun")]
    public void KillAndResume(int killAt)
    {
        using var reference = new GradualRun(Schedule(), criterion: MaskCriteria.Random);
        var expected = reference.Run();

        using var folder = new TemporaryFolder();
        var checkpoints = new CheckpointCallback(folder.Path, killAt);
        var kill = new RecordingCallback { AtIterationEnd = s => { if (s.Iteration == killAt) s.RequestStop("Killed."); } };
        using (var first = new GradualRun(Schedule(), criterion: MaskCriteria.Random))
        {
            // The checkpoint callback runs before the pruning callback, so at iteration 10 it saves before the snapshot is taken.
            first.Trainer.Callbacks.Insert(0, checkpoints);
            first.Trainer.Callbacks.Add(kill);
            Assert.That(first.Run().Iterations, Is.EqualTo(killAt));
        }

        using var resumed = new GradualRun(Schedule(), criterion: MaskCriteria.Random, pruningSeed: 999, modelSeed: 99);
        using (var checkpoint = TrainingCheckpoint.Load(CheckpointCallback.FolderFor(folder.Path, killAt)))
        {
            Assert.That(checkpoint.CallbackStates.Keys, Is.EqualTo(new[] { GradualPruningCallback.DefaultStateName }));
            resumed.Trainer.Restore(checkpoint);
        }

        var actual = resumed.Run();
        Assert.That(actual.Evaluations, Is.EqualTo(expected.Evaluations));
        Assert.That(resumed.HistoryText(), Is.EqualTo(reference.HistoryText()));
        Assert.That(resumed.Pruning.Mask.ContentEquals(reference.Pruning.Mask), Is.True, "final mask");
        Assert.That(TinyTask.SameWeights(resumed.Model, reference.Model), Is.True, "final weights (the ticket) bit for bit");
        Assert.That(resumed.Pruning.TrainedEvaluation, Is.EqualTo(reference.Pruning.TrainedEvaluation));
        using var scope = NewDisposeScope();
        Assert.That(resumed.Pruning.Snapshot!.All(e => GradualRun.Same(e.Value, reference.Pruning.Snapshot![e.Key])), Is.True, "snapshot");
        Assert.That(resumed.Pruning.TrainedWeights!.All(e => GradualRun.Same(e.Value, reference.Pruning.TrainedWeights![e.Key])), Is.True, "trained weights");
        Assert.That(GradualRun.Same(resumed.Generator.get_state(), reference.Generator.get_state()), Is.True, "pruning generator");
    }

    [Test]
    public void ACheckpointWithoutTheCallbacksStateCannotResumeAGradualRun()
    {
        using var model = new TinyMlp(1);
        using var plain = TinyTask.CreateTrainer(model);
        using var checkpoint = plain.CreateCheckpoint();
        using var run = new GradualRun(Schedule());

        var error = Assert.Throws<ArgumentException>(() => run.Trainer.Restore(checkpoint));
        Assert.That(
            error!.Message,
            Does.StartWith(
                "The checkpoint does not fit this trainer; nothing was restored. Fix the following:" + NL +
                "- The checkpoint has no state for the callback 'gradual-pruning'; it was taken from a run without that callback."));
    }

    [Test]
    public void AResumeRejectsACallbackStateNoCallbackTakesButARewindIgnoresIt()
    {
        using var run = new GradualRun(Schedule());
        using var checkpoint = run.Trainer.CreateCheckpoint();
        using var model = new TinyMlp(1);
        using var plain = TinyTask.CreateTrainer(model);

        var error = Assert.Throws<ArgumentException>(() => plain.Restore(checkpoint));
        Assert.That(
            error!.Message,
            Does.StartWith(
                "The checkpoint does not fit this trainer; nothing was restored. Fix the following:" + NL +
                "- The checkpoint holds the state of a callback 'gradual-pruning' that this trainer does not have; add that callback before restoring (a rewind may leave it out)."));
        Assert.DoesNotThrow(() => plain.Restore(checkpoint, CheckpointRestoreMode.Rewind));
    }

    [Test]
    public void TwoCheckpointableCallbacksWithOneNameCannotBeCheckpointed()
    {
        using var run = new GradualRun(Schedule());
        using var generator = new Generator(1);
        using var second = new GradualPruningCallback(Schedule(), run.Pruning.Layers, generator);
        run.Trainer.Callbacks.Add(second);

        var error = Assert.Throws<ArgumentException>(() => run.Trainer.CreateCheckpoint());
        Assert.That(
            error!.Message,
            Does.StartWith(
                "The trainer's checkpointable callbacks are invalid. Fix the following:" + NL +
                "- Two checkpointable callbacks are named 'gradual-pruning'; give each its own 'StateName'."));
    }
}
