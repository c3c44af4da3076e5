using System.Buffers.Binary;
using System.IO.Compression;
using LotteryTickets.Cli.Experiments;
using LotteryTickets.Cli.Running;
using LotteryTickets.Experiments;

namespace LotteryTickets.Cli.Tests.Running;

/// <summary>A `dataset.folder` is the only place looked at, and the data read are part of the plan's hash.</summary>
public class DatasetFolderTests
{
    private string root = null!;

    [SetUp]
    public void CreateRoot()
    {
        root = Path.Combine(Path.GetTempPath(), "lottery-dataset-folder-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
    }

    [TearDown]
    public void DeleteRoot() => Directory.Delete(root, recursive: true);

    private static ExperimentPlan Build(string dataset, string folder) =>
        ExperimentFileMapper.ToBuilder(
            ExperimentFileLoader.Parse(
                $$"""
                name: folder
                model: { name: LeNet-5 }
                dataset: { name: {{dataset}}, folder: '{{folder}}', validation: 2 }
                training: { duration: 1ep }
                pruning: { oneShot: { sparsity: 0.5 } }
                """,
                yaml: true,
                "x.yaml"),
            Path.Combine(Path.GetTempPath(), "lottery-dataset-folder-store")).Build();

    private string WriteMnistLike(string name, byte firstLabel)
    {
        var folder = Path.Combine(root, name);
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, "train-images-idx3-ubyte.gz"), Gzip(Images(6)));
        File.WriteAllBytes(Path.Combine(folder, "train-labels-idx1-ubyte.gz"), Gzip(Labels(firstLabel, 1, 2, 3, 4, 5)));
        File.WriteAllBytes(Path.Combine(folder, "t10k-images-idx3-ubyte.gz"), Gzip(Images(2)));
        File.WriteAllBytes(Path.Combine(folder, "t10k-labels-idx1-ubyte.gz"), Gzip(Labels(6, 7)));
        return folder;
    }

    [Test]
    public void AnEmptyFolderIsAnErrorNamingTheFolderAndTheFilesExpected()
    {
        var empty = Path.Combine(root, "empty");
        Directory.CreateDirectory(empty);

        var ex = Assert.Throws<ExperimentFileException>(() => Build("fashion_mnist", empty));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.Message, Does.Contain($"- dataset: the dataset 'Fashion-MNIST' was not found in the folder given, '{empty}'"));
            Assert.That(ex.Message, Does.Contain("train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz"));
        });
    }

    [Test]
    public void DifferentDataGiveDifferentHashesAndTheSameDataTheSameHash()
    {
        var a = WriteMnistLike("a", 0);
        var b = WriteMnistLike("b", 0);
        var c = WriteMnistLike("c", 9);

        var (planA, planB, planC) = (Build("mnist", a), Build("mnist", b), Build("mnist", c));

        Assert.Multiple(() =>
        {
            Assert.That(planA.Description, Does.Contain("\"files\":"));
            Assert.That(planB.Hash, Is.EqualTo(planA.Hash));
            Assert.That(planC.Hash, Is.Not.EqualTo(planA.Hash));
        });
    }

    [Test]
    public void AFolderOfOtherDataDoesNotShareTheHashOfTheSystemsFashionMnist()
    {
        var other = WriteMnistLike("other", 0);
        var withFolder = Build("fashion_mnist", other);

        Assert.That(withFolder.Description, Does.Contain("\"files\":"));
        if (Directory.Exists("/usr/share/datasets/fashion-mnist"))
        {
            Assert.That(withFolder.Hash, Is.Not.EqualTo(Build("fashion_mnist", "/usr/share/datasets/fashion-mnist").Hash));
        }
    }

    private static byte[] Images(int count)
    {
        var bytes = new byte[16 + count * 28 * 28];
        BinaryPrimitives.WriteInt32BigEndian(bytes, 0x00000803);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), count);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(8), 28);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(12), 28);
        for (var k = 16; k < bytes.Length; k++)
        {
            bytes[k] = (byte)(k % 251);
        }

        return bytes;
    }

    private static byte[] Labels(params byte[] labels)
    {
        var bytes = new byte[8 + labels.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, 0x00000801);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), labels.Length);
        labels.CopyTo(bytes, 8);
        return bytes;
    }

    private static byte[] Gzip(byte[] raw)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(raw);
        }

        return output.ToArray();
    }
}
