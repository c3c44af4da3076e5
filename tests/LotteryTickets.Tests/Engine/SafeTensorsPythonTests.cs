using System.Text.Json.Nodes;
using TorchSharp;
using LotteryTickets.Native;
using LotteryTickets.Serialization;
using static TorchSharp.torch;

namespace LotteryTickets.Tests.EngineTests;

/// <summary>
/// Round trips with an independent Python reader and writer of the format (torch 1.13): files written here are
/// read there, and the other way round.
/// </summary>
public class SafeTensorsPythonTests
{
    private string directory = null!;

    [SetUp]
    public void CreateDirectory()
    {
        directory = Directory.CreateTempSubdirectory("lt-safetensors-py-").FullName;
        File.WriteAllText(Path.Combine(directory, SafeTensorsPythonScripts.IoName), SafeTensorsPythonScripts.Io);
        File.WriteAllText(Path.Combine(directory, SafeTensorsPythonScripts.RoundTripName), SafeTensorsPythonScripts.RoundTrip);
    }

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(directory, recursive: true);

    [Test]
    public void FilesWrittenHereReadInPythonWithTheSameValuesAndBytes()
    {
        using var scope = NewDisposeScope();
        var tensors = SafeTensorsTests.EveryDType(withNaN: false);
        tensors["transposed"] = tensor(new double[] { 1, 2, 3, 4, 5, 6 }, new long[] { 2, 3 }).t();
        var metadata = new Dictionary<string, string> { ["format"] = "pt", ["note"] = "größe ✓" };
        var file = Path.Combine(directory, "csharp.safetensors");
        SafeTensors.Save(file, tensors, metadata);

        var expected = new JsonObject { ["metadata"] = new JsonObject([.. metadata.Select(m => KeyValuePair.Create(m.Key, (JsonNode?)m.Value))]) };
        var described = new JsonObject();
        foreach (var (name, t) in tensors)
        {
            described[name] = new JsonObject
            {
                ["dtype"] = Name(t.dtype),
                ["shape"] = new JsonArray([.. t.shape.Select(s => (JsonNode)s)]),
                ["values"] = new JsonArray([.. Doubles(t).Select(v => (JsonNode)v)]),
                ["hex"] = Convert.ToHexStringLower(TensorBytes.Of(t)),
            };
        }

        expected["tensors"] = described;
        var expectedPath = Path.Combine(directory, "expected.json");
        File.WriteAllText(expectedPath, expected.ToJsonString());

        Assert.That(RunPython("check", file, expectedPath).Trim(), Is.EqualTo("ok"));
    }

    [Test]
    public void FilesWrittenInPythonReadHereBitForBit()
    {
        using var scope = NewDisposeScope();
        var file = Path.Combine(directory, "python.safetensors");
        var expectedPath = Path.Combine(directory, "expected.json");
        RunPython("write", file, expectedPath);
        var expected = JsonNode.Parse(File.ReadAllText(expectedPath))!.AsObject();

        var loaded = SafeTensors.Load(file);
        var described = expected["tensors"]!.AsObject();
        Assert.That(loaded.Keys.Order(), Is.EqualTo(described.Select(d => d.Key).Order()));
        foreach (var (name, node) in described)
        {
            var t = loaded[name];
            Assert.That(Name(t.dtype), Is.EqualTo(node!["dtype"]!.GetValue<string>()), name);
            Assert.That(t.shape, Is.EqualTo(node["shape"]!.AsArray().Select(s => s!.GetValue<long>())), name);
            Assert.That(Convert.ToHexStringLower(TensorBytes.Of(t)), Is.EqualTo(node["hex"]!.GetValue<string>()), name);
            Assert.That(Doubles(t), Is.EqualTo(node["values"]!.AsArray().Select(v => v!.GetValue<double>())), name);
        }

        Assert.That(
            SafeTensors.ReadMetadata(file),
            Is.EquivalentTo(expected["metadata"]!.AsObject().ToDictionary(m => m.Key, m => m.Value!.GetValue<string>())));
    }

    private static double[] Doubles(Tensor t)
    {
        using var d = t.detach().to(ScalarType.Float64).contiguous();
        return d.numel() == 0 ? [] : d.data<double>().ToArray();
    }

    private string RunPython(params string[] arguments) =>
        Support.PythonReference.RunFile(Path.Combine(directory, SafeTensorsPythonScripts.RoundTripName), arguments);

    private static string Name(ScalarType type) => SafeTensorsDType.Name(type);
}
