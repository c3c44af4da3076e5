using System.Diagnostics;
using LotteryTickets.Datasets.Download;
using LotteryTickets.Datasets.Locating;
using LotteryTickets.Datasets.Tests.TestSupport;

namespace LotteryTickets.Datasets.Tests.Download;

public class NamedDatasetDownloadTests
{
    [Test]
    public void LoadingWithDownloadsAllowedButNoNetworkFailsAtOnceSayingWhichFilesToPutWhere()
    {
        using var root = new TemporaryFolder();
        var target = root.File("mnist");
        var options = new DatasetLoadOptions
        {
            Folder = target,
            AllowDownload = true,
            Download = new DownloadOptions { Mirror = LoopbackHttpServer.UnusedUrl(), RetryDelay = TimeSpan.FromSeconds(5) },
            Locator = new DatasetLocator(name => name == "XDG_CACHE_HOME" ? root.File("cache") : null, useSystemFolders: false),
        };
        var clock = Stopwatch.StartNew();

        var ex = Assert.Throws<DatasetDownloadException>(() => Mnist.Load(options));

        Assert.Multiple(() =>
        {
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(4)));
            Assert.That(ex!.Message, Does.Contain("offline"));
            Assert.That(ex.Message, Does.Contain("Download train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz"));
            Assert.That(ex.Message, Does.Contain($"into '{target}'").And.Contain("LOTTERYTICKETS_MNIST"));
            Assert.That(root.FileNames(), Is.Empty);
        });
    }
}
