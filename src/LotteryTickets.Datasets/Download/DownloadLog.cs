using Microsoft.Extensions.Logging;

namespace LotteryTickets.Datasets.Download;

/// <summary>The download progress messages.</summary>
internal static partial class DownloadLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Downloading {Url} to {Path} (attempt {Attempt} of {MaxAttempts}, resuming at byte {Offset})")]
    public static partial void Attempt(ILogger logger, Uri url, string path, int attempt, int maxAttempts, long offset);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Attempt {Attempt} at {Url} failed: {Reason}")]
    public static partial void AttemptFailed(ILogger logger, int attempt, Uri url, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Saved {Path} ({Bytes} bytes, SHA-256 verified)")]
    public static partial void Saved(ILogger logger, string path, long bytes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Extracted {Count} files from {Archive} into {Folder}")]
    public static partial void Extracted(ILogger logger, int count, string archive, string folder);
}
