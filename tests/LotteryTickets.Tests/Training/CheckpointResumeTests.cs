using LotteryTickets.Training;
using TorchSharp;

namespace LotteryTickets.Tests.Training;

public class CheckpointResumeTests
{
    private static readonly string NL = Environment.NewLine;

    public static IEnumerable<TestCaseData> Setups()
    {
        yield return new TestCaseData(OptimizerKind.Sgd, LearningRateScheduleKind.Step).SetName("SgdWithMomentumAndAStepScheduleResumesBitForBit");
        yield return new TestCaseData(OptimizerKind.Adam, LearningRateScheduleKind.Constant).SetName("AdamResumesBitForBit");
        yield return new TestCaseData(OptimizerKind.AdamW, LearningRateScheduleKind.Cosine).SetName("AdamWWithACosineScheduleResumesBitForBit");
        yield return new TestCaseData(OptimizerKind.RmsProp, LearningRateScheduleKind.Step).SetName("CenteredRmsPropWithMomentumResumesBitForBit");
        yield return new TestCaseData(OptimizerKind.Adagrad, LearningRateScheduleKind.Cosine).SetName("AdagradWithLearningRateDecayResumesBitForBit");
    }

    [TestCaseSource(nameof(Setups))]
    public void ARunKilledAtIteration13AndResumedFromDiskEqualsAnUninterruptedRun(OptimizerKind optimizer, LearningRateScheduleKind schedule)
    {
        var options = Options(optimizer, schedule);
        using var reference = new TinyMlp(1);
        using var referenceTrainer = TinyTask.CreateTrainer(reference, options);
        var expected = referenceTrainer.Run();

        using var folder = new TemporaryFolder();
        var checkpoints = new CheckpointCallback(folder.Path, 13);
        var kill = new RecordingCallback { AtIterationEnd = s => { if (s.Iteration == 13) s.RequestStop("Killed."); } };
        using (var first = new TinyMlp(1))
        using (var firstTrainer = TinyTask.CreateTrainer(first, options, checkpoints, kill))
        {
            Assert.That(firstTrainer.Run().Iterations, Is.EqualTo(13));
        }

        var saved = CheckpointCallback.FolderFor(folder.Path, 13);
        Assert.That(checkpoints.SavedFolders, Is.EqualTo(new[] { saved }));
        using var resumed = new TinyMlp(99);
        using var resumedTrainer = TinyTask.CreateTrainer(resumed, options);
        using (var checkpoint = TrainingCheckpoint.Load(saved))
        {
            Assert.That(checkpoint.RunningLoss.Count, Is.EqualTo(3), "steps 11 to 13 since the evaluation at 10");
            resumedTrainer.Restore(checkpoint);
        }

        var actual = resumedTrainer.Run();
        Assert.That(actual.Evaluations, Is.EqualTo(expected.Evaluations));
        Assert.That(TinyTask.SameWeights(resumed, reference), Is.True, "final weights bit for bit");
        using var referenceState = OptimizerStateTensors.Capture(referenceTrainer.Optimizer, reference.named_parameters());
        using var resumedState = OptimizerStateTensors.Capture(resumedTrainer.Optimizer, resumed.named_parameters());
        Assert.That(resumedState.Tensors.Keys, Is.EquivalentTo(referenceState.Tensors.Keys));
        Assert.That(referenceState.Tensors.All(e => TinyTask.SameBits(e.Value, resumedState.Tensors[e.Key])), Is.True, "optimizer state bit for bit");
        Assert.That(resumedState.Metadata, Is.EqualTo(referenceState.Metadata));
    }

