using LotteryTickets.Datasets.Download;

namespace LotteryTickets.Datasets.Tests;

public class DatasetLoadOptionsTests
{
    [Test]
    public void InvalidLoadAndDownloadOptionsAreReportedTogether()
    {
        var options = new DatasetLoadOptions { ValidationCount = -1, Download = new DownloadOptions { MaxAttempts = 0 } };

        var ex = Assert.Throws<ArgumentException>(() => FashionMnist.Load(options));

        Assert.That(ex!.Message, Does.StartWith("The 'DatasetLoadOptions' are invalid.").And.Contain("'ValidationCount' is -1").And.Contain("'Download.MaxAttempts' is 0"));
    }
}
