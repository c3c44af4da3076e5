using System.Buffers.Binary;
using System.Text;
using LotteryTickets.Native;
using LotteryTickets.Serialization;
using static TorchSharp.torch;
using Runtime = LotteryTickets.Native.Engine;

namespace LotteryTickets.Tests.EngineTests;

/// <summary>Malformed files are refused with an <see cref="InvalidDataException"/> that names the file and the problem.</summary>
public class SafeTensorsValidationTests
{
    private string directory = null!;

    [SetUp]
    public void CreateDirectory() => directory = Directory.CreateTempSubdirectory("lt-safetensors-bad-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(directory, recursive: true);

    [Test]
    public void AFileShorterThanTheHeaderLengthIsTruncated()
    {
        var path = Raw([1, 2, 3]);
        Assert.That(Refusal(path), Is.EqualTo($"The safetensors file '{path}' is invalid: it is truncated: it holds 3 bytes, fewer than the 8-byte header length."));
    }

    [Test]
    public void AHeaderLengthBeyondTheFileIsRefused()
    {
        var path = Raw([.. Length(1000), .. new byte[20]]);
        Assert.That(Refusal(path), Is.EqualTo($"The safetensors file '{path}' is invalid: its header length 1000 goes beyond the end of the file (20 bytes follow the length)."));
    }

    [Test]
    public void AHeaderThatIsNotJsonIsRefused()
    {
        var path = File("{\"a\": {\"dtype\": ", 0);
        Assert.That(Refusal(path), Does.StartWith($"The safetensors file '{path}' is invalid: its header is not valid JSON ("));
    }

    [Test]
    public void AHeaderThatIsNotAnObjectIsRefused()
    {
        var path = File("[1, 2]", 0);
        Assert.That(Refusal(path), Does.EndWith("its header is a JSON Array, not an object of tensors."));
    }

    [Test]
    public void AnUnknownDTypeIsRefused()
    {
        var path = File("""{"a": {"dtype": "F8_E4M3", "shape": [1], "data_offsets": [0, 1]}}""", 1);
        Assert.That(Refusal(path), Does.EndWith(
            "tensor 'a' has dtype 'F8_E4M3', which is not supported (supported: F64, F32, F16, BF16, I64, I32, I16, I8, U8, BOOL)."));
    }

    [Test]
    public void OffsetsThatDoNotMatchTheShapeAreRefused()
    {
        var path = File("""{"a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 4]}}""", 4);
        Assert.That(Refusal(path), Does.EndWith("tensor 'a' of dtype F32 and shape [2] needs 8 bytes, but its data_offsets [0, 4] span 4."));
    }

    [Test]
    public void OverlappingTensorsAreRefused()
    {
        var path = File(
            """{"a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}, "b": {"dtype": "F32", "shape": [2], "data_offsets": [4, 12]}}""", 12);
        Assert.That(Refusal(path), Does.EndWith("the data of tensor 'b' [4, 12) overlaps that of tensor 'a', which ends at 8."));
    }

    [Test]
    public void AGapBetweenTensorsIsRefused()
    {
        var path = File(
            """{"a": {"dtype": "U8", "shape": [2], "data_offsets": [0, 2]}, "b": {"dtype": "U8", "shape": [2], "data_offsets": [4, 6]}}""", 6);
        Assert.That(Refusal(path), Does.EndWith("there is a gap of 2 bytes before the data of tensor 'b' (it begins at 4, the data before ends at 2)."));
    }

    [Test]
    public void OffsetsBeyondTheFileAreTruncation()
    {
        var path = File("""{"a": {"dtype": "F64", "shape": [2], "data_offsets": [0, 16]}}""", 8);
        Assert.That(Refusal(path), Does.EndWith("it is truncated: the header describes 16 bytes of tensor data but only 8 follow."));
    }

    [Test]
    public void BytesAfterTheLastTensorAreRefused()
    {
        var path = File("""{"a": {"dtype": "U8", "shape": [2], "data_offsets": [0, 2]}}""", 5);
        Assert.That(Refusal(path), Does.EndWith("it has 3 bytes after the end of the tensor data the header describes."));
    }

    [Test]
    public void ADuplicateNameIsRefused()
    {
        var path = File(
            """{"a": {"dtype": "U8", "shape": [1], "data_offsets": [0, 1]}, "a": {"dtype": "U8", "shape": [1], "data_offsets": [1, 2]}}""", 2);
        Assert.That(Refusal(path), Does.EndWith("'a' appears more than once in the header."));
    }

    [Test]
    public void EveryProblemOfAHeaderIsListedAtOnce()
    {
        var path = File(
            """
            {"a": {"dtype": "Q4", "shape": [1], "data_offsets": [0, 1]},
             "b": {"dtype": "U8", "shape": [-1], "data_offsets": [1, 2]},
             "c": {"dtype": "U8", "shape": [1]},
             "__metadata__": {"n": 3}}
            """, 2);
        var nl = Environment.NewLine;
        Assert.That(Refusal(path), Is.EqualTo(
            $"The safetensors file '{path}' is invalid:{nl}" +
            $"- tensor 'a' has dtype 'Q4', which is not supported (supported: F64, F32, F16, BF16, I64, I32, I16, I8, U8, BOOL).{nl}" +
            $"- tensor 'b' has a 'shape' entry -1 that is not a whole number of at least 0.{nl}" +
            $"- tensor 'c' has no 'data_offsets' array.{nl}" +
            "- metadata 'n' is a JSON Number, not a string."));
    }

    [Test]
    public void AMissingFileIsReportedByName()
    {
        var path = Path.Combine(directory, "missing.safetensors");
        var ex = Assert.Throws<FileNotFoundException>(() => SafeTensors.Load(path));
        Assert.That(ex!.Message, Is.EqualTo($"The safetensors file '{path}' does not exist."));
    }

    [Test]
    public void ATruncatedStreamIsRefused()
    {
        using var scope = NewDisposeScope();
        using var memory = new MemoryStream();
        SafeTensors.Save(memory, new Dictionary<string, Tensor> { ["a"] = ones(4) });
        using var cut = new MemoryStream(memory.ToArray()[..^3]);
        var ex = Assert.Throws<InvalidDataException>(() => SafeTensors.Load(cut));
        Assert.That(ex!.Message, Is.EqualTo(
            "The safetensors data read from the stream is invalid: it is truncated: the header describes 16 bytes of tensor data but only 13 follow."));
    }

    private static byte[] Length(long n)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)n);
        return bytes;
    }

    private static string Refusal(string path)
    {
        var live = Runtime.LiveTensorCount;
        var ex = Assert.Throws<InvalidDataException>(() => SafeTensors.Load(path));
        Assert.That(Runtime.LiveTensorCount, Is.EqualTo(live), "a refused file leaves no tensors behind");
        return ex!.Message;
    }

    private string Raw(byte[] bytes)
    {
        var path = Path.Combine(directory, $"f{Directory.GetFiles(directory).Length}.safetensors");
        System.IO.File.WriteAllBytes(path, bytes);
        return path;
    }

    private string File(string header, int dataBytes)
    {
        var json = Encoding.UTF8.GetBytes(header);
        return Raw([.. Length(json.Length), .. json, .. new byte[dataBytes]]);
    }
}
