namespace LotteryTickets.Datasets.Download;

/// <summary>
/// A download failed: the network is unreachable, the server refused or broke off the transfer, or the file's
/// SHA-256 was wrong. Nothing is ever left under the final file name. The message says what to do.
/// </summary>
public class DatasetDownloadException : IOException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="url">The URL being downloaded.</param>
    /// <param name="filePath">The file it was to be saved as.</param>
    /// <param name="message">A sentence naming the URL and file, what went wrong and what to do.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public DatasetDownloadException(Uri url, string filePath, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Url = url;
        FilePath = filePath;
    }

    /// <summary>The URL being downloaded.</summary>
    public Uri Url { get; }

    /// <summary>The file it was to be saved as (absent after the failure).</summary>
    public string FilePath { get; }
}
