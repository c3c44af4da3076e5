namespace LotteryTickets.Datasets;

/// <summary>
/// A dataset's files could not be found or opened. The message lists every place tried, which
/// files are needed and where to put them.
/// </summary>
public class DatasetNotFoundException : IOException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="datasetName">The dataset (or file) that was looked for.</param>
    /// <param name="placesTried">Each place tried, with why it did not qualify.</param>
    /// <param name="message">The full message.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public DatasetNotFoundException(
        string datasetName, IReadOnlyList<string> placesTried, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        DatasetName = datasetName;
        PlacesTried = placesTried;
    }

    /// <summary>The dataset (or file) that was looked for.</summary>
    public string DatasetName { get; }

    /// <summary>Each place tried, in order, with why it did not qualify.</summary>
    public IReadOnlyList<string> PlacesTried { get; }
}
