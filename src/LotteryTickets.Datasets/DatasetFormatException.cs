namespace LotteryTickets.Datasets;

/// <summary>
/// A dataset file exists but its content is not what its format requires: a wrong magic number,
/// a truncated file, a record size that does not divide the file, or images and labels that do not match.
/// The message names the file, says what is wrong and what to do.
/// </summary>
public class DatasetFormatException : IOException
{
    /// <summary>Creates the exception for <paramref name="filePath"/>.</summary>
    /// <param name="filePath">The file whose content is wrong.</param>
    /// <param name="message">A sentence that names the file, states the rule and says what to do.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public DatasetFormatException(string filePath, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        FilePath = filePath;
    }

    /// <summary>The file whose content is wrong.</summary>
    public string FilePath { get; }
}
