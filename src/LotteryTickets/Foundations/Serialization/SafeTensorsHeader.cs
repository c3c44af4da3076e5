using System.Buffers;
using System.Globalization;
using System.Text.Json;
using static TorchSharp.torch;

namespace LotteryTickets.Serialization;

/// <summary>
/// The JSON header of a safetensors file: parsed with every check of the format (reporting all
/// problems at once), or built for a set of tensors (names sorted, data laid out in that order,
/// padded with spaces to a multiple of 8 bytes).
/// </summary>
internal sealed class SafeTensorsHeader
{
    public const string MetadataKey = "__metadata__";

    /// <summary>The largest header accepted (the limit of the reference implementation).</summary>
    public const long MaxLength = 100_000_000;

    private SafeTensorsHeader(IReadOnlyList<SafeTensorsEntry> entries, IReadOnlyDictionary<string, string> metadata)
    {
        Entries = entries;
        Metadata = metadata;
        DataLength = entries.Count == 0 ? 0 : entries.Max(e => e.End);
    }

    /// <summary>The tensors, in the order of their data.</summary>
    public IReadOnlyList<SafeTensorsEntry> Entries { get; }

    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>The length of the data section the header describes.</summary>
    public long DataLength { get; }

    public static SafeTensorsHeader Parse(ReadOnlySpan<byte> json, Func<IEnumerable<string>, Exception> invalid)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException ex)
        {
            throw invalid([$"its header is not valid JSON ({ex.Message})."]);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw invalid([$"its header is a JSON {document.RootElement.ValueKind}, not an object of tensors."]);
            }

            var problems = new List<string>();
            var names = new HashSet<string>(StringComparer.Ordinal);
            var entries = new List<SafeTensorsEntry>();
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (!names.Add(property.Name))
                {
                    problems.Add($"'{property.Name}' appears more than once in the header.");
                    continue;
                }

                if (property.Name == MetadataKey)
                {
                    ReadMetadata(property.Value, metadata, problems);
                }
                else if (ReadEntry(property.Name, property.Value, problems) is { } entry)
                {
                    entries.Add(entry);
                }
            }

            entries.Sort((a, b) => a.Begin != b.Begin ? a.Begin.CompareTo(b.Begin) : a.End.CompareTo(b.End));
            long expected = 0;
            string? previous = null;
            foreach (var e in entries)
            {
                if (e.Begin < expected)
                {
                    problems.Add($"the data of tensor '{e.Name}' [{e.Begin}, {e.End}) overlaps that of tensor '{previous}', which ends at {expected}.");
                }
                else if (e.Begin > expected)
                {
                    problems.Add($"there is a gap of {e.Begin - expected} bytes before the data of tensor '{e.Name}' (it begins at {e.Begin}, the data before ends at {expected}).");
                }

                expected = Math.Max(expected, e.End);
                previous = e.Name;
            }

            if (problems.Count > 0)
            {
                throw invalid(problems);
            }

            return new SafeTensorsHeader(entries, metadata);
        }
    }

    /// <summary>The header bytes (padded) and the tensors' layout, for tensors given by name, type and shape.</summary>
    public static (byte[] Header, SafeTensorsEntry[] Layout) Build(
        IEnumerable<(string Name, ScalarType Type, long[] Shape)> tensors, IReadOnlyDictionary<string, string>? metadata)
    {
        var layout = new List<SafeTensorsEntry>();
        long offset = 0;
        foreach (var (name, type, shape) in tensors.OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            var length = checked(shape.Aggregate(1L, (a, b) => a * b) * SafeTensorsDType.ElementSize(type));
            layout.Add(new SafeTensorsEntry(name, type, shape, offset, offset + length));
            offset += length;
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                writer.WriteStartObject(MetadataKey);
                foreach (var (key, value) in metadata.OrderBy(m => m.Key, StringComparer.Ordinal))
                {
                    writer.WriteString(key, value);
                }

                writer.WriteEndObject();
            }

            foreach (var e in layout)
            {
                writer.WriteStartObject(e.Name);
                writer.WriteString("dtype", SafeTensorsDType.Name(e.Type));
                writer.WriteStartArray("shape");
                foreach (var s in e.Shape)
                {
                    writer.WriteNumberValue(s);
                }

                writer.WriteEndArray();
                writer.WriteStartArray("data_offsets");
                writer.WriteNumberValue(e.Begin);
                writer.WriteNumberValue(e.End);
                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        var padded = (buffer.WrittenCount + 7) / 8 * 8;
        var header = new byte[padded];
        buffer.WrittenSpan.CopyTo(header);
        header.AsSpan(buffer.WrittenCount).Fill((byte)' ');
        return (header, [.. layout]);
    }

    private static void ReadMetadata(JsonElement value, Dictionary<string, string> metadata, List<string> problems)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"'{MetadataKey}' is a JSON {value.ValueKind}, not an object of strings.");
            return;
        }

        foreach (var item in value.EnumerateObject())
        {
            if (item.Value.ValueKind != JsonValueKind.String)
            {
                problems.Add($"metadata '{item.Name}' is a JSON {item.Value.ValueKind}, not a string.");
            }
            else if (!metadata.TryAdd(item.Name, item.Value.GetString()!))
            {
                problems.Add($"metadata '{item.Name}' appears more than once.");
            }
        }
    }

    private static SafeTensorsEntry? ReadEntry(string name, JsonElement value, List<string> problems)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"tensor '{name}' is described by a JSON {value.ValueKind}, not an object.");
            return null;
        }

        var before = problems.Count;
        ScalarType? type = null;
        if (!value.TryGetProperty("dtype", out var dtype) || dtype.ValueKind != JsonValueKind.String)
        {
            problems.Add($"tensor '{name}' has no 'dtype' string.");
        }
        else
        {
            type = SafeTensorsDType.Parse(dtype.GetString()!);
            if (type is null)
            {
                problems.Add($"tensor '{name}' has dtype '{dtype.GetString()}', which is not supported (supported: {SafeTensorsDType.Supported}).");
            }
        }

        var shape = ReadIntegers(name, value, "shape", null, problems);
        var offsets = ReadIntegers(name, value, "data_offsets", 2, problems);
        if (problems.Count > before || type is null || shape is null || offsets is null)
        {
            return null;
        }

        if (offsets[1] < offsets[0])
        {
            problems.Add($"tensor '{name}' has data_offsets [{offsets[0]}, {offsets[1]}] that end before they begin.");
            return null;
        }

        long needed;
        try
        {
            needed = checked(shape.Aggregate(1L, (a, b) => a * b) * SafeTensorsDType.ElementSize(type.Value));
        }
        catch (OverflowException)
        {
            problems.Add($"tensor '{name}' has a shape too large to address.");
            return null;
        }

        if (needed != offsets[1] - offsets[0])
        {
            problems.Add(
                $"tensor '{name}' of dtype {SafeTensorsDType.Name(type.Value)} and shape [{string.Join(", ", shape)}] needs {needed} bytes, " +
                $"but its data_offsets [{offsets[0]}, {offsets[1]}] span {offsets[1] - offsets[0]}.");
            return null;
        }

        return new SafeTensorsEntry(name, type.Value, shape, offsets[0], offsets[1]);
    }

    private static long[]? ReadIntegers(string name, JsonElement value, string field, int? count, List<string> problems)
    {
        if (!value.TryGetProperty(field, out var array) || array.ValueKind != JsonValueKind.Array)
        {
            problems.Add($"tensor '{name}' has no '{field}' array.");
            return null;
        }

        var result = new List<long>();
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt64(out var v) || v < 0)
            {
                problems.Add($"tensor '{name}' has a '{field}' entry {item.GetRawText()} that is not a whole number of at least 0.");
                return null;
            }

            result.Add(v);
        }

        if (count is { } c && result.Count != c)
        {
            problems.Add(string.Create(
                CultureInfo.InvariantCulture, $"tensor '{name}' has {result.Count} '{field}' entries instead of {c}."));
            return null;
        }

        return [.. result];
    }
}
