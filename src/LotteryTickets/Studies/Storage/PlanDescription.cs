using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LotteryTickets.Training;
using LotteryTickets.Components;

namespace LotteryTickets.Storage;

/// <summary>
/// The canonical JSON description of a plan and its content hash. Only options that differ from their defaults are
/// written, object keys are sorted (ordinal), and the JSON is compact, so the same options always give the same
/// text; the hash is the first 16 hexadecimal digits of the SHA-256 of its UTF-8 bytes.
/// </summary>
internal static class PlanDescription
{
    /// <summary>The number of hexadecimal digits of the hash.</summary>
    public const int HashLength = 16;

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static string Canonical(JsonNode? node)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false }))
        {
            WriteSorted(writer, node);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static string Hash(string canonical)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(canonical));
        return Convert.ToHexStringLower(digest)[..HashLength];
    }

    /// <summary>The JSON value of an option or parameter value.</summary>
    public static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        Enum e => JsonValue.Create(e.ToString()),
        int i => JsonValue.Create(i),
        long l => JsonValue.Create(l),
        ulong u => JsonValue.Create(u),
        float f => Number(f),
        double d => Number(d),
        decimal m => JsonValue.Create(m),
        TrainingDuration t => JsonValue.Create(t.ToString()),
        IDescribable describable => Parameters(describable.DescribeParameters()),
        IDictionary dictionary => Dictionary(dictionary),
        IEnumerable sequence => new JsonArray(sequence.Cast<object?>().Select(ToNode).ToArray()),
        _ => JsonSerializer.SerializeToNode(value, value.GetType(), Json),
    };

    /// <summary>The parameters of a component, as an object (keys as given; sorted when written).</summary>
    public static JsonObject Parameters(IReadOnlyDictionary<string, object?> parameters)
    {
        var result = new JsonObject();
        foreach (var (key, value) in parameters)
        {
            result[key] = ToNode(value);
        }

        return result;
    }

    /// <summary>
    /// The public readable properties of <paramref name="instance"/> whose values differ from those of
    /// <paramref name="defaults"/>, by camel-case name; a property added later with a no-op default is never written.
    /// </summary>
    public static JsonObject NonDefaultProperties(object instance, object defaults, params string[] excluded)
    {
        var result = new JsonObject();
        foreach (var property in ReadableProperties(instance, excluded))
        {
            var value = ToNode(property.GetValue(instance));
            var fallback = ToNode(property.GetValue(defaults));
            if (Canonical(value) != Canonical(fallback))
            {
                result[JsonNamingPolicy.CamelCase.ConvertName(property.Name)] = value;
            }
        }

        return result;
    }

    /// <summary>The public readable, non-indexed instance properties of <paramref name="instance"/> not in <paramref name="excluded"/>, by name (ordinal).</summary>
    public static IEnumerable<PropertyInfo> ReadableProperties(object instance, string[] excluded) =>
        instance.GetType()
            .GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0 && !excluded.Contains(p.Name))
            .OrderBy(p => p.Name, StringComparer.Ordinal);

    /// <summary>A component as <c>{"name": …, …parameters}</c>.</summary>
    public static JsonObject Component(string name, object component)
    {
        var result = component is IDescribable d ? Parameters(d.DescribeParameters()) : [];
        result["name"] = name;
        return result;
    }

    private static JsonNode Number(double d) =>
        double.IsFinite(d) ? JsonValue.Create(d) : JsonValue.Create(d.ToString(CultureInfo.InvariantCulture));

    private static JsonObject Dictionary(IDictionary dictionary)
    {
        var result = new JsonObject();
        foreach (DictionaryEntry entry in dictionary)
        {
            result[Convert.ToString(entry.Key, CultureInfo.InvariantCulture)!] = ToNode(entry.Value);
        }

        return result;
    }

    /// <summary>Writes <paramref name="node"/> with every object's keys sorted (ordinal).</summary>
    internal static void WriteSorted(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonObject o:
                writer.WriteStartObject();
                foreach (var (key, value) in o.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(key);
                    WriteSorted(writer, value);
                }

                writer.WriteEndObject();
                break;
            case JsonArray a:
                writer.WriteStartArray();
                foreach (var item in a)
                {
                    WriteSorted(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }
}
