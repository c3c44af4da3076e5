using System.Globalization;
using LotteryTickets.Results;
using LotteryTickets.Serialization;
using LotteryTickets.Tickets;
using LotteryTickets.Training;
using Microsoft.Extensions.Logging;
using TorchSharp;
using static TorchSharp.torch;

namespace LotteryTickets.Storage;

/// <summary>
/// The one recipe that trains a run: the network from its factory and seed, its trainer, the rewind point restored
/// (optimizer state, schedule and data position), the start weights loaded and the mask applied, the run's own
/// checkpoint resumed when its folder has one, checkpoints every interval and when stopped; once complete, the run's
/// files written by its <see cref="IRunOutput"/>, the checkpoints removed and <c>done</c> written last. Dense, level,
/// branch, gradual and ticket runs and the instability copies all go through it.
/// </summary>
/// <param name="logger">Where the run's progress is logged.</param>
/// <param name="checkpointInterval">How often a run checkpoints, or <see langword="null"/> only when stopped.</param>
internal sealed class RunExecutor(ILogger logger, TrainingDuration? checkpointInterval)
{
    /// <summary>The folder, inside a run's folder, holding its latest checkpoint while it is unfinished.</summary>
    public const string CheckpointFolderName = "checkpoint";

    /// <summary>Trains (or resumes, or only evaluates) <paramref name="job"/> and stores it through <paramref name="output"/>.</summary>
    /// <param name="job">What to train.</param>
    /// <param name="folder">The run's folder (created if missing), holding its checkpoint; <see langword="null"/> to keep no checkpoint.</param>
    /// <param name="output">What the run stores.</param>
    /// <param name="cancellationToken">Stops training between steps; the checkpoint is saved first.</param>
    /// <returns>The run's metrics.</returns>
    /// <exception cref="OperationCanceledException">Cancelled; with a folder, its checkpoint was saved.</exception>
    /// <exception cref="TrainingDivergedException">The run diverged; it is not marked done.</exception>
    public RunMetrics Execute(RunJob job, string? folder, IRunOutput output, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        using var scope = torch.NewDisposeScope();
        using var generator = new Generator(job.ModelSeed);
        using var model = job.ModelFactory(generator);
        using var trainer = new Trainer(model, job.TrainingSet, job.ValidationSet, job.TestSet, job.Options);
        if (job.RewindPoint is not null)
        {
            trainer.Restore(job.RewindPoint, CheckpointRestoreMode.Rewind);
        }

        if (job.StartWeights is not null)
        {
            StateDicts.Load(model, job.StartWeights);
        }

        using var masking = job.Mask is null ? null : new TicketMaskingCallback(model, job.Mask, job.PrunedValues);
        masking?.Apply();
        output.Started(model);
        var metrics = job.EvaluateOnly ? new RunMetrics([trainer.Evaluate() with { Iteration = 0 }]) : Train(job, folder, trainer, masking, cancellationToken);
        output.Write(model, metrics);
        if (folder is not null)
        {
            FolderLeftovers.RemoveCheckpoints(folder, CheckpointFolderName);
        }

        output.MarkDone();
        RunLog.Finished(logger, job.Name, metrics.EarlyStopIteration, metrics.TestAccuracyAtEarlyStop, metrics.FinalTestAccuracy);
        return metrics;
    }

    private RunMetrics Train(RunJob job, string? folder, Trainer trainer, TicketMaskingCallback? masking, CancellationToken cancellationToken)
    {
        var sparsity = job.Mask?.Sparsity();
        if (masking is not null && (sparsity!.Remaining < sparsity.Total || masking.FreezesPrunedValues))
        {
            trainer.Callbacks.Add(masking);
        }

        foreach (var callback in job.Callbacks)
        {
            trainer.Callbacks.Add(callback);
        }

        if (folder is not null)
        {
            var checkpointFolder = Path.Combine(folder, CheckpointFolderName);
            trainer.Callbacks.Add(new CheckpointCallback(_ => checkpointFolder, CheckpointPoints(trainer)) { SaveOnStop = true });
            if (TrainingCheckpoint.Exists(checkpointFolder))
            {
                // After the callbacks are in place: a checkpoint holds the states of the checkpointable ones.
                using var latest = TrainingCheckpoint.Load(checkpointFolder);
                trainer.Restore(latest, CheckpointRestoreMode.Resume);
                RunLog.Resumed(logger, job.Name, latest.Iteration);
            }
            else
            {
                RunLog.Started(logger, job.Name, sparsity?.PercentRemaining ?? 100);
            }
        }

        TrainingResult result;
        try
        {
            result = trainer.Run(cancellationToken);
        }
        catch (TrainingDivergedException e)
        {
            throw new TrainingDivergedException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"The run ({job.Name}) diverged: {TrainingDivergedException.DescribeDivergence(e.Iteration, e.Loss)} Lower the learning rate (now {job.Options.LearningRate}) or add a warm-up; a plan with other training options is stored in a folder of its own. The run is not marked done, and the runs finished before it stay in the store."),
                e.Iteration,
                e.Loss,
                e);
        }

        if (!result.IsComplete)
        {
            RunLog.Cancelled(logger, job.Name, result.Iterations);
            cancellationToken.ThrowIfCancellationRequested();
            throw new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture, $"The run ({job.Name}) stopped at iteration {result.Iterations}: {result.StopReason}"));
        }

        return new RunMetrics(result.Evaluations);
    }

    private List<TrainingDuration> CheckpointPoints(Trainer trainer)
    {
        var points = new List<TrainingDuration>();
        if (checkpointInterval is { } interval)
        {
            var step = interval.ToIterations(trainer.Loader.BatchesPerEpoch);
            for (var k = step; step > 0 && k < trainer.TotalIterations; k += step)
            {
                points.Add(TrainingDuration.Iterations(k));
            }
        }

        return points;
    }
}
