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
    public static string? Difference(ReferenceValue expected, ReferenceValue actual, string path = "result") =>
        Difference(expected, actual, ReferenceTolerance.PyTorch, path);

    /// <summary>
    /// Null when <paramref name="actual"/> matches <paramref name="expected"/> within <paramref name="tolerance"/>,
    /// else a description of the first difference.
    /// </summary>
    public static string? Difference(ReferenceValue expected, ReferenceValue actual, ReferenceTolerance tolerance) =>
        Difference(expected, actual, tolerance, "result");

    private static string? Difference(ReferenceValue expected, ReferenceValue actual, ReferenceTolerance tolerance, string path)
    {
        var (e, a) = (tolerance.Expected, tolerance.Actual);
        if (expected.Kind != actual.Kind)
        {
            return $"{path}: {e} gave a {expected.Kind}, {a} a {actual.Kind}.";
        }

        switch (expected.Kind)
        {
            case "list":
                if (expected.Items.Count != actual.Items.Count)
                {
                    return $"{path}: {e} gave {expected.Items.Count} items, {a} {actual.Items.Count}.";
                }

                for (var i = 0; i < expected.Items.Count; i++)
                {
                    if (Difference(expected.Items[i], actual.Items[i], tolerance, $"{path}[{i}]") is { } d)
                    {
                        return d;
                    }
                }

                return null;
            case "bool":
            case "number":
                return tolerance.Close(expected.Number, actual.Number, "float64") ? null : $"{path}: {e} gave {expected.Number:R}, {a} {actual.Number:R}.";
            default:
                if (expected.DType != actual.DType)
                {
                    return $"{path}: {e} gave dtype {expected.DType}, {a} {actual.DType}.";
                }

                if (!expected.Shape.SequenceEqual(actual.Shape))
                {
                    return $"{path}: {e} gave shape [{string.Join(", ", expected.Shape)}], {a} [{string.Join(", ", actual.Shape)}].";
                }

                if (IsFloat(expected.DType))
                {
                    for (var i = 0; i < expected.Floats.Length; i++)
                    {
                        if (!tolerance.Close(expected.Floats[i], actual.Floats[i], expected.DType))
                        {
                            return $"{path}: element {i} is {actual.Floats[i].ToString("R", CultureInfo.InvariantCulture)} in {a} " +
                                   $"but {expected.Floats[i].ToString("R", CultureInfo.InvariantCulture)} in {e}.";
                        }
                    }
                }
                else
                {
                    for (var i = 0; i < expected.Ints.Length; i++)
                    {
                        if (expected.Ints[i] != actual.Ints[i])
                        {
                            return $"{path}: element {i} is {actual.Ints[i]} in {a} but {expected.Ints[i]} in {e}.";
                        }
                    }
                }

                return null;
        }
    }

    private static bool IsFloat(string dtype) => dtype is "float64" or "float32" or "float16" or "bfloat16";

    private static ReferenceValue FromTensor(Tensor t)
    {
        if (t.Device.Type != DeviceType.Cpu)
        {
            using var onCpu = t.Detach().To(Device.Cpu);
            return FromTensor(onCpu);
        }

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
