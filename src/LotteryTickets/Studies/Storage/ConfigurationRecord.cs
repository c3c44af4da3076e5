using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace LotteryTickets.Storage;

/// <summary>
/// The complete configuration recorded in an experiment folder (<c>configuration.json</c>, beside <c>plan.json</c>):
/// every option with its value, defaults included, the seed, trials, the plan's name and hash, the versions of the
/// library and the engine, and the fingerprint of the data read. <c>plan.json</c> alone names and guards the folder;
/// this file is the full record for a reader.
/// </summary>
/// <remarks>
/// <para>Every process running the plan writes the record; the same plan with the same versions gives the same bytes,
/// so processes sharing a store agree on it. When the folder already holds a different record:</para>
/// <list type="bullet">
/// <item>if they differ in the <c>library</c> or <c>engine</c> versions, the recorded file is kept — it names the
/// versions that produced the runs already in the store — and the differences are logged as a warning and returned;</item>
/// <item>otherwise (options outside the plan's hash, such as the trials, the device or the checkpoint interval) the
/// record is replaced by the current one, and the differences are logged and returned.</item>
/// </list>
/// </remarks>
public static partial class ConfigurationRecord
{
    /// <summary>The file at the experiment folder's root holding the configuration.</summary>
    public const string FileName = "configuration.json";

    private static readonly string[] VersionKeys = ["library", "engine"];

    private static readonly JsonSerializerOptions Shown = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The configuration recorded in <paramref name="experimentFolder"/>.</summary>
    /// <param name="experimentFolder">The experiment folder.</param>
    /// <returns>The file's text, or <see langword="null"/> when the folder has no <c>configuration.json</c>.</returns>
    public static string? Read(string experimentFolder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(experimentFolder);
        try
        {
            return File.ReadAllText(Path.Combine(experimentFolder, FileName));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// Records <paramref name="configuration"/> in <paramref name="experimentFolder"/> (atomically, see
    /// <see cref="AtomicFile"/>) unless the folder already holds it, or holds a record of other library or engine
    /// versions, which is kept (see the remarks of <see cref="ConfigurationRecord"/>).
    /// </summary>
    /// <param name="experimentFolder">The experiment folder; it must exist.</param>
    /// <param name="configuration">The configuration's JSON text (as the experiment runner creates it).</param>
    /// <param name="logger">Receives a warning when a record of other versions is kept, and a note when a record is replaced; may be <see langword="null"/>.</param>
    /// <returns>
    /// The differences between the record found and <paramref name="configuration"/>, one per value, as
    /// <c>key.path: recorded … , now …</c>; empty when there was no record or it was the same.
    /// </returns>
    public static IReadOnlyList<string> Write(string experimentFolder, string configuration, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(experimentFolder);
        ArgumentNullException.ThrowIfNull(configuration);
        var path = Path.Combine(experimentFolder, FileName);
        var recorded = Read(experimentFolder);
        if (string.Equals(recorded, configuration, StringComparison.Ordinal))
        {
            return [];
        }

        if (recorded is null)
        {
            AtomicFile.WriteAllText(path, configuration);
            return [];
        }

        var differences = Differences(recorded, configuration);
        if (differences.Any(d => VersionKeys.Any(k => d.StartsWith(k + ".", StringComparison.Ordinal))))
        {
            if (logger is not null)
            {
                KeptOtherVersions(logger, path, string.Join("; ", differences));
            }

            return differences;
        }

        AtomicFile.WriteAllText(path, configuration);
        if (logger is not null)
        {
            Replaced(logger, path, string.Join("; ", differences));
        }

        return differences;
    }

    /// <summary>
    /// The values that differ between two records, by key path (<c>training.learningRate</c>,
    /// <c>branches[0].name</c>), in order; a record that is not JSON differs as a whole (key path <c>$</c>).
    /// </summary>
    /// <param name="recorded">The record found.</param>
    /// <param name="current">The current record.</param>
    /// <returns>One line per differing value.</returns>
    public static IReadOnlyList<string> Differences(string recorded, string current)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        ArgumentNullException.ThrowIfNull(current);
        Dictionary<string, string> before;
        Dictionary<string, string> after;
        try
        {
            before = Flatten(JsonNode.Parse(recorded));
            after = Flatten(JsonNode.Parse(current));
        }
        catch (JsonException)
        {
            return ["$: the recorded file is not a configuration record"];
        }

        return [.. before.Keys.Union(after.Keys).Order(StringComparer.Ordinal)
            .Where(k => !before.TryGetValue(k, out var b) || !after.TryGetValue(k, out var a) || b != a)
            .Select(k => $"{k}: recorded {ValueOf(before, k)}, now {ValueOf(after, k)}")];
    }

    private static string ValueOf(Dictionary<string, string> values, string key) =>
        values.TryGetValue(key, out var value) ? value : "(absent)";

    private static Dictionary<string, string> Flatten(JsonNode? node)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        Flatten(node, "$", result);
        return result;
    }

    private static void Flatten(JsonNode? node, string path, Dictionary<string, string> result)
    {
        switch (node)
        {
            case JsonObject o when o.Count > 0:
                foreach (var (key, value) in o)
                {
                    Flatten(value, path == "$" ? key : path + "." + key, result);
                }

                break;
            case JsonArray a when a.Count > 0:
                for (var i = 0; i < a.Count; i++)
                {
                    Flatten(a[i], $"{path}[{i}]", result);
                }

                break;
            default:
                result[path] = node?.ToJsonString(Shown) ?? "null";
                break;
        }
    }

    /// <summary>The number of trials the configuration record of <paramref name="experimentFolder"/> states, when it has a readable one.</summary>
    /// <param name="experimentFolder">The experiment folder.</param>
    /// <returns>The trials, or <see langword="null"/>.</returns>
    internal static int? RecordedTrials(string experimentFolder)
    {
        var text = Read(experimentFolder);
        if (text is null)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("trials", out var trials) && trials.TryGetInt32(out var n) ? n : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(EventId = 121, Level = LogLevel.Warning, Message = "The configuration record '{Path}' was written by other library or engine versions and is kept (it describes the runs already stored); it differs from this process's in: {Differences}.")]
    private static partial void KeptOtherVersions(ILogger logger, string path, string differences);

    [LoggerMessage(EventId = 122, Level = LogLevel.Information, Message = "The configuration record '{Path}' was updated: {Differences}.")]
    private static partial void Replaced(ILogger logger, string path, string differences);
}
