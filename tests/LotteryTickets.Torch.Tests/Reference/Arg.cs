using System.Text.Json.Nodes;

namespace LotteryTickets.Torch.Tests.Reference;

/// <summary>Builds the arguments of the Python side of a reference case.</summary>
internal static class Arg
{
    /// <summary>The k-th input tensor.</summary>
    public static InputRef In(int k) => new(k);

    /// <summary>A torch dtype.</summary>
    public static DTypeRef DType(ScalarType type) => new(type);

    /// <summary>A Python tuple.</summary>
    public static TupleArg Tuple(params object?[] items) => new(items);

    /// <summary>Keyword arguments, as (name, value) pairs.</summary>
    public static KwArgs Kw(params (string Name, object? Value)[] pairs) => new(pairs);

    /// <summary>The JSON form of one argument.</summary>
    public static JsonNode? ToJson(object? value) => value switch
    {
        null => null,
        bool b => JsonValue.Create(b),
        int i => JsonValue.Create(i),
        long l => JsonValue.Create(l),
        double d => ReferenceJson.Float(d),
        string s => JsonValue.Create(s),
        InputRef r => new JsonObject { ["$input"] = r.Index },
        DTypeRef t => new JsonObject { ["$dtype"] = ReferenceJson.DTypeName(t.Type) },
        TupleArg t => new JsonObject { ["$tuple"] = new JsonArray(t.Items.Select(ToJson).ToArray()) },
        long[] a => new JsonArray(a.Select(x => (JsonNode)JsonValue.Create(x)).ToArray()),
        object?[] a => new JsonArray(a.Select(ToJson).ToArray()),
        _ => throw new NotSupportedException($"A reference argument of type {value.GetType().Name} is not supported."),
    };

    /// <summary>A reference to an input tensor.</summary>
    public sealed record InputRef(int Index);

    /// <summary>A torch dtype.</summary>
    public sealed record DTypeRef(ScalarType Type);

    /// <summary>A Python tuple.</summary>
    public sealed record TupleArg(object?[] Items);

    /// <summary>Keyword arguments.</summary>
    public sealed record KwArgs((string Name, object? Value)[] Pairs);
}
