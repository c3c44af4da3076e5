using Microsoft.Extensions.Logging;

namespace LotteryTickets.Storage;

/// <summary>The log messages of one run (<see cref="RunExecutor"/>).</summary>
internal static partial class RunLog
{
    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "Run ({Run}) started at {PercentRemaining:G4}% weights remaining.")]
    public static partial void Started(ILogger logger, string run, double percentRemaining);

    [LoggerMessage(EventId = 103, Level = LogLevel.Information, Message = "Run ({Run}) resumes from its checkpoint at iteration {Iteration}.")]
    public static partial void Resumed(ILogger logger, string run, long iteration);

    [LoggerMessage(EventId = 104, Level = LogLevel.Information, Message = "Run ({Run}) finished: early stop at iteration {EarlyStopIteration} with test accuracy {TestAccuracy:P2}; final test accuracy {FinalTestAccuracy:P2}.")]
    public static partial void Finished(ILogger logger, string run, int earlyStopIteration, double testAccuracy, double finalTestAccuracy);

    [LoggerMessage(EventId = 106, Level = LogLevel.Warning, Message = "Run ({Run}) was cancelled at iteration {Iteration}; its checkpoint is saved and running the plan again resumes it.")]
    public static partial void Cancelled(ILogger logger, string run, long iteration);
}
