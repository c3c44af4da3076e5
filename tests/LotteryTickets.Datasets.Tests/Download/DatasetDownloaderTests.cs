using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using LotteryTickets.Datasets.Download;
using LotteryTickets.Datasets.Locating;
using LotteryTickets.Datasets.Tests.TestSupport;

namespace LotteryTickets.Datasets.Tests.Download;

public class DatasetDownloaderTests
{
    private static readonly byte[] Content = [.. Enumerable.Range(0, 50_000).Select(i => (byte)(i * 13 % 251))];
    private static readonly string ContentSha256 = Convert.ToHexStringLower(SHA256.HashData(Content));
    private static readonly DownloadOptions FastRetries = new() { MaxAttempts = 3, RetryDelay = TimeSpan.Zero, Timeout = TimeSpan.FromSeconds(20) };

    private TemporaryFolder folder = null!;

    [SetUp]
    public void CreateFolder() => folder = new TemporaryFolder();

    [TearDown]
    public void DeleteFolder() => folder.Dispose();

    [Test]
    public async Task AVerifiedDownloadIsSavedUnderItsFinalNameAndNothingElse()
    {
        await using var server = new LoopbackHttpServer(_ => new LoopbackResponse(200, Content));
        using var downloader = new DatasetDownloader(FastRetries);

        await downloader.DownloadFileAsync(new Uri(server.BaseUrl, "data.gz"), folder.File("data.gz"), ContentSha256);

        Assert.Multiple(() =>
        {
            Assert.That(File.ReadAllBytes(folder.File("data.gz")), Is.EqualTo(Content));
            Assert.That(folder.FileNames(), Is.EqualTo(new[] { "data.gz" }));
            Assert.That(server.Requests.Single().Path, Is.EqualTo("/data.gz"));
        });
    }

