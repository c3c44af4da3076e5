using System.Text;
using LotteryTickets.Storage;
using LotteryTickets.Tests.TestSupport;

namespace LotteryTickets.Tests.Storage;

public class AtomicFileTests
{
    [Test]
    public void TextIsWrittenAsUtf8WithoutAByteOrderMark()
    {
        using var folder = new TemporaryFolder();
        var path = Path.Combine(folder.Path, "metrics.json");

        AtomicFile.WriteAllText(path, "{ \"ε\": 1 }");

        Assert.That(File.ReadAllBytes(path), Is.EqualTo(Encoding.UTF8.GetBytes("{ \"ε\": 1 }")));
    }

    [Test]
    public void AnExistingFileIsReplacedAndNoTemporaryFileRemains()
    {
        using var folder = new TemporaryFolder();
        var path = Path.Combine(folder.Path, "mask.safetensors");
        File.WriteAllText(path, "old");

        AtomicFile.WriteAllBytes(path, [1, 2, 3]);

        Assert.Multiple(() =>
        {
            Assert.That(File.ReadAllBytes(path), Is.EqualTo(new byte[] { 1, 2, 3 }));
            Assert.That(Directory.GetFiles(folder.Path).Select(Path.GetFileName), Is.EqualTo(new[] { "mask.safetensors" }));
        });
    }

    [Test]
    public void AWriteThatFailsHalfwayLeavesTheOldFileWholeAndNoTemporaryFile()
    {
        using var folder = new TemporaryFolder();
        var path = Path.Combine(folder.Path, "final.safetensors");
        File.WriteAllText(path, "complete old content");

        Assert.That(
            () => AtomicFile.Write(path, stream =>
            {
                stream.Write(new byte[4096]);
                throw new IOException("disk unplugged");
            }),
            Throws.InstanceOf<IOException>().With.Message.EqualTo("disk unplugged"));

        Assert.Multiple(() =>
        {
            Assert.That(File.ReadAllText(path), Is.EqualTo("complete old content"));
            Assert.That(Directory.GetFiles(folder.Path), Has.Length.EqualTo(1));
        });
    }

    [Test]
    public void AWriteThatFailsBeforeAnyFileExistedLeavesNothingUnderTheFinalName()
    {
        using var folder = new TemporaryFolder();
        var path = Path.Combine(folder.Path, "start.safetensors");

        Assert.That(() => AtomicFile.Write(path, _ => throw new InvalidOperationException("stop")), Throws.InvalidOperationException);

        Assert.That(Directory.GetFiles(folder.Path), Is.Empty);
    }

    [Test]
    public void UntilTheWriteCompletesTheFinalNameHoldsTheOldContent()
    {
        using var folder = new TemporaryFolder();
        var path = Path.Combine(folder.Path, "metrics.csv");
        File.WriteAllText(path, "old");
        string? seenDuringWrite = null;

        AtomicFile.Write(path, stream =>
        {
            stream.Write("new"u8);
            stream.Flush();
            seenDuringWrite = File.ReadAllText(path);
        });

        Assert.Multiple(() =>
        {
            Assert.That(seenDuringWrite, Is.EqualTo("old"));
            Assert.That(File.ReadAllText(path), Is.EqualTo("new"));
        });
    }

    [Test]
    public void AMissingFolderIsNamedInTheError()
    {
        using var folder = new TemporaryFolder();
        var missing = Path.Combine(folder.Path, "nope");

        Assert.That(
            () => AtomicFile.WriteAllText(Path.Combine(missing, "done"), string.Empty),
            Throws.InstanceOf<DirectoryNotFoundException>().With.Message.Contains($"The folder '{missing}'"));
    }

    [Test]
    public void TemporaryFileNamesAreRecognised()
    {
        Assert.Multiple(() =>
        {
            Assert.That(AtomicFile.IsTemporaryFile(".metrics.json.0123abcd.tmp"), Is.True);
            Assert.That(AtomicFile.IsTemporaryFile("metrics.json"), Is.False);
        });
    }
}
