using System.Globalization;
using LotteryTickets.Datasets;
using LotteryTickets.Masks;
using LotteryTickets.Pruning;
using LotteryTickets.Results;
using LotteryTickets.Storage;
using LotteryTickets.Training;
using Microsoft.Extensions.Logging;
using TorchSharp;
using LotteryTickets.Serialization;
using static TorchSharp.torch;

namespace LotteryTickets.Experiments;

/// <summary>
/// Runs (or resumes) one trial of a plan with an <see cref="IGradualPruneSchedule"/>: the training run
/// <c>level_0/main</c> pruned by a <see cref="GradualPruningCallback"/>, then, under
/// <see cref="IGradualPruneSchedule.ResetAtEnd"/>, the evaluation of the reset ticket into <c>level_0/ticket</c>.
/// </summary>
internal sealed class GradualTrialRunner(
    ExperimentPlan plan,
    DatasetSplits data,
    Func<Generator, nn.Module<Tensor, Tensor>> factory,
    IReadOnlyList<PrunableLayer> layers,
    CancellationToken cancellationToken,
    ILogger logger)
{
    private ExperimentLayout Layout => plan.Layout;

    /// <summary>Trains (or resumes) the trial's gradual run, <c>level_0/main</c>.</summary>
    public void TrainMain(int trial, IGradualPruneSchedule schedule) =>
        Train(Layout.Run(trial, 0), new TrialSeeds(plan.Seed, trial), schedule);

    /// <summary>Evaluates the reset ticket of the trial's finished gradual run into <c>level_0/ticket</c>.</summary>
    public void EvaluateTicket(int trial) =>
        EvaluateTicket(Layout.Run(trial, 0), Layout.Run(trial, 0, ExperimentPlan.TicketBranch), new TrialSeeds(plan.Seed, trial));

    private void Train(RunPaths run, TrialSeeds seeds, IGradualPruneSchedule schedule)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var key = run.Key;
        var paths = run.EnsureFolder();
        using var scope = torch.NewDisposeScope();
        var options = plan.TrainingFor(seeds);
        using var initGenerator = new Generator(seeds.Init);
        using var model = factory(initGenerator);
        using var generator = new Generator(seeds.Gradual);
        using var pruning = new GradualPruningCallback(schedule, layers, generator, plan.Criterion);
        using var trainer = new Trainer(model, data.Train, data.Validation!, data.Test, options);
        trainer.Callbacks.Add(pruning);

        var checkpointFolder = Path.Combine(paths.Folder, ExperimentRunner.CheckpointFolderName);
        if (TrainingCheckpoint.Exists(checkpointFolder))
        {
            using var latest = TrainingCheckpoint.Load(checkpointFolder);
            trainer.Restore(latest, CheckpointRestoreMode.Resume);
            ExperimentLog.RunResumed(logger, key.ToString(), latest.Iteration);
        }
        else
        {
            ExperimentLog.RunStarted(logger, key.ToString(), 100);
        }

        var result = ExperimentRunner.RunChecked(plan, trainer, key, checkpointFolder, logger, cancellationToken);

        SafeTensors.Save(paths.FinalFile, pruning.TrainedWeights ?? model.state_dict());
        using var ticket = pruning.CreateTicket();
        ticket.Mask.Save(paths.MaskFile);
        ticket.ApplyTo(model);
        SafeTensors.Save(paths.StartFile, model.state_dict());
        var metrics = new RunMetrics(result.Evaluations.Select(e => new Evaluation(
            checked((int)e.Iteration), e.ValidationLoss, e.ValidationAccuracy, e.TestLoss, e.TestAccuracy, e.TrainLoss)));
        RunResultsWriter.WriteMetrics(paths, metrics);
        RunResultsWriter.WriteSparsity(paths, ticket.Mask.Sparsity());
        FolderLeftovers.RemoveCheckpoints(paths.Folder, ExperimentRunner.CheckpointFolderName);
        RunResultsWriter.MarkDone(paths);
        ExperimentLog.RunFinished(logger, key.ToString(), metrics.EarlyStopIteration, metrics.TestAccuracyAtEarlyStop, metrics.FinalTestAccuracy);
    }

    /// <summary>Evaluates the ticket stored by the finished main run (its start weights under its mask), untrained, at iteration 0.</summary>
    private void EvaluateTicket(RunPaths main, RunPaths run, TrialSeeds seeds)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var paths = run.EnsureFolder();
        using var scope = torch.NewDisposeScope();
        var options = plan.TrainingFor(seeds);
        using var generator = new Generator(seeds.Init);
        using var model = factory(generator);
        using var mask = Mask.Load(main.MaskFile, layers);
        StateDicts.Load(model, SafeTensors.Load(main.StartFile));
        using (var masked = new MaskedModel(model, mask))
        {
            masked.ApplyToWeights();
        }

        using var trainer = new Trainer(model, data.Train, data.Validation!, data.Test, options);
        var e = trainer.Evaluate();
        mask.Save(paths.MaskFile);
        var weights = model.state_dict();
        SafeTensors.Save(paths.StartFile, weights);
        SafeTensors.Save(paths.FinalFile, weights);
        var metrics = new RunMetrics([new Evaluation(0, e.ValidationLoss, e.ValidationAccuracy, e.TestLoss, e.TestAccuracy, e.TrainLoss)]);
        RunResultsWriter.WriteMetrics(paths, metrics);
        RunResultsWriter.WriteSparsity(paths, mask.Sparsity());
        RunResultsWriter.MarkDone(paths);
        ExperimentLog.RunFinished(logger, run.Key.ToString(), metrics.EarlyStopIteration, metrics.TestAccuracyAtEarlyStop, metrics.FinalTestAccuracy);
    }
}
