using System.Globalization;
using LotteryTickets.Datasets.Download;
using LotteryTickets.Datasets.Locating;
using Microsoft.Extensions.Logging;

namespace LotteryTickets.Datasets;

/// <summary>How a named dataset (<see cref="FashionMnist"/>, <see cref="Mnist"/>, …) is found, split and normalised.</summary>
public sealed class DatasetLoadOptions
{
    /// <summary>Frankle &amp; Carbin's validation set size: the last 5,000 training images.</summary>
    public const int DefaultValidationCount = 5000;

    /// <summary>A folder to look in first (and to download into, when downloading is allowed), or <see langword="null"/>.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? Folder { get; init; }

    /// <summary>The number of training samples, taken from the end, held out as the validation set; 0 for none.</summary>
    /// <value>The default value is 5,000.</value>
    public int ValidationCount { get; init; } = DefaultValidationCount;

    /// <summary>Whether to attach the dataset's standard normalisation (its training-set mean and std).</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool Normalize { get; init; } = true;

    /// <summary>
    /// Whether to download the files (verified by SHA-256) into <see cref="Folder"/>, or else the user cache folder,
    /// when they are found nowhere. The download runs synchronously inside <c>Load</c>; for asynchronous code, call
    /// <see cref="DatasetDownloader.DownloadAsync"/> first.
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool AllowDownload { get; init; }

    /// <summary>The download settings (mirror, timeout, retries), or <see langword="null"/> for the defaults.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public DownloadOptions? Download { get; init; }

    /// <summary>The locator, or <see langword="null"/> for <see cref="DatasetLocator.Default"/>.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public DatasetLocator? Locator { get; init; }

    /// <summary>A logger for download progress, or <see langword="null"/>.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public ILogger? Logger { get; init; }

    internal void Validate()
    {
        var errors = new List<string>();
        if (ValidationCount < 0)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"'ValidationCount' is {ValidationCount}; it must be 0 or more."));
        }

        if (Download is not null)
        {
            errors.AddRange(Download.Errors().Select(e => "'Download." + e[1..]));
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException(
                "The 'DatasetLoadOptions' are invalid." + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "- " + e)));
        }
    }
}
