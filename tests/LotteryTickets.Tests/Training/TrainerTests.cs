using LotteryTickets.Training;

namespace LotteryTickets.Tests.Training;

public class TrainerTests
{
    [Test]
    public void TrainingLowersTheLossAndClassifiesWellAboveChance()
    {
        using var model = new TinyMlp(1);
        var options = TinyTask.Options();
        options.Duration = TrainingDuration.Parse("6ep");
        options.EvaluationInterval = TrainingDuration.Parse("1ep");
        using var trainer = TinyTask.CreateTrainer(model, options);
        var result = trainer.Run();

        Assert.That(result.IsComplete, Is.True);
        Assert.That(result.Iterations, Is.EqualTo(60));
        var first = result.Evaluations[0];
        var last = result.Final!;
        Assert.That(last.ValidationLoss, Is.LessThan(first.ValidationLoss * 0.5), "validation loss");
        Assert.That(last.TrainLoss!.Value, Is.LessThan(result.Evaluations[1].TrainLoss!.Value), "training loss");
        Assert.That(first.TestAccuracy, Is.LessThan(0.5), "an untrained network is near chance (0.25)");
        Assert.That(last.TestAccuracy, Is.GreaterThan(0.8), "a trained network is well above chance (0.25)");
        Assert.That(last.ValidationAccuracy, Is.GreaterThan(0.8));
    }

    [Test]
    public void EvaluationsHappenAtTheStartAtEveryIntervalAndAtTheEnd()
    {
        using var model = new TinyMlp(1);
        var options = TinyTask.Options();
        options.Duration = TrainingDuration.Iterations(23);
        options.EvaluationInterval = TrainingDuration.Iterations(8);
        var recorder = new RecordingCallback();
        using var trainer = TinyTask.CreateTrainer(model, options, recorder);
        var result = trainer.Run();

        Assert.That(result.Evaluations.Select(e => e.Iteration), Is.EqualTo(new long[] { 0, 8, 16, 23 }));
        Assert.That(result.Evaluations[0].TrainLoss, Is.Null, "no step precedes the evaluation at iteration 0");
        var losses = recorder.StepLosses;
        Assert.That(result.Evaluations[1].TrainLoss, Is.EqualTo(losses.Take(8).Sum() / 8).Within(1e-12));
        Assert.That(result.Evaluations[2].TrainLoss, Is.EqualTo(losses.Skip(8).Take(8).Sum() / 8).Within(1e-12));
        Assert.That(result.Evaluations[3].TrainLoss, Is.EqualTo(losses.Skip(16).Sum() / 7).Within(1e-12));
    }

    [Test]
    public void WithoutAnIntervalOnlyTheStartAndTheEndAreEvaluatedAndEpochsCountInBatches()
    {
        using var model = new TinyMlp(1);
        var options = TinyTask.Options();
        options.Duration = TrainingDuration.Epochs(2);
        options.EvaluationInterval = null;
        options.EvaluateAtStart = false;
        using var trainer = TinyTask.CreateTrainer(model, options);
        var result = trainer.Run();

        Assert.That(trainer.Loader.BatchesPerEpoch, Is.EqualTo(10));
        Assert.That(result.Evaluations.Select(e => e.Iteration), Is.EqualTo(new long[] { 20 }));
    }

    [Test]
    public void ARunOfNoStepsEvaluatesTheModelOnce()
    {
        using var model = new TinyMlp(1);
        var options = TinyTask.Options();
        options.Duration = TrainingDuration.Iterations(0);
        using var trainer = TinyTask.CreateTrainer(model, options);
        var result = trainer.Run();
        Assert.That(result.Evaluations.Select(e => e.Iteration), Is.EqualTo(new long[] { 0 }));
        Assert.That(result.IsComplete, Is.True);
    }

    [Test]
    public void HooksRunInTheOrderOfAStep()
    {
        using var model = new TinyMlp(1);
        var options = TinyTask.Options();
        options.Duration = TrainingDuration.Iterations(2);
        options.EvaluationInterval = TrainingDuration.Iterations(1);
        var recorder = new RecordingCallback();
        using var trainer = TinyTask.CreateTrainer(model, options, recorder);
        trainer.Run();

        Assert.That(recorder.Calls, Is.EqualTo(new[]
        {
            "start@0", "evaluation@0",
            "before@0", "backward@0", "optimizer@0", "evaluation@1", "end@1",
            "before@1", "backward@1", "optimizer@1", "evaluation@2", "end@2",
            "finish@2",
        }));
    }

    [Test]
    public void TheLearningRateFollowsTheStepSchedule()
    {
        using var model = new TinyMlp(1);
        var recorder = new RecordingCallback();
        using var trainer = TinyTask.CreateTrainer(model, null, recorder);
        trainer.Run();

        var expected = Enumerable.Range(0, 30).Select(i => 0.05 * Math.Pow(0.5, i / 10));
        Assert.That(recorder.LearningRates, Is.EqualTo(expected).Within(1e-15));
        Assert.That(trainer.Scheduler.Position, Is.EqualTo(30));
    }

    [Test]
    public void TheNumberOfLiveTensorsStaysConstantAndReturnsToTheStartAfterTheTrainerIsDisposed()
    {
        using var model = new TinyMlp(1);
        var before = TinyTask.SettledLiveTensors();
        var recorder = new RecordingCallback();
        var trainer = TinyTask.CreateTrainer(model, null, recorder);
        trainer.Run();
        var momentumBuffers = model.parameters().Count();
        const int PreloadedData = 6; // images and labels of the three data sets, preloaded by this trainer
        Assert.That(TinyTask.LiveTensors, Is.EqualTo(before + momentumBuffers + PreloadedData), "only the optimizer's momentum buffers and the preloaded data remain");
        trainer.Dispose();

        Assert.That(TinyTask.LiveTensors, Is.EqualTo(before));
        Assert.That(recorder.LiveTensorsBeforeStep.Skip(1).Distinct().Count(), Is.EqualTo(1), string.Join(", ", recorder.LiveTensorsBeforeStep));
    }

