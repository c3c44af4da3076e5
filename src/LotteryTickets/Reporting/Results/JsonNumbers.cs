using System.Text;
using System.Text.Json;

namespace LotteryTickets.Results;

/// <summary>
/// Numbers in the result JSON files: finite values as JSON numbers (shortest round-trip form), non-finite ones as the
/// strings <c>"NaN"</c>, <c>"Infinity"</c> and <c>"-Infinity"</c> (the convention of System.Text.Json's
/// <c>AllowNamedFloatingPointLiterals</c> and of Python's <c>json</c> module's readers that accept them as strings).
/// </summary>
internal static class JsonNumbers
{
    public static void Write(Utf8JsonWriter writer, string name, double value)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumber(name, value);
        }
        else
        {
            writer.WriteString(name, double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
        }
    }

    public static void Write(Utf8JsonWriter writer, string name, double? value)
    {
        if (value is { } v)
        {
            Write(writer, name, v);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    public static JsonElement Property(JsonElement element, string name, string source)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value))
        {
            throw new InvalidDataException($"The JSON '{source}' has no property '{name}' where one was expected.");
        }

        return value;
    }

    public static double ReadDouble(JsonElement element, string name, string source)
    {
        var value = Property(element, name, source);
        return value.ValueKind switch
        {
            JsonValueKind.Number => value.GetDouble(),
            JsonValueKind.String when value.GetString() is "NaN" => double.NaN,
            JsonValueKind.String when value.GetString() is "Infinity" => double.PositiveInfinity,
            JsonValueKind.String when value.GetString() is "-Infinity" => double.NegativeInfinity,
            _ => throw new InvalidDataException(
                $"The JSON '{source}' has {value.GetRawText()} in '{name}'; a number (or \"NaN\", \"Infinity\", \"-Infinity\") was expected."),
        };
    }

    /// <summary>A missing or <c>null</c> property reads as <see langword="null"/>.</summary>
    public static double? ReadNullableDouble(JsonElement element, string name, string source) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? ReadDouble(element, name, source)
            : null;

    public static int ReadInt(JsonElement element, string name, string source)
    {
        var value = Property(element, name, source);
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var result))
        {
            return result;
        }

        throw new InvalidDataException($"The JSON '{source}' has {value.GetRawText()} in '{name}'; a 32-bit integer was expected.");
    }

    public static long ReadLong(JsonElement element, string name, string source)
    {
        var value = Property(element, name, source);
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var result))
        {
            return result;
        }

        throw new InvalidDataException($"The JSON '{source}' has {value.GetRawText()} in '{name}'; an integer was expected.");
    }

    public static string ReadString(JsonElement element, string name, string source)
    {
        var value = Property(element, name, source);
        return value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new InvalidDataException($"The JSON '{source}' has {value.GetRawText()} in '{name}'; a string was expected.");
    }

    public static void CheckSchema(JsonElement root, string expected, string source)
    {
        var schema = ReadString(root, "schema", source);
        if (schema != expected)
        {
            throw new InvalidDataException($"The JSON '{source}' has schema '{schema}'; this reader understands '{expected}'.");
        }
    }

    public static JsonWriterOptions WriterOptions { get; } = new() { Indented = true };

    /// <summary>The UTF-8 text a stream writer produces.</summary>
    public static string ToText(Action<Stream> write)
    {
        using var stream = new MemoryStream();
        write(stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Parses <paramref name="json"/> and checks its schema tag; the caller disposes the document.</summary>
    /// <exception cref="InvalidDataException">The text is malformed or has another schema.</exception>
    public static JsonDocument Open(string json, string schema, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The JSON '{source}' is malformed: {e.Message}", e);
        }

        try
        {
            CheckSchema(document.RootElement, schema, source);
            return document;
        }
        catch
        {
            document.Dispose();
            throw;
        }
    }

    /// <summary>The array property <paramref name="name"/> of <paramref name="element"/>.</summary>
    /// <exception cref="InvalidDataException">It is missing or not an array.</exception>
    public static JsonElement.ArrayEnumerator Array(JsonElement element, string name, string source)
    {
        var array = Property(element, name, source);
        return array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray()
            : throw new InvalidDataException($"The JSON '{source}' has a non-array '{name}'.");
    }
}
