using LotteryTickets.Pruning;
using LotteryTickets.Tests.Training;
using TorchSharp;
using static TorchSharp.torch;
using LotteryTickets.Training;

namespace LotteryTickets.Tests.Pruning;

public class GradualPruningResetTests
{
    [Test]
    public void WithLthTheKeptWeightsEqualTheInitializationRightAfterEveryPruningStep()
    {
        using var init = new TinyMlp(1);
        using var initScope = NewDisposeScope();
        var initial = init.state_dict();
        var checkedSteps = new List<long>();
        GradualRun? run = null;
        var probe = new Probe
        {
            BeforeStep = s =>
            {
                if (run!.Pruning.History is [.., var last] && last.Iteration == s.Iteration)
                {
                    Assert.That(GradualRun.HoldsMasked(s.Model, initial, run.Pruning.Mask), Is.True, $"initialization ⊙ mask at iteration {s.Iteration}");
                    checkedSteps.Add(s.Iteration);
                }
            },
        };
        run = new GradualRun(GradualSchedules.Iterative(0.5, 3, o => o.ResetAfterEachPrune = true), more: probe);
        using (run)
        {
            var result = run.Run();

            Assert.That(checkedSteps, Has.Count.EqualTo(3));
            Assert.That(run.Pruning.SnapshotIteration, Is.Zero);
            Assert.That(result.IsComplete, Is.True);
            Assert.That(GradualRun.HoldsMasked(run.Model, initial, run.Pruning.Mask), Is.False, "the ticket trains after the last reset");
            Assert.That(run.Trainer.Scheduler.Position, Is.EqualTo(30), "the learning-rate schedule is not reset");
        }
    }

    [Test]
    public void WithLthAndRewindEpoch1TheWeightsGoBackToTheStartOfEpoch1()
    {
        using var rewind = new RewindPointCallback(TrainingDuration.Epochs(1));
        GradualRun? run = null;
        var resets = 0;
        var probe = new Probe
        {
            BeforeStep = s =>
            {
                if (run!.Pruning.History is [.., var last] && last.Iteration == s.Iteration)
                {
                    Assert.That(GradualRun.HoldsMasked(s.Model, rewind.Checkpoint!.ModelState, run.Pruning.Mask), Is.True, $"epoch-1 weights ⊙ mask at iteration {s.Iteration}");
                    resets++;
                }
            },
        };
        var schedule = GradualSchedules.Iterative(0.5, 2, o =>
        {
            o.StartFraction = 0.4;
            o.ResetAfterEachPrune = true;
            o.RewindEpoch = 1;
        });
        run = new GradualRun(schedule, more: [rewind, probe]);
        using (run)
        {
            run.Run();

            Assert.That(resets, Is.EqualTo(2));
            Assert.That(run.Pruning.SnapshotIteration, Is.EqualTo(10));
            using var scope = NewDisposeScope();
            Assert.That(run.Pruning.Snapshot!.All(e => GradualRun.Same(e.Value, rewind.Checkpoint!.ModelState[e.Key])), Is.True, "the snapshot is the state at the start of epoch 1");
        }
    }

    [Test]
    public void ARewindPointAfterTheFirstPruningStepFailsBeforeTraining()
    {
        var schedule = GradualSchedules.Agp(0.5, o =>
        {
            o.ResetAfterEachPrune = true;
            o.RewindEpoch = 1;
        });
        using var run = new GradualRun(schedule);

        var error = Assert.Throws<ArgumentException>(() => run.Run());
        Assert.That(
            error!.Message,
            Does.StartWith("The rewind point (start of epoch 1, iteration 10) comes after the first pruning step at iteration 7, but the weights to reset to must be saved before the first pruning step. Lower 'RewindEpoch' or start pruning later ('StartFraction')."));
        Assert.That(run.Trainer.Iteration, Is.Zero, "nothing was trained");
    }

    [Test]
    public void WithResetAtEndTheTrainedWeightsAndMetricsAreRecordedAndTheModelEndsAsSnapshotTimesFinalMask()
    {
        var options = new Action<GradualScheduleOptions>(o => o.PruneEvery = 4);
        using var plain = new GradualRun(GradualSchedules.Agp(0.7, options));
        var plainResult = plain.Run();
        using var reset = new GradualRun(GradualSchedules.Agp(0.7, o =>
        {
            options(o);
            o.ResetAtEnd = true;
        }));
        var resetResult = reset.Run();

        Assert.That(reset.Pruning.IsResetAtEndDone, Is.True);
        Assert.That(reset.Pruning.Mask.ContentEquals(plain.Pruning.Mask), Is.True, "the reset keeps the mask");
        Assert.That(resetResult.Evaluations, Is.EqualTo(plainResult.Evaluations), "the run's metrics are those of the trained network");
        Assert.That(reset.Pruning.TrainedEvaluation, Is.EqualTo(plainResult.Final));
        using var scope = NewDisposeScope();
        var trained = plain.Model.state_dict();
        Assert.That(reset.Pruning.TrainedWeights!.Keys, Is.EquivalentTo(trained.Keys));
        Assert.That(reset.Pruning.TrainedWeights.All(e => GradualRun.Same(e.Value, trained[e.Key])), Is.True, "the trained weights were recorded before the reset");

        using var init = new TinyMlp(1);
        Assert.That(GradualRun.HoldsMasked(reset.Model, init.state_dict(), reset.Pruning.Mask), Is.True, "initialization ⊙ final mask, bit for bit");
        using var ticket = reset.Pruning.CreateTicket();
        Assert.That(ticket.StartIteration, Is.Zero);
        Assert.That(ticket.Mask.ContentEquals(reset.Pruning.Mask), Is.True);
        using var fresh = new TinyMlp(77);
        ticket.ApplyTo(fresh);
        Assert.That(TinyTask.SameWeights(fresh, reset.Model), Is.True, "the ticket rebuilds the reset model");
    }

    [Test]
    public void TheConvenienceRunReturnsTheMaskHistoryTicketAndTheTicketsEvaluation()
    {
        using var model = new TinyMlp(1);
        using var result = GradualPruning.Train(
            model, TinyTask.Train, TinyTask.Validation, TinyTask.Test, TinyTask.Options(),
            GradualSchedules.Iterative(0.5, 2, o => o.ResetAtEnd = true), seed: 3);

        Assert.That(result.Training.IsComplete, Is.True);
        Assert.That(result.History, Has.Count.EqualTo(2));
        Assert.That(result.Mask.Sparsity().PercentRemaining, Is.EqualTo(result.History[^1].PercentRemaining));
        Assert.That(result.Ticket, Is.Not.Null);
        Assert.That(result.TicketEvaluation, Is.Not.Null);
        Assert.That(result.TicketEvaluation!.ValidationLoss, Is.Not.EqualTo(result.Training.Final!.ValidationLoss), "the ticket is evaluated untrained");
        using var init = new TinyMlp(1);
        using var scope = NewDisposeScope();
        Assert.That(GradualRun.HoldsMasked(model, init.state_dict(), result.Mask), Is.True);
    }
}