    [Test]
    public async Task AChecksumMismatchLeavesNoFileAndSaysBothHashes()
    {
        await using var server = new LoopbackHttpServer(_ => new LoopbackResponse(200, Content));
        using var downloader = new DatasetDownloader(FastRetries);
        var wrong = new string('0', 64);

        var ex = Assert.ThrowsAsync<DatasetDownloadException>(() =>
            downloader.DownloadFileAsync(new Uri(server.BaseUrl, "data.gz"), folder.File("data.gz"), wrong));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.Message, Does.Contain($"has SHA-256 {ContentSha256}, not the expected {wrong}").And.Contain("Nothing was saved"));
            Assert.That(folder.FileNames(), Is.Empty);
        });
    }

    [Test]
    public async Task AServerErrorIsRetriedThenReportedWithNoFileLeft()
    {
        await using var server = new LoopbackHttpServer(_ => new LoopbackResponse(500, []));
        using var downloader = new DatasetDownloader(FastRetries);

        var ex = Assert.ThrowsAsync<DatasetDownloadException>(() =>
            downloader.DownloadFileAsync(new Uri(server.BaseUrl, "data.gz"), folder.File("data.gz"), ContentSha256));

        Assert.Multiple(() =>
        {
            Assert.That(server.Requests, Has.Count.EqualTo(3));
            Assert.That(ex!.Message, Does.Contain("all 3 attempts failed, the last because the server answered 500 (InternalServerError)"));
            Assert.That(folder.FileNames(), Is.Empty);
        });
    }

    [Test]
    public async Task ANotFoundAnswerFailsAtOnceWithoutRetrying()
    {
        await using var server = new LoopbackHttpServer(_ => new LoopbackResponse(404, []));
        using var downloader = new DatasetDownloader(FastRetries);

        var ex = Assert.ThrowsAsync<DatasetDownloadException>(() =>
            downloader.DownloadFileAsync(new Uri(server.BaseUrl, "data.gz"), folder.File("data.gz"), ContentSha256));

        Assert.Multiple(() =>
        {
            Assert.That(server.Requests, Has.Count.EqualTo(1));
            Assert.That(ex!.Message, Does.Contain("answered 404 (NotFound)").And.Contain("DownloadOptions.Mirror"));
        });
    }

    [Test]
    public async Task AnInterruptedTransferResumesWithARangeRequest()
    {
        await using var server = new LoopbackHttpServer(r =>
            r.Number == 1 ? new LoopbackResponse(200, Content, CloseAfterBytes: 20_000) : new LoopbackResponse(200, Content, HonourRange: true));
        using var downloader = new DatasetDownloader(FastRetries);

        await downloader.DownloadFileAsync(new Uri(server.BaseUrl, "data.gz"), folder.File("data.gz"), ContentSha256);

        Assert.Multiple(() =>
        {
            Assert.That(server.Requests.Select(r => r.RangeStart), Is.EqualTo(new long?[] { null, 20_000 }));
            Assert.That(File.ReadAllBytes(folder.File("data.gz")), Is.EqualTo(Content));
            Assert.That(folder.FileNames(), Is.EqualTo(new[] { "data.gz" }));
        });
    }

    [Test]
    public async Task AnInterruptedTransferRestartsWhenTheServerIgnoresRanges()
    {
        await using var server = new LoopbackHttpServer(r =>
            r.Number == 1 ? new LoopbackResponse(200, Content, CloseAfterBytes: 7_000) : new LoopbackResponse(200, Content));
        using var downloader = new DatasetDownloader(FastRetries);

        await downloader.DownloadFileAsync(new Uri(server.BaseUrl, "data.gz"), folder.File("data.gz"), ContentSha256);

        Assert.That(File.ReadAllBytes(folder.File("data.gz")), Is.EqualTo(Content));
    }

    [Test]
    public async Task ATransferInterruptedEveryTimeFailsCleanly()
    {
        await using var server = new LoopbackHttpServer(_ => new LoopbackResponse(200, Content, CloseAfterBytes: 1_000));
        using var downloader = new DatasetDownloader(FastRetries);

        var ex = Assert.ThrowsAsync<DatasetDownloadException>(() =>
            downloader.DownloadFileAsync(new Uri(server.BaseUrl, "data.gz"), folder.File("data.gz"), ContentSha256));

        Assert.Multiple(() =>
        {
            Assert.That(server.Requests, Has.Count.EqualTo(3));
            Assert.That(ex!.Message, Does.Contain("all 3 attempts failed"));
            Assert.That(folder.FileNames(), Is.Empty);
        });
    }

    [Test]
    public void WithNoServerItFailsAtOnceSayingWhichFilesToPutWhere()
    {
        var dataset = new DatasetDescriptor
        {
            Name = "tiny",
            DisplayName = "Tiny",
            EnvironmentVariable = "LOTTERYTICKETS_TINY",
            RequiredFiles = ["a.bin", "b.bin"],
            DownloadBaseUrl = LoopbackHttpServer.UnusedUrl(),
            RemoteFiles = [new("a.bin", ContentSha256), new("b.bin", ContentSha256)],
        };
        using var downloader = new DatasetDownloader(new DownloadOptions { MaxAttempts = 5, RetryDelay = TimeSpan.FromSeconds(5) });
        var target = folder.File("tiny");
        var clock = Stopwatch.StartNew();

        var ex = Assert.ThrowsAsync<DatasetDownloadException>(() => downloader.DownloadAsync(dataset, target));

        Assert.Multiple(() =>
        {
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(4)), "no retries when the server cannot be reached");
            Assert.That(ex!.Message, Does.Contain("cannot be reached").And.Contain("offline"));
            Assert.That(ex.Message, Does.Contain($"Download a.bin, b.bin from {dataset.DownloadBaseUrl}").And.Contain($"into '{target}'").And.Contain("LOTTERYTICKETS_TINY"));
            Assert.That(folder.FileNames(), Is.Empty);
        });
    }

    [Test]
    public async Task ADatasetArchiveIsVerifiedExtractedAndRemoved()
    {
        var archive = TarGz(("top/x.bin", [1, 2, 3]), ("top/y.bin", [4]), ("top/readme.txt", [5]));
        await using var server = new LoopbackHttpServer(_ => new LoopbackResponse(200, archive));
        var dataset = new DatasetDescriptor
        {
            Name = "arch",
            DisplayName = "Arch",
            EnvironmentVariable = "LOTTERYTICKETS_ARCH",
            RequiredFiles = ["x.bin", "y.bin"],
            DownloadBaseUrl = new Uri("http://example.invalid/"),
            RemoteFiles = [new("arch.tar.gz", Convert.ToHexStringLower(SHA256.HashData(archive)), IsTarGzArchive: true)],
        };
        using var downloader = new DatasetDownloader(new DownloadOptions { Mirror = server.BaseUrl, RetryDelay = TimeSpan.Zero });

        await downloader.DownloadAsync(dataset, folder.Path);

        Assert.Multiple(() =>
        {
            Assert.That(folder.FileNames(), Is.EqualTo(new[] { "x.bin", "y.bin" }));
            Assert.That(File.ReadAllBytes(folder.File("x.bin")), Is.EqualTo(new byte[] { 1, 2, 3 }));
            Assert.That(server.Requests.Single().Path, Is.EqualTo("/arch.tar.gz"));
        });
    }

    [Test]
    public void InvalidOptionsAreReportedTogether()
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            new DatasetDownloader(new DownloadOptions { MaxAttempts = 0, Timeout = TimeSpan.Zero, Mirror = new Uri("ftp://mirror/") }));

        Assert.That(ex!.Message, Does.StartWith("The 'DownloadOptions' are invalid.").And.Contain("'MaxAttempts' is 0").And.Contain("'Timeout'").And.Contain("'Mirror' is 'ftp://mirror/'"));
    }

    private static byte[] TarGz(params (string Name, byte[] Data)[] entries)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax))
        {
            foreach (var (name, data) in entries)
            {
                tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(data) });
            }
        }

        return output.ToArray();
    }
}
