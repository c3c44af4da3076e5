using System.Diagnostics;
using System.Text.Json.Nodes;
using LotteryTickets.Engine;
using TorchSharp;
using static TorchSharp.torch;

namespace LotteryTickets.Tests.EngineTests;

/// <summary>
/// Round trips with an independent Python reader and writer of the format (torch 1.13): files written here are
/// read there, and the other way round.
/// </summary>
public class SafeTensorsPythonTests
{
    private const string Interpreter = "/usr/bin/python3";
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

    private string RunPython(params string[] arguments)
    {
        if (!File.Exists(Interpreter))
        {
            Assert.Fail($"The Python interpreter '{Interpreter}' is missing. Install it with PyTorch: apt-get install python3-torch.");
        }

        var info = new ProcessStartInfo(Interpreter)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(directory, SafeTensorsPythonScripts.RoundTripName));
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        info.Environment["OMP_NUM_THREADS"] = "1";
        info.Environment["PYTHONWARNINGS"] = "ignore";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{SafeTensorsPythonScripts.RoundTripName} ran longer than 2 minutes. Stderr:\n{stderr.Result}");
        }

        if (process.ExitCode != 0)
        {
            var hint = stderr.Result.Contains("No module named 'torch'", StringComparison.Ordinal)
                ? $" PyTorch is missing from '{Interpreter}': install python3-torch."
                : string.Empty;
            Assert.Fail($"{SafeTensorsPythonScripts.RoundTripName} exited with code {process.ExitCode}.{hint} Stderr:\n{stderr.Result}\nStdout:\n{stdout.Result}");
        }

        return stdout.Result;
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
        ScalarType.Byte => "U8",
        ScalarType.Bool => "BOOL",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };
}
