using System.Buffers.Binary;
using System.Collections;
using System.Text;
using System.Text.Json;
using LotteryTickets.Torch.Serialization;
using LotteryTickets.Torch.Tests.Support;

namespace LotteryTickets.Torch.Tests.Serialization;

public class SafeTensorsTests
{
    private string directory = null!;

    [SetUp]
    public void CreateDirectory() => directory = Directory.CreateTempSubdirectory("lt-safetensors-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(directory, recursive: true);

    /// <summary>One tensor of every supported dtype, with awkward values (NaN payloads, −0, extremes), a scalar and an empty tensor.</summary>
    internal static Dictionary<string, Tensor> EveryDType(bool withNaN = true) => new()
    {
        ["f64"] = Tensor.FromArray(
            withNaN
                ? new[] { 1.5, -0.0, double.MaxValue, BitConverter.Int64BitsToDouble(0x7FF8_0000_0000_1234), double.Epsilon, -3 }
                : new[] { 1.5, -0.0, double.MaxValue, 1e-300, double.Epsilon, -3 },
            2, 3),
        ["f32"] = Tensor.FromArray(new float[] { 0.1f, -2.5f, float.MinValue, 7 }, 4),
        ["f16"] = Tensor.FromArray(new[] { (Half)0.5, (Half)(-1.25), Half.MaxValue, (Half)3 }, 2, 2),
        ["bf16"] = Tensor.FromArray(new float[] { 1.5f, -2, 0.125f, 3e38f }, 4).To(ScalarType.BFloat16),
        ["i64"] = Tensor.FromArray(new[] { -(1L << 40) - 1, 0, 1L << 62 }, 3),
        ["i32"] = Tensor.FromArray(new[] { int.MinValue, -1, int.MaxValue }, 3, 1),
        ["i16"] = Tensor.FromArray(new short[] { short.MinValue, 42, short.MaxValue }, 3),
        ["i8"] = Tensor.FromArray(new sbyte[] { -128, 5, 127 }, 3),
        ["u8"] = Tensor.FromArray(new byte[] { 0, 200, 255 }, 1, 3),
        ["bool"] = Tensor.FromArray(new[] { true, false, true, true }, 2, 2),
        ["scalar"] = Tensor.Scalar(2.75),
        ["empty"] = Tensor.Zeros([0, 3]),
    };

    [Test]
    public void EveryDTypeSurvivesARoundTripBitForBit()
    {
        using var scope = DisposeScope.Begin();
        var tensors = EveryDType();
        var path = Path.Combine(directory, "all.safetensors");
        SafeTensors.Save(path, tensors);
        var loaded = SafeTensors.Load(path);

        Assert.That(loaded.Keys.Order(), Is.EqualTo(tensors.Keys.Order()));
        foreach (var (name, t) in tensors)
        {
            Assert.That(loaded[name].DType, Is.EqualTo(t.DType), name);
            Assert.That(loaded[name].Shape, Is.EqualTo(t.Shape), name);
            Assert.That(TensorBytes.Of(loaded[name]), Is.EqualTo(TensorBytes.Of(t)), name);
        }
    }

    [Test]
    public void MetadataIsKept()
    {
        using var scope = DisposeScope.Begin();
        var path = Path.Combine(directory, "meta.safetensors");
        var metadata = new Dictionary<string, string> { ["format"] = "pt", ["note"] = "größe ✓ \"quoted\"" };
        SafeTensors.Save(path, new Dictionary<string, Tensor> { ["w"] = Tensor.Ones([2]) }, metadata);
        Assert.That(SafeTensors.ReadMetadata(path), Is.EquivalentTo(metadata));
        Assert.That(SafeTensors.Load(path).Keys, Is.EqualTo(new[] { "w" }));
    }

    [Test]
    public void NonContiguousTensorsAreSavedAsTheirValues()
    {
        using var scope = DisposeScope.Begin();
        var matrix = Tensor.FromArray(new float[] { 1, 2, 3, 4, 5, 6 }, 2, 3);
        var transposed = matrix.T();
        Assert.That(transposed.IsContiguous, Is.False);
        var path = Path.Combine(directory, "t.safetensors");
        SafeTensors.Save(path, new Dictionary<string, Tensor> { ["t"] = transposed });
        var loaded = SafeTensors.Load(path)["t"];
        Assert.That(loaded.Shape, Is.EqualTo(new long[] { 3, 2 }));
        Assert.That(loaded.ToArray<float>(), Is.EqualTo(new float[] { 1, 4, 2, 5, 3, 6 }));
    }

    [Test]
    public void TheHeaderIsPaddedToEightBytesAndTheDataFollowsSortedNames()
    {
        using var scope = DisposeScope.Begin();
        var path = Path.Combine(directory, "layout.safetensors");
        SafeTensors.Save(path, new Dictionary<string, Tensor>
        {
            ["zeta"] = Tensor.FromArray(new float[] { 1 }, 1),
            ["alpha"] = Tensor.FromArray(new double[] { 2, 3 }, 2),
            ["Mid"] = Tensor.FromArray(new byte[] { 9 }, 1),
        });
        var bytes = File.ReadAllBytes(path);
        var n = (long)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        Assert.That(n % 8, Is.EqualTo(0));
        var header = Encoding.UTF8.GetString(bytes, 8, (int)n);
        Assert.That(header, Does.StartWith("{").And.EndWith("}" + new string(' ', header.Length - header.TrimEnd().Length)));
        using var json = JsonDocument.Parse(header);
        var offsets = json.RootElement.EnumerateObject()
            .Select(p => (p.Name, Begin: p.Value.GetProperty("data_offsets")[0].GetInt64(), End: p.Value.GetProperty("data_offsets")[1].GetInt64()))
            .OrderBy(p => p.Begin).ToArray();
        Assert.That(offsets.Select(o => o.Name), Is.EqualTo(new[] { "Mid", "alpha", "zeta" }), "ordinal name order");
        Assert.That(offsets.Select(o => (o.Begin, o.End)), Is.EqualTo(new[] { (0L, 1L), (1L, 17L), (17L, 21L) }));
        Assert.That(bytes.Length, Is.EqualTo(8 + n + 21));
        Assert.That(json.RootElement.GetProperty("alpha").GetProperty("dtype").GetString(), Is.EqualTo("F64"));
    }

    [Test]
    public void SavingReplacesAnExistingFile()
    {
        using var scope = DisposeScope.Begin();
        var path = Path.Combine(directory, "w.safetensors");
        SafeTensors.Save(path, new Dictionary<string, Tensor> { ["a"] = Tensor.Ones([2]) });
        SafeTensors.Save(path, new Dictionary<string, Tensor> { ["b"] = Tensor.Zeros([3]) });
        Assert.That(SafeTensors.Load(path).Keys, Is.EqualTo(new[] { "b" }));
        Assert.That(Directory.GetFiles(directory), Has.Length.EqualTo(1));
    }

    [Test]
    public void ASaveThatFailsMidwayLeavesTheOldFileAndNoTemporaryFile()
    {
        using var scope = DisposeScope.Begin();
        var path = Path.Combine(directory, "w.safetensors");
        SafeTensors.Save(path, new Dictionary<string, Tensor> { ["a"] = Tensor.Ones([2]) });
        var before = File.ReadAllBytes(path);

        var failing = new FailingDictionary(new Dictionary<string, Tensor> { ["a"] = Tensor.Zeros([4]), ["b"] = Tensor.Zeros([4]) }, failOn: "b");
        Assert.Throws<IOException>(() => SafeTensors.Save(path, failing));

        Assert.That(File.ReadAllBytes(path), Is.EqualTo(before));
        Assert.That(Directory.GetFiles(directory), Is.EqualTo(new[] { path }));
    }

    [Test]
    public void StreamsRoundTripSeekableOrNot()
    {
        using var scope = DisposeScope.Begin();
        var tensors = EveryDType();
        using var memory = new MemoryStream();
        SafeTensors.Save(memory, tensors, new Dictionary<string, string> { ["k"] = "v" });

        memory.Position = 0;
        var seekable = SafeTensors.Load(memory);
        using var forwardOnly = new ForwardOnlyStream(memory.ToArray());
        var streamed = SafeTensors.Load(forwardOnly);
        foreach (var (name, t) in tensors)
        {
            Assert.That(TensorBytes.Of(seekable[name]), Is.EqualTo(TensorBytes.Of(t)), name);
            Assert.That(TensorBytes.Of(streamed[name]), Is.EqualTo(TensorBytes.Of(t)), name);
        }

        memory.Position = 0;
        Assert.That(SafeTensors.ReadMetadata(memory)["k"], Is.EqualTo("v"));
    }

    [Test]
    public void TheMetadataNameCannotNameATensor()
    {
        using var scope = DisposeScope.Begin();
        var ex = Assert.Throws<ArgumentException>(() =>
            SafeTensors.Save(Path.Combine(directory, "x.safetensors"), new Dictionary<string, Tensor> { ["__metadata__"] = Tensor.Ones([1]) }));
        Assert.That(ex!.Message, Does.Contain("A tensor cannot be named '__metadata__'"));
        Assert.That(Directory.GetFiles(directory), Is.Empty);
    }

    [Test]
    public void LoadedTensorsBelongToTheCallersScope()
    {
        var path = Path.Combine(directory, "s.safetensors");
        using (var scope = DisposeScope.Begin())
        {
            SafeTensors.Save(path, EveryDType());
        }

        var before = Tensor.LiveCount;
        using (var scope = DisposeScope.Begin())
        {
            var loaded = SafeTensors.Load(path);
            Assert.That(Tensor.LiveCount - before, Is.EqualTo(loaded.Count));
        }

        Assert.That(Tensor.LiveCount, Is.EqualTo(before));
    }

    [Test]
    [Category("Gpu")]
    public void TensorsCanBeLoadedOntoAGpu()
    {
        if (!Cuda.IsAvailable)
        {
            Assert.Ignore("No CUDA device is available.");
        }

        using var scope = DisposeScope.Begin();
        var path = Path.Combine(directory, "gpu.safetensors");
        var tensors = EveryDType();
        var onGpu = tensors.ToDictionary(e => e.Key, e => e.Value.To(Device.Cuda0));
        SafeTensors.Save(path, onGpu);
        var loaded = SafeTensors.Load(path, Device.Cuda0);
        foreach (var (name, t) in tensors)
        {
            Assert.That(loaded[name].Device, Is.EqualTo(Device.Cuda0), name);
            Assert.That(TensorBytes.Of(loaded[name]), Is.EqualTo(TensorBytes.Of(t)), name);
        }
    }

    /// <summary>A dictionary whose indexer fails for one name, as a crash in the middle of writing.</summary>
    private sealed class FailingDictionary(Dictionary<string, Tensor> inner, string failOn) : IReadOnlyDictionary<string, Tensor>
    {
        public int Count => inner.Count;

        public IEnumerable<string> Keys => inner.Keys;

        public IEnumerable<Tensor> Values => inner.Values;

        public Tensor this[string key] => key == failOn ? throw new IOException("simulated crash") : inner[key];

        public bool ContainsKey(string key) => inner.ContainsKey(key);

        public bool TryGetValue(string key, out Tensor value) => inner.TryGetValue(key, out value!);

        public IEnumerator<KeyValuePair<string, Tensor>> GetEnumerator() => inner.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }

    private sealed class ForwardOnlyStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }
    }
}
