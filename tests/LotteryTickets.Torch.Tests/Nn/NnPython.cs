using System.Diagnostics;
using System.Text.Json.Nodes;

namespace LotteryTickets.Torch.Tests.Nn;

/// <summary>
/// Runs Python/reference_nn.py once with a JSON request and returns its JSON answer; tensors
/// travel as {shape, dtype, data} with round-trip floats.
/// </summary>
internal static class NnPython
{
    private const string Interpreter = "/usr/bin/python3";

    public static JsonObject Run(JsonObject request)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Python", "reference_nn.py");
        if (!File.Exists(Interpreter))
        {
            Assert.Fail($"The PyTorch reference needs '{Interpreter}' with torch installed (Debian: apt-get install python3-torch).");
        }

        var start = new ProcessStartInfo(Interpreter, [script])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(request.ToJsonString());
        process.StandardInput.Close();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            Assert.Fail($"reference_nn.py failed with exit code {process.ExitCode}:\n{stderr.Result}");
        }

        return JsonNode.Parse(stdout.Result)!.AsObject();
    }

    public static JsonObject Encode(Tensor tensor)
    {
        var dtype = tensor.DType;
        var data = new JsonArray();
        if (dtype == ScalarType.Int64)
        {
            foreach (var v in tensor.ToArray<long>()) data.Add(v);
        }
        else
        {
            using var d = tensor.To(ScalarType.Float64);
            foreach (var v in d.ToArray<double>()) data.Add(v);
        }

        return new JsonObject
        {
            ["shape"] = new JsonArray(tensor.Shape.Select(s => (JsonNode)s).ToArray()),
            ["dtype"] = dtype == ScalarType.Int64 ? "int64" : dtype == ScalarType.Float32 ? "float32" : "float64",
            ["data"] = data,
        };
    }

    public static long[] Shape(JsonNode tensor) => tensor["shape"]!.AsArray().Select(n => n!.GetValue<long>()).ToArray();

    public static double[] Doubles(JsonNode tensor) =>
        tensor["data"]!.AsArray().Select(n => n!.GetValue<double>()).ToArray();
}