    [Test]
    public void ACallbackCanStopTheRunBetweenSteps()
    {
        using var model = new TinyMlp(1);
        var stopper = new RecordingCallback { AtIterationEnd = s => { if (s.Iteration == 4) s.RequestStop("Enough for this test."); } };
        using var trainer = TinyTask.CreateTrainer(model, null, stopper);
        var result = trainer.Run();

        Assert.That(result.Iterations, Is.EqualTo(4));
        Assert.That(result.StopReason, Is.EqualTo("Enough for this test."));
        Assert.That(result.IsComplete, Is.False);
        Assert.That(result.Evaluations.Select(e => e.Iteration), Is.EqualTo(new long[] { 0 }), "a stop adds no evaluation");
        Assert.That(stopper.Calls[^1], Is.EqualTo("finish@4"));
    }

    [Test]
    public void CancellationStopsCleanlyAndRunningAgainFinishesExactlyAsAnUninterruptedRun()
    {
        using var reference = new TinyMlp(1);
        using var referenceTrainer = TinyTask.CreateTrainer(reference);
        var expected = referenceTrainer.Run();

        using var model = new TinyMlp(1);
        using var cancellation = new CancellationTokenSource();
        var canceller = new RecordingCallback { AtIterationEnd = s => { if (s.Iteration == 7) cancellation.Cancel(); } };
        using var trainer = TinyTask.CreateTrainer(model, null, canceller);
        var live = TinyTask.SettledLiveTensors();
        var stopped = trainer.Run(cancellation.Token);

        Assert.That(stopped.StopReason, Is.EqualTo(CancellationCallback.CancelledReason));
        Assert.That(stopped.Iterations, Is.EqualTo(7));
        Assert.That(trainer.Scheduler.Position, Is.EqualTo(7));
        Assert.That(trainer.Loader.Iteration, Is.EqualTo(7));
        Assert.That(TinyTask.LiveTensors, Is.EqualTo(live + model.parameters().Count()), "nothing of the interrupted step is left alive but the momentum buffers");

        var finished = trainer.Run();
        Assert.That(finished.IsComplete, Is.True);
        Assert.That(finished.Evaluations, Is.EqualTo(expected.Evaluations));
        Assert.That(TinyTask.SameWeights(model, reference), Is.True);
    }

    [Test]
    public void TheSameSeedGivesTheSameRunAndAnotherDataOrderSeedAnotherOne()
    {
        using var a = new TinyMlp(1);
        using var b = new TinyMlp(1);
        using var c = new TinyMlp(1);
        using var ta = TinyTask.CreateTrainer(a);
        using var tb = TinyTask.CreateTrainer(b);
        var other = TinyTask.Options();
        other.DataOrderSeed = 8;
        using var tc = TinyTask.CreateTrainer(c, other);
        var ra = ta.Run();
        var rb = tb.Run();
        tc.Run();

        Assert.That(rb.Evaluations, Is.EqualTo(ra.Evaluations));
        Assert.That(TinyTask.SameWeights(a, b), Is.True);
        Assert.That(TinyTask.SameWeights(a, c), Is.False);
    }

    [TestCase(OptimizerKind.Sgd, LearningRateScheduleKind.MultiStep)]
    [TestCase(OptimizerKind.Adam, LearningRateScheduleKind.Cosine)]
    [TestCase(OptimizerKind.AdamW, LearningRateScheduleKind.Constant)]
    public void EveryOptimizerAndScheduleTrains(OptimizerKind optimizer, LearningRateScheduleKind schedule)
    {
        using var model = new TinyMlp(1);
        var options = TinyTask.Options();
        options.Optimizer = optimizer;
        options.Momentum = optimizer == OptimizerKind.Sgd ? 0.9 : 0;
        options.Nesterov = optimizer == OptimizerKind.Sgd;
        options.LearningRate = optimizer == OptimizerKind.Sgd ? 0.05 : 0.01;
        options.WeightDecay = 1e-4;
        options.Schedule = schedule;
        options.Milestones = [TrainingDuration.Iterations(15), TrainingDuration.Epochs(2)];
        options.Warmup = TrainingDuration.Iterations(5);
        using var trainer = TinyTask.CreateTrainer(model, options);
        var result = trainer.Run();

        Assert.That(result.Final!.ValidationLoss, Is.LessThan(result.Evaluations[0].ValidationLoss));
        Assert.That(trainer.Optimizer.GetType().Name, Is.EqualTo(optimizer.ToString()).IgnoreCase);
    }

    [Test]
    public void EvaluationLeavesTheModelInTrainingModeAndRecordsNothing()
    {
        using var model = new TinyMlp(1);
        using var trainer = TinyTask.CreateTrainer(model);
        var first = trainer.Evaluate();
        var second = trainer.Evaluate();

        Assert.That(second, Is.EqualTo(first), "evaluation is deterministic: dropout is off");
        Assert.That(model.training, Is.True);
        Assert.That(trainer.Evaluations, Is.Empty);
        Assert.That(first.ValidationAccuracy, Is.InRange(0.0, 1.0));
    }
}