    [Test]
    public void TheGlobalGeneratorOfTorchSharpsDropoutIsTrackedSoAResumedRunEqualsAnUninterruptedOne()
    {
        var options = Options(OptimizerKind.Sgd, LearningRateScheduleKind.Step);
        torch.manual_seed(5);
        using var reference = new GlobalDropoutMlp();
        using var referenceTrainer = TinyTask.CreateTrainer(reference, options);
        Assert.That(referenceTrainer.TrackedGenerators, Is.EqualTo(new[] { Trainer.GlobalGeneratorName }));
        var expected = referenceTrainer.Run();

        using var folder = new TemporaryFolder();
        var kill = new RecordingCallback { AtIterationEnd = s => { if (s.Iteration == 13) s.RequestStop("Killed."); } };
        torch.manual_seed(5);
        using (var first = new GlobalDropoutMlp())
        using (var firstTrainer = TinyTask.CreateTrainer(first, options, new CheckpointCallback(folder.Path, 13), kill))
        {
            firstTrainer.Run();
        }

        torch.manual_seed(77);
        using var resumed = new GlobalDropoutMlp();
        using var resumedTrainer = TinyTask.CreateTrainer(resumed, options);
        using (var checkpoint = TrainingCheckpoint.Load(CheckpointCallback.FolderFor(folder.Path, 13)))
        {
            Assert.That(checkpoint.GeneratorStates.Keys, Is.EqualTo(new[] { Trainer.GlobalGeneratorName }));
            resumedTrainer.Restore(checkpoint);
        }

        var actual = resumedTrainer.Run();
        Assert.That(actual.Evaluations, Is.EqualTo(expected.Evaluations));
        Assert.That(TinyTask.SameWeights(resumed, reference), Is.True, "final weights bit for bit");
    }

    [Test]
    public void TrainingFromARewindPointReproducesTheOriginalRunFromThereOn()
    {
        var options = Options(OptimizerKind.Sgd, LearningRateScheduleKind.Step);
        using var folder = new TemporaryFolder();
        using var rewind = new RewindPointCallback(TrainingDuration.Epochs(1), Path.Combine(folder.Path, "rewind"));
        using var original = new TinyMlp(1);
        using var originalTrainer = TinyTask.CreateTrainer(original, options, rewind);
        var expected = originalTrainer.Run();
        Assert.That(rewind.Checkpoint!.Iteration, Is.EqualTo(10));

        using var fromMemory = rewind.TakeCheckpoint();
        using var fromDisk = TrainingCheckpoint.Load(Path.Combine(folder.Path, "rewind"));
        foreach (var checkpoint in new[] { fromMemory, fromDisk })
        {
            using var model = new TinyMlp(42);
            using var trainer = TinyTask.CreateTrainer(model, options);
            trainer.Restore(checkpoint, CheckpointRestoreMode.Rewind);
            var actual = trainer.Run();

            Assert.That(TinyTask.SameWeights(model, original), Is.True, "final weights bit for bit");
            var expectedFromK = expected.Evaluations.Where(e => e.Iteration >= 10).ToList();
            expectedFromK[0] = expectedFromK[0] with { TrainLoss = null };
            Assert.That(actual.Evaluations, Is.EqualTo(expectedFromK), "a rewound run records its own history from iteration 10");
        }
    }

    [Test]
    public void RewindingToIterationZeroReplaysTheWholeRun()
    {
        var options = Options(OptimizerKind.Adam, LearningRateScheduleKind.Constant);
        using var rewind = new RewindPointCallback(TrainingDuration.Iterations(0));
        using var original = new TinyMlp(1);
        using var originalTrainer = TinyTask.CreateTrainer(original, options, rewind);
        var expected = originalTrainer.Run();

        using var model = new TinyMlp(5);
        using var trainer = TinyTask.CreateTrainer(model, options);
        trainer.Restore(rewind.Checkpoint!, CheckpointRestoreMode.Rewind);
        var actual = trainer.Run();

        Assert.That(actual.Evaluations, Is.EqualTo(expected.Evaluations));
        Assert.That(TinyTask.SameWeights(model, original), Is.True);
    }

    [Test]
    public void ACheckpointOwnsItsTensorsAndReleasesThemOnDispose()
    {
        using var model = new TinyMlp(1);
        using var trainer = TinyTask.CreateTrainer(model);
        trainer.Run();
        var before = TinyTask.SettledLiveTensors();
        var checkpoint = trainer.CreateCheckpoint();
        Assert.That(TinyTask.LiveTensors, Is.GreaterThan(before));
        checkpoint.Dispose();
        Assert.That(TinyTask.LiveTensors, Is.EqualTo(before));
    }

