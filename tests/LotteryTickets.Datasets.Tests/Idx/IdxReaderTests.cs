using LotteryTickets.Datasets.Idx;
using LotteryTickets.Datasets.Tests.TestSupport;

namespace LotteryTickets.Datasets.Tests.Idx;

public class IdxReaderTests
{
    private TemporaryFolder folder = null!;

    [SetUp]
    public void CreateFolder() => folder = new TemporaryFolder();

    [TearDown]
    public void DeleteFolder() => folder.Dispose();

    [Test]
    public void ARawImageFileIsReadWithItsDimensionsAndPixels()
    {
        var path = folder.Write("images", DatasetBytes.IdxImages(3, 2, 4));

        var images = IdxReader.ReadImages(path);

        Assert.Multiple(() =>
        {
            Assert.That((images.Count, images.Rows, images.Columns), Is.EqualTo((3, 2, 4)));
            Assert.That(images.Pixels, Has.Length.EqualTo(24));
            Assert.That(images.Pixels[8 + 5], Is.EqualTo((byte)(1 * 7 + 5)));
        });
    }

    [Test]
    public void AGzipFileIsRecognisedByItsMagicBytesWhateverItsName()
    {
        var raw = DatasetBytes.IdxImages(2, 3, 3);
        var path = folder.Write("images.bin", DatasetBytes.Gzip(raw));

        var images = IdxReader.ReadImages(path);

        Assert.That(images.Pixels, Is.EqualTo(raw.AsSpan(16).ToArray()));
    }

    [Test]
    public void ImagesAndLabelsBecomeADatasetOfOneChannelSamples()
    {
        var images = folder.Write("i.gz", DatasetBytes.Gzip(DatasetBytes.IdxImages(3, 2, 2)));
        var labels = folder.Write("l", DatasetBytes.IdxLabels(2, 0, 9));

        var dataset = IdxReader.ReadDataset("tiny", images, labels, classCount: 10);

        Assert.Multiple(() =>
        {
            Assert.That(dataset.Count, Is.EqualTo(3));
            Assert.That(dataset.SampleShape, Is.EqualTo(new SampleShape(1, 2, 2)));
            Assert.That(dataset.Labels.ToArray(), Is.EqualTo(new[] { 2, 0, 9 }));
        });
    }

    [Test]
    public void AWrongMagicNumberNamesTheFileAndBothNumbers()
    {
        var path = folder.Write("images", DatasetBytes.IdxImages(1, 2, 2, magic: 0x00000A03));

        var ex = Assert.Throws<DatasetFormatException>(() => IdxReader.ReadImages(path));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.FilePath, Is.EqualTo(path));
            Assert.That(ex.Message, Does.Contain($"'{path}'").And.Contain("0x00000A03").And.Contain("not 0x00000803"));
        });
    }

    [Test]
    public void ALabelFileGivenAsImagesIsCalledOutAsSwapped()
    {
        var path = folder.Write("labels", DatasetBytes.IdxLabels(1, 2, 3, 4, 5, 6, 7, 8, 9));

        var ex = Assert.Throws<DatasetFormatException>(() => IdxReader.ReadImages(path));

        Assert.That(ex!.Message, Does.Contain("looks like an IDX labels file").And.Contain("swapped"));
    }

    [Test]
    public void ATruncatedImageFileSaysHowManyBytesItHasAndNeeds()
    {
        var bytes = DatasetBytes.IdxImages(4, 3, 3);
        var path = folder.Write("images", bytes[..^5]);

        var ex = Assert.Throws<DatasetFormatException>(() => IdxReader.ReadImages(path));

        Assert.That(ex!.Message, Does.Contain($"'{path}' is truncated").And.Contain("4 images of 3×3 (52 bytes in all)").And.Contain("only 47 bytes").And.Contain("Replace it"));
    }

    [Test]
    public void AFileShorterThanItsHeaderIsTruncated()
    {
        var path = folder.Write("labels", DatasetBytes.IdxLabels()[..6]);

        var ex = Assert.Throws<DatasetFormatException>(() => IdxReader.ReadLabels(path));

        Assert.That(ex!.Message, Does.Contain("truncated").And.Contain("6 bytes, fewer than its 8-byte header"));
    }

    [Test]
    public void AFileLongerThanItsHeaderSaysIsCorrupt()
    {
        var path = folder.Write("labels", [.. DatasetBytes.IdxLabels(1, 2), 0]);

        var ex = Assert.Throws<DatasetFormatException>(() => IdxReader.ReadLabels(path));

        Assert.That(ex!.Message, Does.Contain("longer than its header says").And.Contain("2 labels (10 bytes in all) but has 11 bytes"));
    }

    [Test]
    public void ACutGzipFileIsReportedAsTruncatedOrCorrupt()
    {
        var gz = DatasetBytes.Gzip(DatasetBytes.IdxImages(50, 28, 28));
        var path = folder.Write("images.gz", gz[..(gz.Length / 2)]);

        var ex = Assert.Throws<DatasetFormatException>(() => IdxReader.ReadImages(path));

        Assert.That(ex!.Message, Does.Contain($"'{path}'").And.Contain("truncated"));
    }

    [Test]
    public void DifferentImageAndLabelCountsNameBothFiles()
    {
        var images = folder.Write("images", DatasetBytes.IdxImages(3, 2, 2));
        var labels = folder.Write("labels", DatasetBytes.IdxLabels(1, 2));

        var ex = Assert.Throws<DatasetFormatException>(() => IdxReader.ReadDataset("tiny", images, labels, 10));

        Assert.That(ex!.Message, Does.Contain($"'{labels}' holds 2 labels").And.Contain($"'{images}' holds 3 images").And.Contain("same split"));
    }

    [Test]
    public void ALabelBeyondTheClassCountIsRejected()
    {
        var images = folder.Write("images", DatasetBytes.IdxImages(2, 2, 2));
        var labels = folder.Write("labels", DatasetBytes.IdxLabels(1, 12));

        var ex = Assert.Throws<DatasetFormatException>(() => IdxReader.ReadDataset("tiny", images, labels, 10));

        Assert.That(ex!.Message, Does.Contain("label 12 at index 1").And.Contain("10 classes"));
    }

    [Test]
    public void AMissingFileIsNamedWithAdviceOnWhereToPointTheLoader()
    {
        var path = folder.File("absent.gz");

        var ex = Assert.Throws<DatasetNotFoundException>(() => IdxReader.ReadImages(path));

        Assert.That(ex!.Message, Does.Contain($"'{path}' cannot be read").And.Contain("Check that the file exists"));
    }
}
