using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography;
using LotteryTickets.Datasets.Locating;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LotteryTickets.Datasets.Download;

/// <summary>
/// Downloads dataset files over HTTP(S) and verifies their SHA-256. Each file is written to
/// <c>&lt;name&gt;.partial</c> in the target folder, verified, and only then moved to its final name, so a final
/// name never holds a half or wrong file; a failed download leaves nothing behind. Interrupted transfers are
/// retried, resuming with an HTTP Range request when the server supports it. When the server cannot be reached
/// at all (connection refused, unknown host, no route), it fails at once with a message saying which files to put where.
/// </summary>
public sealed class DatasetDownloader : IDisposable
{
    private readonly HttpClient client;
    private readonly bool ownsClient;
    private readonly DownloadOptions options;
    private readonly ILogger logger;

    /// <summary>Creates a downloader with its own HTTP client.</summary>
    /// <exception cref="ArgumentException">The options are invalid (every problem is listed).</exception>
    public DatasetDownloader(DownloadOptions? options = null, ILogger? logger = null)
        : this(CreateClient(options ?? new DownloadOptions()), ownsClient: true, options, logger)
    {
    }

    /// <summary>Creates a downloader over <paramref name="client"/>, which the caller keeps owning.</summary>
    /// <exception cref="ArgumentException">The options are invalid (every problem is listed).</exception>
    public DatasetDownloader(HttpClient client, DownloadOptions? options = null, ILogger? logger = null)
        : this(client, ownsClient: false, options, logger)
    {
    }

    private DatasetDownloader(HttpClient client, bool ownsClient, DownloadOptions? options, ILogger? logger)
    {
        ArgumentNullException.ThrowIfNull(client);
        this.options = options ?? new DownloadOptions();
        this.options.Validate();
        this.client = client;
        this.ownsClient = ownsClient;
        this.logger = logger ?? NullLogger.Instance;
    }

