using System.Text.Json.Nodes;

namespace LotteryTickets.Torch.Tests.Reference;

/// <summary>One input tensor of a reference case, held as plain values so both sides build it identically.</summary>
/// <param name="DType">The element type.</param>
/// <param name="Shape">The shape.</param>
/// <param name="Data">The elements in row-major order (exactly representable in <paramref name="DType"/>).</param>
internal sealed record ReferenceInput(ScalarType DType, long[] Shape, double[] Data)
{
    /// <summary>A new tensor holding the values (owned by the caller).</summary>
    public Tensor ToTensor() => DType switch
    {
        ScalarType.Float64 => Tensor.FromArray(Data, Shape),
        ScalarType.Float32 => Tensor.FromArray(Data.Select(v => (float)v).ToArray(), Shape),
        ScalarType.Int64 => Tensor.FromArray(Data.Select(v => (long)v).ToArray(), Shape),
        ScalarType.Int32 => Tensor.FromArray(Data.Select(v => (int)v).ToArray(), Shape),
        ScalarType.UInt8 => Tensor.FromArray(Data.Select(v => (byte)v).ToArray(), Shape),
        ScalarType.Bool => Tensor.FromArray(Data.Select(v => v != 0).ToArray(), Shape),
        _ => throw new NotSupportedException($"Reference inputs of type {DType} are not supported."),
    };

    /// <summary>The JSON form read by <c>reference_ops.py</c>.</summary>
    public JsonObject ToJson()
    {
        var data = new JsonArray();
        foreach (var v in Data)
        {
            data.Add(DType switch
            {
                ScalarType.Bool => JsonValue.Create(v != 0),
                ScalarType.Float64 or ScalarType.Float32 => ReferenceJson.Float(v),
                _ => JsonValue.Create((long)v),
            });
        }

        return new JsonObject
        {
            ["dtype"] = ReferenceJson.DTypeName(DType),
            ["shape"] = new JsonArray(Shape.Select(s => (JsonNode)JsonValue.Create(s)).ToArray()),
            ["data"] = data,
        };
    }
}