    [Test]
    public void SavingReplacesAnExistingCheckpointAndLeavesNoTemporaryFolders()
    {
        using var folder = new TemporaryFolder();
        var target = Path.Combine(folder.Path, "checkpoint");
        using var model = new TinyMlp(1);
        using var trainer = TinyTask.CreateTrainer(model);
        using (var early = trainer.CreateCheckpoint())
        {
            early.Save(target);
        }

        trainer.Run();
        using (var late = trainer.CreateCheckpoint())
        {
            late.Save(target);
        }

        Assert.That(Directory.GetFileSystemEntries(folder.Path).Select(Path.GetFileName), Is.EqualTo(new[] { "checkpoint" }));
        Assert.That(
            Directory.GetFiles(target).Select(Path.GetFileName).Order(),
            Is.EqualTo(new[] { "checkpoint.json", "generators.safetensors", "model.safetensors", "optimizer.safetensors" }));
        Assert.That(TrainingCheckpoint.Exists(target), Is.True);
        using var loaded = TrainingCheckpoint.Load(target);
        Assert.That(loaded.Iteration, Is.EqualTo(30));
        Assert.That(loaded.Evaluations, Is.EqualTo(trainer.Evaluations));
        Assert.That(loaded.GeneratorStates.Keys, Is.EqualTo(new[] { "module:body.3" }));
    }

    [Test]
    public void LoadingAMissingCheckpointSaysWhatIsMissing()
    {
        using var folder = new TemporaryFolder();
        var ex = Assert.Throws<FileNotFoundException>(() => TrainingCheckpoint.Load(folder.Path));
        Assert.That(ex!.Message, Is.EqualTo(
            $"No training checkpoint was found in '{folder.Path}': 'checkpoint.json' is missing. Save one with TrainingCheckpoint.Save or a CheckpointCallback first."));
        Assert.That(TrainingCheckpoint.Exists(folder.Path), Is.False);
    }

    [Test]
    public void ACheckpointFromADifferentRunIsRefusedWithEveryMismatch()
    {
        using var model = new TinyMlp(1);
        using var trainer = TinyTask.CreateTrainer(model);
        trainer.Run();
        using var checkpoint = trainer.CreateCheckpoint();

        using var other = new TinyMlp(1);
        var options = TinyTask.Options();
        options.BatchSize = 64;
        options.Duration = TrainingDuration.Iterations(20);
        using var otherTrainer = TinyTask.CreateTrainer(other, options);
        var ex = Assert.Throws<ArgumentException>(() => otherTrainer.Restore(checkpoint));
        Assert.That(ex!.Message, Is.EqualTo(
            "The checkpoint does not fit this trainer; nothing was restored. Fix the following:" + NL +
            "- The checkpoint was taken with 10 batches per epoch, but this trainer has 5; use the same training set, batch size and 'DropLast'." + NL +
            "- The checkpoint is at iteration 30, past this run's 20 iterations; lengthen 'Duration' or use an earlier checkpoint." +
            " (Parameter 'checkpoint')"));
        Assert.That(otherTrainer.Iteration, Is.EqualTo(0));
    }

    [Test]
    public void ACheckpointCannotBeTakenInTheMiddleOfAStep()
    {
        using var model = new TinyMlp(1);
        var options = TinyTask.Options();
        options.Duration = TrainingDuration.Iterations(1);
        using var trainer = TinyTask.CreateTrainer(model, options, new CheckpointInStep());
        var ex = Assert.Throws<InvalidOperationException>(() => trainer.Run());
        Assert.That(ex!.Message, Is.EqualTo(
            "A checkpoint cannot be taken in the middle of a step; take it from OnTrainingStart, OnIterationEnd or OnTrainingEnd."));
    }

    private static TrainingOptions Options(OptimizerKind optimizer, LearningRateScheduleKind schedule)
    {
        var options = TinyTask.Options();
        options.Optimizer = optimizer;
        options.Schedule = schedule;
        if (optimizer != OptimizerKind.Sgd)
        {
            options.Momentum = 0;
            options.LearningRate = 0.01;
            options.WeightDecay = 1e-3;
        }

        if (optimizer == OptimizerKind.RmsProp)
        {
            (options.Momentum, options.Alpha, options.Centered) = (0.5, 0.9, true);
        }

        if (optimizer == OptimizerKind.Adagrad)
        {
            (options.LearningRateDecay, options.InitialAccumulatorValue) = (0.01, 0.1);
        }

        return options;
    }

    private sealed class CheckpointInStep : ITrainingCallback
    {
        public void OnAfterBackward(TrainingState state) => state.CreateCheckpoint().Dispose();
    }
}
