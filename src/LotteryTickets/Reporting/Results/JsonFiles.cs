using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LotteryTickets.Results;

/// <summary>
/// System.Text.Json settings and helpers for the result files (<c>metrics.json</c>, <c>sparsity.json</c>, an
/// instability analysis's <c>analysis.json</c> and <c>path.json</c>): camelCase names, indented, finite numbers in
/// their shortest round-trip form and non-finite ones as the strings <c>"NaN"</c>, <c>"Infinity"</c> and
/// <c>"-Infinity"</c> (<see cref="JsonNumberHandling.AllowNamedFloatingPointLiterals"/>, also the convention of
/// Python's <c>json</c> readers that accept them as strings). Each file type is a private record whose properties are
/// written in declaration order, so the same value always gives the same bytes. Every file carries a <c>schema</c>
/// tag, checked before anything else is read.
/// </summary>
internal static class JsonFiles
{
    /// <summary>The serializer options of every result file.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        WriteIndented = true,
    };

    /// <summary>Writes <paramref name="value"/> as UTF-8 JSON to <paramref name="stream"/>, left open.</summary>
    public static void Write<T>(T value, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        JsonSerializer.Serialize(stream, value, Options);
    }

    /// <summary>The JSON text of <paramref name="value"/>, the same as <see cref="Write{T}"/> writes.</summary>
    public static string ToText<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>Reads a file of schema <paramref name="schema"/> from its text.</summary>
    /// <exception cref="InvalidDataException">
    /// The text is malformed, has another schema, or does not fit the file type (a property missing or of the wrong
    /// kind); the message names <paramref name="source"/> and the problem.
    /// </exception>
    public static T Parse<T>(string json, string schema, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        SchemaTag tag;
        try
        {
            tag = JsonSerializer.Deserialize<SchemaTag>(json, Options)
                ?? throw new InvalidDataException($"The JSON '{source}' is null; an object of schema '{schema}' was expected.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The JSON '{source}' is malformed: {e.Message}", e);
        }

        if (tag.Schema is null)
        {
            throw new InvalidDataException($"The JSON '{source}' has no 'schema'; an object of schema '{schema}' was expected.");
        }

        if (tag.Schema != schema)
        {
            throw new InvalidDataException($"The JSON '{source}' has schema '{tag.Schema}'; this reader understands '{schema}'.");
        }

        try
        {
            return JsonSerializer.Deserialize<T>(json, Options)!;
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The JSON '{source}' is not a valid '{schema}' file: {e.Message}", e);
        }
    }

    /// <summary>Reads a file of schema <paramref name="schema"/>.</summary>
    public static T Read<T>(string path, string schema) => Parse<T>(File.ReadAllText(path, Encoding.UTF8), schema, path);

    private sealed record SchemaTag(string? Schema);
}
