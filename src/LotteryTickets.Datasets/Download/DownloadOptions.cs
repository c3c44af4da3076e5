using System.Globalization;

namespace LotteryTickets.Datasets.Download;

/// <summary>The options of a <see cref="DatasetDownloader"/>.</summary>
public sealed class DownloadOptions
{
    /// <summary>A base URL that replaces each dataset's own (a mirror holding the same file names), or <see langword="null"/>.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public Uri? Mirror { get; init; }

    /// <summary>The longest one attempt at one file may take, connection and transfer included.</summary>
    /// <value>The default value is 10 minutes.</value>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The longest establishing a connection may take.</summary>
    /// <value>The default value is 15 seconds.</value>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>The number of attempts per file; later attempts resume with an HTTP Range request where the server allows it.</summary>
    /// <value>The default value is 3.</value>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>The pause before the second attempt; it grows linearly with the attempt number.</summary>
    /// <value>The default value is 1 second.</value>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Checks every option at once.</summary>
    /// <exception cref="ArgumentException">Lists every invalid option.</exception>
    internal void Validate()
    {
        var errors = Errors();
        if (errors.Count > 0)
        {
            throw new ArgumentException(
                "The 'DownloadOptions' are invalid." + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "- " + e)));
        }
    }

    /// <summary>Every invalid option, described in one sentence each.</summary>
    internal List<string> Errors()
    {
        var errors = new List<string>();
        if (Timeout <= TimeSpan.Zero) errors.Add($"'Timeout' is {Timeout}; it must be positive.");
        if (ConnectTimeout <= TimeSpan.Zero) errors.Add($"'ConnectTimeout' is {ConnectTimeout}; it must be positive.");
        if (MaxAttempts < 1) errors.Add(string.Create(CultureInfo.InvariantCulture, $"'MaxAttempts' is {MaxAttempts}; it must be at least 1."));
        if (RetryDelay < TimeSpan.Zero) errors.Add($"'RetryDelay' is {RetryDelay}; it must be zero or positive.");
        if (Mirror is { IsAbsoluteUri: false } || Mirror is { Scheme: not ("http" or "https") })
        {
            errors.Add($"'Mirror' is '{Mirror}'; it must be an absolute http or https URL.");
        }

        return errors;
    }
}
