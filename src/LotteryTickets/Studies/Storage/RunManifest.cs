using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace LotteryTickets.Storage;

/// <summary>
/// What a finished run wrote: the size and SHA-256 of every file in its folder, recorded in the run's <c>done</c> marker
/// (<see cref="RunPaths.DoneMarker"/>) when the run finishes, so that the marker and the manifest appear together,
/// atomically. A run whose files no longer match its manifest is damaged, never done (<see cref="RunPaths.IsDone"/>).
/// The JSON is <c>{"format":1,"files":{"&lt;name&gt;":{"bytes":N,"sha256":"…"},…}}</c>, names sorted.
/// </summary>
public sealed class RunManifest
{
    /// <summary>The format version written into the manifest.</summary>
    public const int FormatVersion = 1;

    private RunManifest(IReadOnlyDictionary<string, RunManifestEntry> files)
    {
        Files = files;
    }

    /// <summary>The run's files by name (no folder), sorted ordinally.</summary>
    public IReadOnlyDictionary<string, RunManifestEntry> Files { get; }

    /// <summary>
    /// The manifest of the files in <paramref name="folder"/> (not below it), leaving out the <c>done</c> marker, the
    /// lock files and temporary files (names starting with '.').
    /// </summary>
    /// <param name="folder">The run's folder.</param>
    /// <returns>The manifest.</returns>
    public static RunManifest Create(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        var files = new SortedDictionary<string, RunManifestEntry>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(folder))
        {
            var name = Path.GetFileName(file);
            if (IsRecorded(name))
            {
                files[name] = new RunManifestEntry(new FileInfo(file).Length, Hash(file));
            }
        }

        return new RunManifest(files);
    }

    /// <summary>Whether a file of this name in a run's folder belongs in its manifest.</summary>
    /// <param name="name">A file name (no folder).</param>
    /// <returns><see langword="false"/> for the marker, the lock files and temporary files.</returns>
    public static bool IsRecorded(string name) =>
        !name.StartsWith('.') && name is not (RunPaths.DoneMarkerFileName or RunLock.FileName or RunLock.TakeoverFileName);

    /// <summary>Reads a manifest from the text of a <c>done</c> marker.</summary>
    /// <param name="text">The marker's text.</param>
    /// <returns>The manifest.</returns>
    /// <exception cref="InvalidDataException">The text is not a manifest; the message says what is wrong.</exception>
    public static RunManifest Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.Number || format.GetInt32() != FormatVersion
                || !root.TryGetProperty("files", out var list) || list.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException($"it is not a run manifest of format {FormatVersion} (an object with 'format' and 'files')");
            }

            var files = new SortedDictionary<string, RunManifestEntry>(StringComparer.Ordinal);
            foreach (var property in list.EnumerateObject())
            {
                var value = property.Value;
                if (value.ValueKind != JsonValueKind.Object
                    || !value.TryGetProperty("bytes", out var bytes) || !bytes.TryGetInt64(out var length) || length < 0
                    || !value.TryGetProperty("sha256", out var sha) || sha.GetString() is not { Length: 64 } digest
                    || !IsRecorded(property.Name) || property.Name.IndexOfAny(['/', '\\']) >= 0)
                {
                    throw new InvalidDataException($"its entry '{property.Name}' is not a file name with 'bytes' and a 64-digit 'sha256'");
                }

                files[property.Name] = new RunManifestEntry(length, digest);
            }

            return new RunManifest(files);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"it is not valid JSON ({e.Message})", e);
        }
    }

    /// <summary>
    /// What is wrong with the files of <paramref name="folder"/> against this manifest: a file missing, of another size,
    /// or (with <paramref name="checkHashes"/>) with another SHA-256. Files the manifest does not list are not looked at.
    /// </summary>
    /// <param name="folder">The run's folder.</param>
    /// <param name="checkHashes">Whether to hash the files (reads them all) or only compare sizes.</param>
    /// <returns>One sentence per problem, naming the file; empty when every file matches.</returns>
    public IReadOnlyList<string> FindProblems(string folder, bool checkHashes)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        var problems = new List<string>();
        foreach (var (name, entry) in Files)
        {
            var path = Path.Combine(folder, name);
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                problems.Add($"'{name}' is missing");
            }
            else if (info.Length != entry.Length)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"'{name}' is {info.Length} bytes; the manifest says {entry.Length}"));
            }
            else if (checkHashes && Hash(path) is var digest && digest != entry.Sha256)
            {
                problems.Add($"'{name}' has SHA-256 {digest[..12]}…; the manifest says {entry.Sha256[..12]}…");
            }
        }

        return problems;
    }

    /// <summary>The manifest as JSON (names sorted, one line per file, a final newline).</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson()
    {
        // One line per file (a reader sees a run's files at a glance), each entry written by System.Text.Json.
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{{\"format\":{FormatVersion},\"files\":{{");
        var first = true;
        foreach (var (name, entry) in Files)
        {
            text.Append(first ? "\n" : ",\n");
            first = false;
            text.Append(JsonSerializer.Serialize(name)).Append(':').Append(JsonSerializer.Serialize(new { bytes = entry.Length, sha256 = entry.Sha256 }));
        }

        text.Append("}}\n");
        return text.ToString();
    }

    private static string Hash(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
