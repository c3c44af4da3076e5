using System.Text.Json.Nodes;

namespace LotteryTickets.Torch.Tests.Reference;

/// <summary>The JSON conventions shared with <c>reference_ops.py</c>.</summary>
internal static class ReferenceJson
{
    /// <summary>PyTorch's name of an element type (<c>torch.float64</c> without the prefix).</summary>
    public static string DTypeName(ScalarType type) => type switch
    {
        ScalarType.UInt8 => "uint8",
        ScalarType.Int8 => "int8",
        ScalarType.Int16 => "int16",
        ScalarType.Int32 => "int32",
        ScalarType.Int64 => "int64",
        ScalarType.Float16 => "float16",
        ScalarType.Float32 => "float32",
        ScalarType.Float64 => "float64",
        ScalarType.Bool => "bool",
        ScalarType.BFloat16 => "bfloat16",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown scalar type."),
    };

    /// <summary>A float as JSON: a number, or "nan", "inf", "-inf".</summary>
    public static JsonNode Float(double v) =>
        double.IsNaN(v) ? JsonValue.Create("nan")
        : double.IsPositiveInfinity(v) ? JsonValue.Create("inf")
        : double.IsNegativeInfinity(v) ? JsonValue.Create("-inf")
        : JsonValue.Create(v);

    /// <summary>Reads a float written by <see cref="Float"/> or by the script.</summary>
    public static double ReadFloat(JsonNode? node) => node!.GetValueKind() == System.Text.Json.JsonValueKind.String
        ? node.GetValue<string>() switch
        {
            "nan" => double.NaN,
            "inf" => double.PositiveInfinity,
            "-inf" => double.NegativeInfinity,
            var s => throw new FormatException($"'{s}' is not a float."),
        }
        : node.GetValue<double>();
}
