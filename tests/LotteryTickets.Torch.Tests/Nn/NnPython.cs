using System.Text.Json.Nodes;
using LotteryTickets.Torch.Tests.Support;

namespace LotteryTickets.Torch.Tests.Nn;

/// <summary>
/// Runs Python/reference_nn.py once with a JSON request and returns its JSON answer; tensors
/// travel as {shape, dtype, data} with round-trip floats.
/// </summary>
internal static class NnPython
{
    public static JsonObject Run(JsonObject request) =>
        JsonNode.Parse(PythonReference.Run(PythonReference.Script("reference_nn.py"), [], standardInput: request.ToJsonString()))!.AsObject();

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
