using System.Globalization;
using LotteryTickets.Results;
using LotteryTickets.Training;
using Microsoft.Extensions.Logging;

namespace LotteryTickets.Experiments;

/// <summary>
/// Runs a prepared <see cref="Trainer"/> for one run of a plan: checkpoints into the run's folder every
/// <see cref="ExperimentPlan.CheckpointInterval"/> and on stop (so a killed run resumes), reports
/// progress, and turns a cancelled run into <see cref="OperationCanceledException"/>.
/// </summary>
internal static class CheckpointedRun
{
    public static TrainingResult Run(
        ExperimentPlan plan, Trainer trainer, RunKey key, string checkpointFolder, ILogger logger, CancellationToken cancellationToken)
    {
        var interval = plan.CheckpointInterval.ToIterations(trainer.Loader.BatchesPerEpoch);
        var points = new List<TrainingDuration>();
        for (var k = interval; k < trainer.TotalIterations; k += interval)
        {
            points.Add(TrainingDuration.Iterations(k));
        }

        trainer.Callbacks.Add(new CheckpointCallback(_ => checkpointFolder, points) { SaveOnStop = true });
        if (plan.Progress is { } progress)
        {
            trainer.Callbacks.Add(new ExperimentProgressCallback(progress, key, plan.Trials, plan.Levels));
        }

        var result = trainer.Run(cancellationToken);
        if (!result.IsComplete)
        {
            ExperimentLog.RunCancelled(logger, key.ToString(), result.Iterations);
            cancellationToken.ThrowIfCancellationRequested();
            throw new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture, $"The run ({key}) stopped at iteration {result.Iterations}: {result.StopReason}"));
        }

        return result;
    }
}
