using System.Globalization;
using Microsoft.Extensions.Logging;

namespace LotteryTickets.Training;

/// <summary>
/// Logs the start and end of training and every evaluation at <see cref="LogLevel.Information"/>, a
/// stop at <see cref="LogLevel.Warning"/>, and each step's loss at <see cref="LogLevel.Debug"/>.
/// </summary>
/// <param name="logger">Where to log.</param>
public sealed class LoggingCallback(ILogger logger) : ITrainingCallback
{
    private readonly ILogger logger = logger ?? throw new ArgumentNullException(nameof(logger));

    /// <inheritdoc />
    public void OnTrainingStart(TrainingState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        TrainingLog.Started(logger, state.Iteration, state.TotalIterations, state.BatchesPerEpoch);
    }

    /// <inheritdoc />
    public void OnEvaluation(TrainingState state, EvaluationRecord evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        TrainingLog.Evaluated(
            logger,
            evaluation.Iteration,
            evaluation.TrainLoss?.ToString("F4", CultureInfo.InvariantCulture) ?? "n/a",
            evaluation.ValidationLoss,
            evaluation.ValidationAccuracy,
            evaluation.TestLoss,
            evaluation.TestAccuracy);
    }

    /// <inheritdoc />
    public void OnIterationEnd(TrainingState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.LastLoss is { } loss && logger.IsEnabled(LogLevel.Debug))
        {
            TrainingLog.StepLoss(logger, state.Iteration, loss);
        }
    }

    /// <inheritdoc />
    public void OnTrainingEnd(TrainingState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.StopReason is { } reason)
        {
            TrainingLog.Stopped(logger, state.Iteration, state.TotalIterations, reason);
        }
        else
        {
            TrainingLog.Finished(logger, state.Iteration);
        }
    }
}
