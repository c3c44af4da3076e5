using System.Buffers.Binary;
using System.Collections;
using System.Text;
using System.Text.Json;
using TorchSharp;
using LotteryTickets.Native;
using LotteryTickets.Serialization;
using static TorchSharp.torch;
using Runtime = LotteryTickets.Native.Engine;

namespace LotteryTickets.Tests.EngineTests;

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
        ["f64"] = tensor(
            withNaN
                ? new[] { 1.5, -0.0, double.MaxValue, BitConverter.Int64BitsToDouble(0x7FF8_0000_0000_1234), double.Epsilon, -3 }
                : new[] { 1.5, -0.0, double.MaxValue, 1e-300, double.Epsilon, -3 },
            new long[] { 2, 3 }),
        ["f32"] = tensor(new float[] { 0.1f, -2.5f, float.MinValue, 7 }, new long[] { 4 }),
        ["f16"] = tensor(new float[] { 0.5f, -1.25f, 65504f, 3 }, new long[] { 2, 2 }).to(ScalarType.Float16),
        ["bf16"] = tensor(new float[] { 1.5f, -2, 0.125f, 3e38f }, new long[] { 4 }).to(ScalarType.BFloat16),
        ["i64"] = tensor(new[] { -(1L << 40) - 1, 0, 1L << 62 }, new long[] { 3 }),
        ["i32"] = tensor(new[] { int.MinValue, -1, int.MaxValue }, new long[] { 3, 1 }),
        ["i16"] = tensor(new short[] { short.MinValue, 42, short.MaxValue }, new long[] { 3 }),
        ["i8"] = tensor(new sbyte[] { -128, 5, 127 }, new long[] { 3 }),
        ["u8"] = tensor(new byte[] { 0, 200, 255 }, new long[] { 1, 3 }),
        ["bool"] = tensor(new[] { true, false, true, true }, new long[] { 2, 2 }),
        ["scalar"] = tensor(2.75),
        ["empty"] = zeros(0, 3),
    };

    [Test]
    public void EveryDTypeSurvivesARoundTripBitForBit()
    {
        using var scope = NewDisposeScope();
        var tensors = EveryDType();
        var path = Path.Combine(directory, "all.safetensors");
        SafeTensors.Save(path, tensors);
        var loaded = SafeTensors.Load(path);

        Assert.That(loaded.Keys.Order(), Is.EqualTo(tensors.Keys.Order()));
        foreach (var (name, t) in tensors)
        {
            Assert.That(loaded[name].dtype, Is.EqualTo(t.dtype), name);
            Assert.That(loaded[name].shape, Is.EqualTo(t.shape), name);
            Assert.That(TensorBytes.Of(loaded[name]), Is.EqualTo(TensorBytes.Of(t)), name);
        }
    }

    [Test]
    public void MetadataIsKept()
    {
        using var scope = NewDisposeScope();
        var path = Path.Combine(directory, "meta.safetensors");
        var metadata = new Dictionary<string, string> { ["format"] = "pt", ["note"] = "größe ✓ \"quoted\"" };
        SafeTensors.Save(path, new Dictionary<string, Tensor> { ["w"] = ones(2) }, metadata);
        Assert.That(SafeTensors.ReadMetadata(path), Is.EquivalentTo(metadata));
        Assert.That(SafeTensors.Load(path).Keys, Is.EqualTo(new[] { "w" }));
    }

    [Test]
    public void NonContiguousTensorsAreSavedAsTheirValues()
    {
        using var scope = NewDisposeScope();
        var matrix = tensor(new float[] { 1, 2, 3, 4, 5, 6 }, new long[] { 2, 3 });
        var transposed = matrix.t();
        Assert.That(transposed.is_contiguous(), Is.False);
        var path = Path.Combine(directory, "t.safetensors");
        SafeTensors.Save(path, new Dictionary<string, Tensor> { ["t"] = transposed });
        var loaded = SafeTensors.Load(path)["t"];
        Assert.That(loaded.shape, Is.EqualTo(new long[] { 3, 2 }));
        Assert.That(loaded.data<float>().ToArray(), Is.EqualTo(new float[] { 1, 4, 2, 5, 3, 6 }));
    }

    [Test]
    public void TheHeaderIsPaddedToEightBytesAndTheDataFollowsSortedNames()
    {
        using var scope = NewDisposeScope();
        var path = Path.Combine(directory, "layout.safetensors");
        SafeTensors.Save(path, new Dictionary<string, Tensor>
        {
            ["zeta"] = tensor(new float[] { 1 }, new long[] { 1 }),
            ["alpha"] = tensor(new double[] { 2, 3 }, new long[] { 2 }),
            ["Mid"] = tensor(new byte[] { 9 }, new long[] { 1 }),
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
        using var scope = NewDisposeScope();
        var path = Path.Combine(directory, "w.safetensors");
        SafeTensors.Save(path, new Dictionary<string, Tensor> { ["a"] = ones(2) });
        SafeTensors.Save(path, new Dictionary<string, Tensor> { ["b"] = zeros(3) });
        Assert.That(SafeTensors.Load(path).Keys, Is.EqualTo(new[] { "b" }));
        Assert.That(Directory.GetFiles(directory), Has.Length.EqualTo(1));
    }

    [Test]
    public void ASaveThatFailsMidwayLeavesTheOldFileAndNoTemporaryFile()
    {
        using var scope = NewDisposeScope();
        var path = Path.Combine(directory, "w.safetensors");
        SafeTensors.Save(path, new Dictionary<string, Tensor> { ["a"] = ones(2) });
        var before = File.ReadAllBytes(path);

        var failing = new FailingDictionary(new Dictionary<string, Tensor> { ["a"] = zeros(4), ["b"] = zeros(4) }, failOn: "b");
        Assert.Throws<IOException>(() => SafeTensors.Save(path, failing));

        Assert.That(File.ReadAllBytes(path), Is.EqualTo(before));
        Assert.That(Directory.GetFiles(directory), Is.EqualTo(new[] { path }));
    }

    [Test]
    public void StreamsRoundTripSeekableOrNot()
    {
        using var scope = NewDisposeScope();
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
        using var scope = NewDisposeScope();
        var ex = Assert.Throws<ArgumentException>(() =>
            SafeTensors.Save(Path.Combine(directory, "x.safetensors"), new Dictionary<string, Tensor> { ["__metadata__"] = ones(1) }));
        Assert.That(ex!.Message, Does.Contain("A tensor cannot be named '__metadata__'"));
        Assert.That(Directory.GetFiles(directory), Is.Empty);
    }

    [Test]
    public void LoadedTensorsBelongToTheCallersScope()
    {
        var path = Path.Combine(directory, "s.safetensors");
        using (var scope = NewDisposeScope())
        {
            SafeTensors.Save(path, EveryDType());
        }

        var before = Runtime.LiveTensorCount;
        using (var scope = NewDisposeScope())
        {
            var loaded = SafeTensors.Load(path);
            Assert.That(Runtime.LiveTensorCount - before, Is.EqualTo(loaded.Count));
        }

        Assert.That(Runtime.LiveTensorCount, Is.EqualTo(before));
    }

    [Test]
    [Category("Gpu")]
    public void TensorsCanBeLoadedOntoAGpu()
    {
        if (!cuda.is_available())
        {
            Assert.Ignore("No CUDA device is available.");
        }

        using var scope = NewDisposeScope();
        var path = Path.Combine(directory, "gpu.safetensors");
        var tensors = EveryDType();
        var cuda0 = new Device(DeviceType.CUDA, 0);
        var onGpu = tensors.ToDictionary(e => e.Key, e => e.Value.to(cuda0));
        SafeTensors.Save(path, onGpu);
        var loaded = SafeTensors.Load(path, cuda0);
        foreach (var (name, t) in tensors)
        {
            Assert.That(loaded[name].device_type, Is.EqualTo(DeviceType.CUDA), name);
            Assert.That(TensorBytes.Of(loaded[name]), Is.EqualTo(TensorBytes.Of(t)), name);
        }
    }

    [Test]
    public void SavingOverALongerFileLeavesNoStaleBytes()
    {
        using var scope = NewDisposeScope();
        var path = Path.Combine(directory, "shrink.safetensors");
        SafeTensors.Save(path, new Dictionary<string, Tensor> { ["big"] = ones(1000), ["other"] = zeros(64, ScalarType.Float64) });
        var longer = new FileInfo(path).Length;

        SafeTensors.Save(path, new Dictionary<string, Tensor> { ["small"] = full(3, 7.0f) });

        var bytes = File.ReadAllBytes(path);
        var n = (long)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        Assert.That(bytes.LongLength, Is.EqualTo(8 + n + 12).And.LessThan(longer));
        var loaded = SafeTensors.Load(path);
        Assert.That(loaded.Keys, Is.EqualTo(new[] { "small" }));
        Assert.That(loaded["small"].data<float>().ToArray(), Is.EqualTo(new float[] { 7, 7, 7 }));
    }

    [Test]
    public void AnElementTypeWithoutASafetensorsNameIsRefusedBeforeAnythingIsWritten()
    {
        using var scope = NewDisposeScope();
        var path = Path.Combine(directory, "complex.safetensors");
        var ex = Assert.Throws<ArgumentException>(() =>
            SafeTensors.Save(path, new Dictionary<string, Tensor> { ["c"] = zeros(2, ScalarType.ComplexFloat32) }));
        Assert.That(ex!.Message, Does.StartWith("The tensor 'c' holds ComplexFloat32 elements, which safetensors files here do not store; convert it to one of F64, F32, F16, BF16, I64, I32, I16, I8, U8, BOOL."));
        Assert.That(Directory.GetFiles(directory), Is.Empty);
    }

    [Test]
    public void ADisposedTensorIsRefused()
    {
        var t = ones(2);
        t.Dispose();
        var ex = Assert.Throws<ArgumentException>(() =>
            SafeTensors.Save(Path.Combine(directory, "d.safetensors"), new Dictionary<string, Tensor> { ["t"] = t }));
        Assert.That(ex!.Message, Does.StartWith("The tensor 't' is null or disposed; give live tensors only."));
    }

    [Test]
    public void TensorsThatNeedGradientsAndViewsAreSavedAsTheirValues()
    {
        using var scope = NewDisposeScope();
        var leaf = arange(0, 12, ScalarType.Float32).reshape(3, 4).requires_grad_();
        var view = leaf.detach().narrow(1, 1, 2);
        var path = Path.Combine(directory, "views.safetensors");
        SafeTensors.Save(path, new Dictionary<string, Tensor> { ["leaf"] = leaf, ["view"] = view });
        var loaded = SafeTensors.Load(path);
        Assert.That(loaded["leaf"].requires_grad, Is.False);
        Assert.That(loaded["leaf"].data<float>().ToArray(), Is.EqualTo(Enumerable.Range(0, 12).Select(i => (float)i)));
        Assert.That(loaded["view"].data<float>().ToArray(), Is.EqualTo(new float[] { 1, 2, 5, 6, 9, 10 }));
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
