using LotteryTickets.Datasets.Cifar;
using LotteryTickets.Datasets.Tests.TestSupport;

namespace LotteryTickets.Datasets.Tests.Cifar;

public class CifarReaderTests
{
    private TemporaryFolder folder = null!;

    [SetUp]
    public void CreateFolder() => folder = new TemporaryFolder();

    [TearDown]
    public void DeleteFolder() => folder.Dispose();

    [Test]
    public void Cifar10BatchesAreConcatenatedInTheGivenOrder()
    {
        var first = folder.Write("data_batch_1.bin", DatasetBytes.CifarRecords([3], [7]));
        var second = folder.Write("data_batch_2.bin", DatasetBytes.CifarRecords([9]));

        var dataset = CifarReader.ReadCifar10("c10", [first, second]);

        Assert.Multiple(() =>
        {
            Assert.That(dataset.Count, Is.EqualTo(3));
            Assert.That(dataset.SampleShape, Is.EqualTo(new SampleShape(3, 32, 32)));
            Assert.That(dataset.ClassCount, Is.EqualTo(10));
            Assert.That(dataset.Labels.ToArray(), Is.EqualTo(new[] { 3, 7, 9 }));
            Assert.That(dataset.BytePixels[3072 + 10], Is.EqualTo((byte)(1 + 10)));
            Assert.That(dataset.BytePixels[2 * 3072], Is.EqualTo((byte)0));
        });
    }

    [Test]
    public void Cifar100OffersFineAndCoarseLabels()
    {
        var path = folder.Write("train.bin", DatasetBytes.CifarRecords([19, 99], [4, 30]));

        var fine = CifarReader.ReadCifar100("c100", path, CifarLabelKind.Fine);
        var coarse = CifarReader.ReadCifar100("c100", path, CifarLabelKind.Coarse);

        Assert.Multiple(() =>
        {
            Assert.That(fine.Labels.ToArray(), Is.EqualTo(new[] { 99, 30 }));
            Assert.That(fine.ClassCount, Is.EqualTo(100));
            Assert.That(coarse.Labels.ToArray(), Is.EqualTo(new[] { 19, 4 }));
            Assert.That(coarse.ClassCount, Is.EqualTo(20));
            Assert.That(fine.BytePixels[3072], Is.EqualTo((byte)1));
        });
    }

    [Test]
    public void AFileThatIsNotAWholeNumberOfRecordsIsTruncated()
    {
        var path = folder.Write("data_batch_1.bin", DatasetBytes.CifarRecords([1], [2])[..^100]);

        var ex = Assert.Throws<DatasetFormatException>(() => CifarReader.ReadCifar10("c10", [path]));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.FilePath, Is.EqualTo(path));
            Assert.That(ex.Message, Does.Contain($"'{path}' has 6046 bytes").And.Contain("3073-byte records").And.Contain("1 whole records and 2973 bytes left over").And.Contain("truncated"));
        });
    }

    [Test]
    public void ACifar100FileReadAsCifar10FailsOnItsRecordSize()
    {
        var path = folder.Write("train.bin", DatasetBytes.CifarRecords([1, 2]));

        var ex = Assert.Throws<DatasetFormatException>(() => CifarReader.ReadCifar10("c10", [path]));

        Assert.That(ex!.Message, Does.Contain("3074 bytes").And.Contain("not a CIFAR-10 binary file"));
    }

    [Test]
    public void ALabelOutsideTheClassesNamesTheRecord()
    {
        var path = folder.Write("data_batch_1.bin", DatasetBytes.CifarRecords([1], [10]));

        var ex = Assert.Throws<DatasetFormatException>(() => CifarReader.ReadCifar10("c10", [path]));

        Assert.That(ex!.Message, Does.Contain("label 10 in record 1").And.Contain("10 classes"));
    }

    [Test]
    public void AnEmptyFileIsRejected()
    {
        var path = folder.Write("test.bin", []);

        var ex = Assert.Throws<DatasetFormatException>(() => CifarReader.ReadCifar100("c100", path));

        Assert.That(ex!.Message, Does.Contain("has 0 bytes"));
    }

    [Test]
    public void NamedCifar10LoadsFromTheArchivesFolderLayoutWithItsNormalisation()
    {
        foreach (var (file, label) in CifarReader.Cifar10TrainFiles.Append(CifarReader.Cifar10TestFile).Select((f, i) => (f, (byte)i)))
        {
            folder.Write(Path.Combine("cifar-10-batches-bin", file), DatasetBytes.CifarRecords([label], [label]));
        }

        var splits = Cifar10.Load(new DatasetLoadOptions { Folder = folder.Path, ValidationCount = 3 });

        Assert.Multiple(() =>
        {
            Assert.That((splits.Train.Count, splits.Validation!.Count, splits.Test.Count), Is.EqualTo((7, 3, 2)));
            Assert.That(splits.Validation.Labels.ToArray(), Is.EqualTo(new[] { 3, 4, 4 }));
            Assert.That(splits.Test.Labels.ToArray(), Is.EqualTo(new[] { 5, 5 }));
            Assert.That(splits.Train.Normalization, Is.SameAs(Normalization.Cifar10));
        });
    }

    [Test]
    public void NamedCifar100LoadsCoarseLabelsWhenAsked()
    {
        folder.Write("train.bin", DatasetBytes.CifarRecords([1, 50], [2, 60], [3, 70]));
        folder.Write("test.bin", DatasetBytes.CifarRecords([4, 80]));

        var splits = Cifar100.Load(new DatasetLoadOptions { Folder = folder.Path, ValidationCount = 0, Normalize = false }, CifarLabelKind.Coarse);

        Assert.Multiple(() =>
        {
            Assert.That(splits.Train.Labels.ToArray(), Is.EqualTo(new[] { 1, 2, 3 }));
            Assert.That(splits.Test.ClassCount, Is.EqualTo(20));
            Assert.That(splits.Train.Normalization, Is.Null);
        });
    }
}
