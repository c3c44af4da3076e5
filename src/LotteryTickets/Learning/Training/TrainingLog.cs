using Microsoft.Extensions.Logging;

namespace LotteryTickets.Training;

/// <summary>The log messages of <see cref="LoggingCallback"/>.</summary>
internal static partial class TrainingLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Training from iteration {Iteration} to {TotalIterations} ({BatchesPerEpoch} batches per epoch).")]
    public static partial void Started(ILogger logger, long iteration, long totalIterations, int batchesPerEpoch);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Iteration {Iteration}: train loss {TrainLoss}, validation loss {ValidationLoss:F4} accuracy {ValidationAccuracy:P2}, test loss {TestLoss:F4} accuracy {TestAccuracy:P2}.")]
    public static partial void Evaluated(
        ILogger logger, long iteration, string trainLoss, double validationLoss, double validationAccuracy, double testLoss, double testAccuracy);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Training finished at iteration {Iteration}.")]
    public static partial void Finished(ILogger logger, long iteration);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Training stopped at iteration {Iteration} of {TotalIterations}: {Reason}")]
    public static partial void Stopped(ILogger logger, long iteration, long totalIterations, string reason);

    [LoggerMessage(EventId = 5, Level = LogLevel.Debug, Message = "Iteration {Iteration}: loss {Loss}.")]
    public static partial void StepLoss(ILogger logger, long iteration, double loss);
}
