using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;

namespace LotteryTickets.Torch.Tests.Reference;

/// <summary>
/// A result in a form both sides can produce: a tensor (dtype, shape, elements), a list of results,
/// a bool or a number. Compared exactly for integer and bool elements, and within 1e-12 relative
/// (float64) or 1e-6 relative (lower precision) for floating-point elements.
/// </summary>
internal sealed class ReferenceValue
{
    private ReferenceValue()
    {
    }

    public string Kind { get; private init; } = "";

    public string DType { get; private init; } = "";

    public long[] Shape { get; private init; } = [];

    public double[] Floats { get; private init; } = [];

    public long[] Ints { get; private init; } = [];

    public IReadOnlyList<ReferenceValue> Items { get; private init; } = [];

    public double Number { get; private init; }

    /// <summary>Reads a value written by <c>reference_ops.py</c>.</summary>
    public static ReferenceValue FromJson(JsonNode node)
    {
        var obj = node.AsObject();
        if (obj["tensor"] is JsonObject t)
        {
            var dtype = t["dtype"]!.GetValue<string>();
            var data = t["data"]!.AsArray();
            var shape = t["shape"]!.AsArray().Select(s => s!.GetValue<long>()).ToArray();
            return IsFloat(dtype)
                ? new ReferenceValue { Kind = "tensor", DType = dtype, Shape = shape, Floats = data.Select(ReferenceJson.ReadFloat).ToArray() }
                : new ReferenceValue
                {
                    Kind = "tensor",
                    DType = dtype,
                    Shape = shape,
                    Ints = data.Select(d => dtype == "bool" ? (d!.GetValue<bool>() ? 1L : 0L) : d!.GetValue<long>()).ToArray(),
                };
        }

        if (obj["list"] is JsonArray list)
        {
            return new ReferenceValue { Kind = "list", Items = list.Select(i => FromJson(i!)).ToArray() };
        }

        if (obj.ContainsKey("bool"))
        {
            return new ReferenceValue { Kind = "bool", Number = obj["bool"]!.GetValue<bool>() ? 1 : 0 };
        }

        if (obj.ContainsKey("number"))
        {
            return new ReferenceValue { Kind = "number", Number = ReferenceJson.ReadFloat(obj["number"]) };
        }

        throw new FormatException($"Unknown reference value {node.ToJsonString()}.");
    }

    /// <summary>Reads a result of the C# binding.</summary>
    public static ReferenceValue FromResult(object result) => result switch
    {
        Tensor t => FromTensor(t),
        Tensor[] ts => new ReferenceValue { Kind = "list", Items = ts.Select(FromResult).ToArray() },
        ITuple tuple => new ReferenceValue { Kind = "list", Items = Enumerable.Range(0, tuple.Length).Select(i => FromResult(tuple[i]!)).ToArray() },
        bool b => new ReferenceValue { Kind = "bool", Number = b ? 1 : 0 },
        double d => new ReferenceValue { Kind = "number", Number = d },
        long l => new ReferenceValue { Kind = "number", Number = l },
        int i => new ReferenceValue { Kind = "number", Number = i },
        _ => throw new NotSupportedException($"A result of type {result.GetType().Name} cannot be compared."),
    };

    /// <summary>Null when <paramref name="actual"/> matches <paramref name="expected"/>, else a description of the first difference.</summary>
    public static string? Difference(ReferenceValue expected, ReferenceValue actual, string path = "result")
    {
        if (expected.Kind != actual.Kind)
        {
            return $"{path}: PyTorch gave a {expected.Kind}, the binding a {actual.Kind}.";
        }

        switch (expected.Kind)
        {
            case "list":
                if (expected.Items.Count != actual.Items.Count)
                {
                    return $"{path}: PyTorch gave {expected.Items.Count} items, the binding {actual.Items.Count}.";
                }

                for (var i = 0; i < expected.Items.Count; i++)
                {
                    if (Difference(expected.Items[i], actual.Items[i], $"{path}[{i}]") is { } d)
                    {
                        return d;
                    }
                }

                return null;
            case "bool":
            case "number":
                return Close(expected.Number, actual.Number, "float64") ? null : $"{path}: PyTorch gave {expected.Number:R}, the binding {actual.Number:R}.";
            default:
                if (expected.DType != actual.DType)
                {
                    return $"{path}: PyTorch gave dtype {expected.DType}, the binding {actual.DType}.";
                }

                if (!expected.Shape.SequenceEqual(actual.Shape))
                {
                    return $"{path}: PyTorch gave shape [{string.Join(", ", expected.Shape)}], the binding [{string.Join(", ", actual.Shape)}].";
                }

                if (IsFloat(expected.DType))
                {
                    for (var i = 0; i < expected.Floats.Length; i++)
                    {
                        if (!Close(expected.Floats[i], actual.Floats[i], expected.DType))
                        {
                            return $"{path}: element {i} is {actual.Floats[i].ToString("R", CultureInfo.InvariantCulture)} in the binding " +
                                   $"but {expected.Floats[i].ToString("R", CultureInfo.InvariantCulture)} in PyTorch.";
                        }
                    }
                }
                else
                {
                    for (var i = 0; i < expected.Ints.Length; i++)
                    {
                        if (expected.Ints[i] != actual.Ints[i])
                        {
                            return $"{path}: element {i} is {actual.Ints[i]} in the binding but {expected.Ints[i]} in PyTorch.";
                        }
                    }
                }

                return null;
        }
    }

    private static bool IsFloat(string dtype) => dtype is "float64" or "float32" or "float16" or "bfloat16";

    private static bool Close(double expected, double actual, string dtype)
    {
        if (double.IsNaN(expected) || double.IsNaN(actual))
        {
            return double.IsNaN(expected) && double.IsNaN(actual);
        }

        if (double.IsInfinity(expected) || double.IsInfinity(actual))
        {
            return expected == actual;
        }

        var (rtol, atol) = dtype == "float64" ? (1e-12, 1e-15) : (1e-6, 1e-7);
        return Math.Abs(expected - actual) <= atol + (rtol * Math.Max(Math.Abs(expected), Math.Abs(actual)));
    }

    private static ReferenceValue FromTensor(Tensor t)
    {
        var dtype = ReferenceJson.DTypeName(t.DType);
        var shape = t.Shape;
        if (t.DType.IsFloatingPoint())
        {
            using var d = t.Detach().To(ScalarType.Float64);
            return new ReferenceValue { Kind = "tensor", DType = dtype, Shape = shape, Floats = d.ToArray<double>() };
        }

        if (t.DType == ScalarType.Bool)
        {
            return new ReferenceValue { Kind = "tensor", DType = dtype, Shape = shape, Ints = t.ToArray<bool>().Select(b => b ? 1L : 0L).ToArray() };
        }

        using var l = t.To(ScalarType.Int64);
        return new ReferenceValue { Kind = "tensor", DType = dtype, Shape = shape, Ints = l.ToArray<long>() };
    }
}
