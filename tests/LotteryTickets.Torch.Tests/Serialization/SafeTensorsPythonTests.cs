using System.Text.Json.Nodes;
using LotteryTickets.Torch.Serialization;
using LotteryTickets.Torch.Tests.Support;

namespace LotteryTickets.Torch.Tests.Serialization;

/// <summary>
/// Round trips with an independent Python reader and writer of the format
/// (<c>Python/safetensors_io.py</c>, torch 1.13): files written here are read there, and the other way round.
/// </summary>
public class SafeTensorsPythonTests
{
    private string directory = null!;

    [SetUp]
    public void CreateDirectory() => directory = Directory.CreateTempSubdirectory("lt-safetensors-py-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(directory, recursive: true);

    [Test]
    public void FilesWrittenHereReadInPythonWithTheSameValuesAndBytes()
    {
        using var scope = DisposeScope.Begin();
        var tensors = SafeTensorsTests.EveryDType(withNaN: false);
        tensors["transposed"] = Tensor.FromArray(new double[] { 1, 2, 3, 4, 5, 6 }, 2, 3).T();
        var metadata = new Dictionary<string, string> { ["format"] = "pt", ["note"] = "größe ✓" };
        var file = Path.Combine(directory, "csharp.safetensors");
        SafeTensors.Save(file, tensors, metadata);

        var expected = new JsonObject { ["metadata"] = new JsonObject([.. metadata.Select(m => KeyValuePair.Create(m.Key, (JsonNode?)m.Value))]) };
        var described = new JsonObject();
        foreach (var (name, t) in tensors)
        {
            described[name] = new JsonObject
            {
                ["dtype"] = Name(t.DType),
                ["shape"] = new JsonArray([.. t.Shape.Select(s => (JsonNode)s)]),
                ["values"] = new JsonArray([.. t.To(ScalarType.Float64).ToArray<double>().Select(v => (JsonNode)v)]),
                ["hex"] = Convert.ToHexStringLower(TensorBytes.Of(t)),
            };
        }

        expected["tensors"] = described;
        var expectedPath = Path.Combine(directory, "expected.json");
        File.WriteAllText(expectedPath, expected.ToJsonString());

        Assert.That(PythonReference.Run(PythonReference.Script("safetensors_roundtrip.py"), ["check", file, expectedPath]).Trim(), Is.EqualTo("ok"));
    }

    [Test]
    public void FilesWrittenInPythonReadHereBitForBit()
    {
        using var scope = DisposeScope.Begin();
        var file = Path.Combine(directory, "python.safetensors");
        var expectedPath = Path.Combine(directory, "expected.json");
        PythonReference.Run(PythonReference.Script("safetensors_roundtrip.py"), ["write", file, expectedPath]);
        var expected = JsonNode.Parse(File.ReadAllText(expectedPath))!.AsObject();

        var loaded = SafeTensors.Load(file);
        var described = expected["tensors"]!.AsObject();
        Assert.That(loaded.Keys.Order(), Is.EqualTo(described.Select(d => d.Key).Order()));
        foreach (var (name, node) in described)
        {
            var t = loaded[name];
            Assert.That(Name(t.DType), Is.EqualTo(node!["dtype"]!.GetValue<string>()), name);
            Assert.That(t.Shape, Is.EqualTo(node["shape"]!.AsArray().Select(s => s!.GetValue<long>())), name);
            Assert.That(Convert.ToHexStringLower(TensorBytes.Of(t)), Is.EqualTo(node["hex"]!.GetValue<string>()), name);
            Assert.That(t.To(ScalarType.Float64).ToArray<double>(), Is.EqualTo(node["values"]!.AsArray().Select(v => v!.GetValue<double>())), name);
        }

        Assert.That(
            SafeTensors.ReadMetadata(file),
            Is.EquivalentTo(expected["metadata"]!.AsObject().ToDictionary(m => m.Key, m => m.Value!.GetValue<string>())));
    }

    private static string Name(ScalarType type) => type switch
    {
        ScalarType.Float64 => "F64",
        ScalarType.Float32 => "F32",
        ScalarType.Float16 => "F16",
        ScalarType.BFloat16 => "BF16",
        ScalarType.Int64 => "I64",
        ScalarType.Int32 => "I32",
        ScalarType.Int16 => "I16",
        ScalarType.Int8 => "I8",
        ScalarType.UInt8 => "U8",
        ScalarType.Bool => "BOOL",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };
}
