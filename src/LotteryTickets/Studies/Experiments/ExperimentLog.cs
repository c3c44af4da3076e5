using Microsoft.Extensions.Logging;

namespace LotteryTickets.Experiments;

/// <summary>The log messages of an experiment run.</summary>
internal static partial class ExperimentLog
{
    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Experiment '{Name}' ({Trials} trial(s), {Levels} level(s), branches {Branches}) in '{Folder}'.")]
    public static partial void Started(ILogger logger, string name, int trials, int levels, string branches, string folder);

    [LoggerMessage(EventId = 107, Level = LogLevel.Information, Message = "Experiment '{Name}' finished: {Runs} run(s); tables and plots in '{Folder}'.")]
    public static partial void Finished(ILogger logger, string name, int runs, string folder);

    [LoggerMessage(EventId = 108, Level = LogLevel.Information, Message = "Shard {Shard} finished its share; {Pending} unit(s) of other shards remain. The report is written by the last process to finish, or by 'lottery report'.")]
    public static partial void ShareFinished(ILogger logger, string shard, int pending);

    [LoggerMessage(EventId = 109, Level = LogLevel.Warning, Message = "Another process took over ({Run}) after this one stayed silent past the stale time; it continues the run.")]
    public static partial void LockLost(ILogger logger, string run);

    [LoggerMessage(EventId = 110, Level = LogLevel.Information, Message = "({Run}), which shard {Shard} needs, has not been claimed by its own shard; this process does it.")]
    public static partial void TakingOver(ILogger logger, string run, string shard);

    [LoggerMessage(EventId = 111, Level = LogLevel.Information, Message = "Run ({Run}) is marked done but its files do not match its manifest ({Problems}); it is trained again from the start (training is deterministic, so it gives the same files).")]
    public static partial void RunDamaged(ILogger logger, string run, string problems);

    [LoggerMessage(EventId = 112, Level = LogLevel.Warning, Message = "Waiting for ({Run}): {Holder}.")]
    public static partial void Waiting(ILogger logger, string run, string holder);
}