    /// <summary>
    /// Downloads every remote file of <paramref name="dataset"/> that <paramref name="folder"/> does not hold yet,
    /// verifies it, and extracts archives (then removes them).
    /// </summary>
    /// <exception cref="DatasetDownloadException">A download failed; the message says which files to put where.</exception>
    /// <exception cref="DatasetFormatException">A downloaded archive is corrupt or incomplete.</exception>
    public async Task DownloadAsync(DatasetDescriptor dataset, string folder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(folder);
        var baseUrl = options.Mirror ?? dataset.DownloadBaseUrl ?? throw new InvalidOperationException(
            $"The dataset '{dataset.DisplayName}' has no known download location. Put the files {DatasetLocator.DescribeFiles(dataset)} into '{folder}' yourself, or set DownloadOptions.Mirror.");
        baseUrl = WithTrailingSlash(baseUrl);
        var manual = ManualInstructions(dataset, folder, baseUrl);
        foreach (var remote in dataset.RemoteFiles)
        {
            var url = new Uri(baseUrl, remote.FileName);
            var target = Path.Combine(folder, remote.FileName);
            if (remote.IsTarGzArchive)
            {
                if (dataset.RequiredFiles.All(f => File.Exists(Path.Combine(folder, f))))
                {
                    continue;
                }

                await DownloadFileAsync(url, target, remote.Sha256, manual, cancellationToken).ConfigureAwait(false);
                try
                {
                    var count = await TarGzExtractor.ExtractAsync(target, folder, dataset.RequiredFiles, cancellationToken).ConfigureAwait(false);
                    DownloadLog.Extracted(logger, count, target, folder);
                }
                finally
                {
                    TryDelete(target);
                }
            }
            else if (!File.Exists(target))
            {
                await DownloadFileAsync(url, target, remote.Sha256, manual, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Downloads <paramref name="url"/> to <paramref name="destinationPath"/>, which appears only once its
    /// SHA-256 equals <paramref name="expectedSha256"/>.
    /// </summary>
    /// <exception cref="DatasetDownloadException">The download failed or the checksum differs; the destination is absent.</exception>
    public Task DownloadFileAsync(Uri url, string destinationPath, string expectedSha256, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(destinationPath);
        var folder = Path.GetDirectoryName(Path.GetFullPath(destinationPath)) ?? ".";
        var manual = $"Download '{url}' on a machine with network access and put it into '{folder}' as '{Path.GetFileName(destinationPath)}'.";
        return DownloadFileAsync(url, destinationPath, expectedSha256, manual, cancellationToken);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (ownsClient)
        {
            client.Dispose();
        }
    }

    private static HttpClient CreateClient(DownloadOptions options) =>
        new(new SocketsHttpHandler { ConnectTimeout = options.ConnectTimeout, AutomaticDecompression = DecompressionMethods.None })
        {
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        };

    private static Uri WithTrailingSlash(Uri url) =>
        url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/");

    private static string ManualInstructions(DatasetDescriptor dataset, string folder, Uri baseUrl) =>
        $"Download {string.Join(", ", dataset.RemoteFiles.Select(r => r.FileName))} from {baseUrl} on a machine with network access "
        + (dataset.RemoteFiles.Any(r => r.IsTarGzArchive) ? $"and extract {string.Join(", ", dataset.RequiredFiles)} from it " : "")
        + $"into '{folder}', or set {dataset.EnvironmentVariable} to a folder that holds {DatasetLocator.DescribeFiles(dataset)}.";

    private static bool IsUnreachable(HttpRequestException e) =>
        e.HttpRequestError is HttpRequestError.NameResolutionError
        || e.InnerException is SocketException
        {
            SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.HostUnreachable
                or SocketError.NetworkUnreachable or SocketError.NetworkDown or SocketError.TryAgain or SocketError.NoData,
        };

    private static bool IsRetryable(HttpStatusCode status) =>
        (int)status >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: a leftover '.partial' file is never mistaken for the final file.
        }
    }

    private static string Describe(Exception e) => e switch
    {
        HttpRequestException { StatusCode: { } status } => string.Create(CultureInfo.InvariantCulture, $"the server answered {(int)status} ({status})"),
        OperationCanceledException => "the attempt timed out",
        _ => e.Message,
    };

    private async Task DownloadFileAsync(Uri url, string destinationPath, string expectedSha256, string manual, CancellationToken cancellationToken)
    {
        var destination = Path.GetFullPath(destinationPath);
        var partial = destination + ".partial";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DatasetDownloadException(url, destination, $"The folder of '{destination}' cannot be created ({e.Message}). Choose a writable folder. {manual}", e);
        }

        Exception? failure = null;
        for (var attempt = 1; attempt <= options.MaxAttempts; attempt++)
        {
            try
            {
                await TransferAsync(url, partial, attempt, cancellationToken).ConfigureAwait(false);
                failure = null;
                break;
            }
            catch (HttpRequestException e) when (IsUnreachable(e))
            {
                TryDelete(partial);
                throw new DatasetDownloadException(
                    url,
                    destination,
                    $"Cannot download '{url}': the server '{url.Authority}' cannot be reached ({e.InnerException?.Message ?? e.Message}); this machine seems to be offline. {manual}",
                    e);
            }
            catch (HttpRequestException e) when (e.StatusCode is { } status && !IsRetryable(status))
            {
                TryDelete(partial);
                throw new DatasetDownloadException(
                    url,
                    destination,
                    string.Create(CultureInfo.InvariantCulture, $"Cannot download '{url}': the server answered {(int)status} ({status}). Check the URL or the mirror (DownloadOptions.Mirror). Nothing was saved as '{destination}'. {manual}"),
                    e);
            }
            catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                failure = e;
                DownloadLog.AttemptFailed(logger, attempt, url, Describe(e));
                if (attempt < options.MaxAttempts && options.RetryDelay > TimeSpan.Zero)
                {
                    await Task.Delay(options.RetryDelay * attempt, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        if (failure is not null)
        {
            TryDelete(partial);
            throw new DatasetDownloadException(
                url,
                destination,
                string.Create(CultureInfo.InvariantCulture, $"Cannot download '{url}': all {options.MaxAttempts} attempts failed, the last because {Describe(failure)}. Nothing was saved as '{destination}'. Try again later or use another mirror (DownloadOptions.Mirror). {manual}"),
                failure);
        }

        var actual = await Sha256Async(partial, cancellationToken).ConfigureAwait(false);
        if (!string.Equals(actual, expectedSha256, StringComparison.OrdinalIgnoreCase))
        {
            TryDelete(partial);
            throw new DatasetDownloadException(
                url,
                destination,
                $"The file downloaded from '{url}' has SHA-256 {actual}, not the expected {expectedSha256.ToLowerInvariant()}: it was corrupted in transit or the server holds another file. Nothing was saved as '{destination}'. Try again, or use another mirror (DownloadOptions.Mirror). {manual}");
        }

        File.Move(partial, destination, overwrite: true);
        DownloadLog.Saved(logger, destination, new FileInfo(destination).Length);
    }

    private async Task TransferAsync(Uri url, string partial, int attempt, CancellationToken cancellationToken)
    {
        var offset = File.Exists(partial) ? new FileInfo(partial).Length : 0;
        DownloadLog.Attempt(logger, url, partial, attempt, options.MaxAttempts, offset);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (offset > 0)
        {
            request.Headers.Range = new RangeHeaderValue(offset, null);
        }

        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable && offset > 0)
        {
            TryDelete(partial);
            throw new IOException("the server could not resume the partial file, so the next attempt starts over");
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException(
                string.Create(CultureInfo.InvariantCulture, $"The server answered {(int)response.StatusCode} ({response.StatusCode}) for '{url}'."),
                null,
                response.StatusCode);
        }

        var resume = offset > 0
            && response.StatusCode == HttpStatusCode.PartialContent
            && response.Content.Headers.ContentRange?.From == offset;
        var expectedLength = response.Content.Headers.ContentLength;
        await using var body = await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
        await using var file = new FileStream(partial, resume ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        var start = file.Position;
        await body.CopyToAsync(file, timeout.Token).ConfigureAwait(false);
        var received = file.Position - start;
        if (expectedLength is { } length && received != length)
        {
            throw new IOException(string.Create(
                CultureInfo.InvariantCulture, $"the transfer ended after {received} of {length} bytes"));
        }
    }

    private static async Task<string> Sha256Async(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        var hash = await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false);
        return Convert.ToHexStringLower(hash);
    }
}
