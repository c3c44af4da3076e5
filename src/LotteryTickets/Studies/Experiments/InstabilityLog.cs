using Microsoft.Extensions.Logging;

namespace LotteryTickets.Experiments;

/// <summary>The log messages of instability analyses.</summary>
internal static partial class InstabilityLog
{
    [LoggerMessage(EventId = 201, Level = LogLevel.Information, Message = "Instability analysis ({Analysis}) started at {PercentRemaining:G4}% weights remaining.")]
    public static partial void Started(ILogger logger, string analysis, double percentRemaining);

    [LoggerMessage(EventId = 202, Level = LogLevel.Debug, Message = "Instability analysis ({Analysis}): copy {Copy} trains (or resumes, or is read when done).")]
    public static partial void CopyStarted(ILogger logger, string analysis, string copy);

    [LoggerMessage(EventId = 203, Level = LogLevel.Information, Message = "Instability analysis ({Analysis}) finished: instability {Instability:P2}, mean endpoint error {EndpointError:P2}.")]
    public static partial void Finished(ILogger logger, string analysis, double instability, double endpointError);

    [LoggerMessage(EventId = 205, Level = LogLevel.Information, Message = "Instability analysis: the masks at rewind point {Rewind} come from the IMP chain rewound to it, the plan in '{Folder}'.")]
    public static partial void MaskChain(ILogger logger, string rewind, string folder);

    [LoggerMessage(EventId = 204, Level = LogLevel.Information, Message = "Trial {Trial}: training the dense network to the rewind point {Rewind} of the instability analysis.")]
    public static partial void RewindStateStarted(ILogger logger, int trial, string rewind);
}
