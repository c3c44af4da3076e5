using System.Text.Json;
using System.Text.Json.Nodes;

namespace LotteryTickets.Storage;

/// <summary>
/// The plan recorded in an experiment folder (<c>plan.json</c>: the plan's canonical description and a line end) and
/// the check that a plan only ever reads and writes a folder recording the same plan. A folder may be used by a plan
/// when it is missing, when it holds neither <c>plan.json</c> nor <c>trial_&lt;t&gt;</c> folders (e.g. left empty by
/// a crash before <c>plan.json</c> was written), or when its <c>plan.json</c> holds the plan's description; any other
/// folder belongs to another plan (copied or renamed there) or to an unknown one.
/// </summary>
public static class PlanRecord
{
    /// <summary>The file at the experiment folder's root holding the plan's description.</summary>
    public const string FileName = "plan.json";

    /// <summary>The description recorded in <paramref name="experimentFolder"/>, without its line end.</summary>
    /// <param name="experimentFolder">The experiment folder.</param>
    /// <returns>The description, or <see langword="null"/> when the folder has no <c>plan.json</c>.</returns>
    public static string? Read(string experimentFolder)
    {
        var file = Path.Combine(experimentFolder, FileName);
        return File.Exists(file) ? File.ReadAllText(file).TrimEnd('\r', '\n') : null;
    }

    /// <summary>The content hash of a recorded description (the same as the plan's <c>Hash</c>).</summary>
    /// <param name="description">The description.</param>
    /// <returns>The first 16 hexadecimal digits of its SHA-256.</returns>
    public static string HashOf(string description) => PlanDescription.Hash(description);

    /// <summary>
    /// Checks, reading only, that the plan named <paramref name="name"/> with <paramref name="description"/> may use the
    /// folder <paramref name="experimentFolder"/>.
    /// </summary>
    /// <param name="experimentFolder">The plan's experiment folder.</param>
    /// <param name="name">The plan's experiment name.</param>
    /// <param name="description">The plan's canonical description.</param>
    /// <exception cref="StoreMismatchException">The folder records another plan, or holds runs but no <c>plan.json</c>.</exception>
    public static void EnsureMatches(string experimentFolder, string name, string description)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(experimentFolder);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(description);
        var folder = Path.TrimEndingDirectorySeparator(Path.GetFullPath(experimentFolder));
        if (!Directory.Exists(folder))
        {
            return;
        }

        var hash = HashOf(description);
        var recorded = Read(folder);
        if (recorded is null)
        {
            if (HoldsTrials(folder))
            {
                throw new StoreMismatchException(
                    $"The experiment folder '{folder}' holds runs (trial_<t> folders) but no '{FileName}', so the plan that wrote them is unknown; "
                    + $"the plan '{name}' (hash {hash}) only uses a folder that records it, and nothing was read or changed. "
                    + $"Store this plan elsewhere (another store folder), or remove or rename '{folder}' if it is not this plan's.",
                    folder,
                    name,
                    hash,
                    recordedHash: null);
            }

            return;
        }

        if (string.Equals(recorded, description, StringComparison.Ordinal))
        {
            return;
        }

        if (Corrupt(folder, recorded, name, hash) is { } corrupt)
        {
            throw corrupt;
        }

        var recordedHash = HashOf(recorded);
        var differences = Differences(recorded, description);
        throw new StoreMismatchException(
            $"The experiment folder '{folder}' holds another plan's results: its '{FileName}' records the plan with hash {recordedHash} "
            + $"(the name it was run under is not recorded; the folder is named '{Path.GetFileName(folder)}'), not the plan '{name}' (hash {hash})"
            + (differences.Length == 0 ? "" : $"; they differ in {differences}")
            + ". A plan only reads and writes a folder that records the same plan, and nothing was read or changed. "
            + $"Store this plan elsewhere (another store folder), or remove or rename '{folder}' (e.g. to '<name>-{recordedHash}', the folder of the plan it records).",
            folder,
            name,
            hash,
            recordedHash);
    }

    /// <summary>
    /// Checks that an experiment folder named <c>&lt;name&gt;-&lt;hash&gt;</c> with a plan hash (16 hexadecimal digits)
    /// records the plan of that hash, so that its results are not reported as another plan's; folders of other names,
    /// and folders without <c>plan.json</c>, are not checked.
    /// </summary>
    /// <param name="experimentFolder">The experiment folder.</param>
    /// <exception cref="StoreMismatchException">The folder's <c>plan.json</c> records a plan of another hash.</exception>
    public static void EnsureNameMatches(string experimentFolder)
    {
        var folder = Path.TrimEndingDirectorySeparator(Path.GetFullPath(experimentFolder));
        if (!ExperimentLayout.TryParseFolderName(Path.GetFileName(folder), out var name, out var hash)
            || hash.Length != PlanDescription.HashLength
            || !hash.All(char.IsAsciiHexDigitLower))
        {
            return;
        }

        var recorded = Read(folder);
        if (recorded is null)
        {
            return;
        }

        if (Corrupt(folder, recorded, name, hash) is { } corrupt)
        {
            throw corrupt;
        }

        var recordedHash = HashOf(recorded);
        if (recordedHash != hash)
        {
            throw new StoreMismatchException(
                $"The experiment folder '{folder}' is named for the plan '{name}' with hash {hash}, but its '{FileName}' records the plan with hash {recordedHash}: "
                + "it was copied or renamed from another plan's folder, and its results are not reported as the plan's. "
                + $"Rename it back (e.g. to '<name>-{recordedHash}'), or remove it, or report another store folder.",
                folder,
                name,
                hash,
                recordedHash);
        }
    }

    /// <summary>
    /// The error for a <c>plan.json</c> that is not a plan description at all (empty, truncated, overwritten): it names no
    /// plan, so the folder is neither this plan's nor another's, and renaming it would misfile its results.
    /// </summary>
    private static StoreMismatchException? Corrupt(string folder, string recorded, string name, string hash)
    {
        string problem;
        try
        {
            if (JsonNode.Parse(recorded) is JsonObject)
            {
                return null;
            }

            problem = "it holds JSON that is not an object of plan options";
        }
        catch (JsonException e)
        {
            problem = recorded.Length == 0 ? "it is empty" : $"it is not valid JSON ({e.Message})";
        }

        var named = ExperimentLayout.TryParseFolderName(Path.GetFileName(folder), out _, out var folderHash) ? folderHash : null;
        return new StoreMismatchException(
            $"The experiment folder '{folder}' has an unreadable '{FileName}': {problem}, so it does not say which plan its runs belong to, and nothing was read or changed. "
            + $"Restore '{Path.Combine(folder, FileName)}' from a copy of the store"
            + (named == hash ? $" (the folder's name says it holds the plan '{name}', hash {hash}: its plan.json is that plan's description followed by a line end)" : string.Empty)
            + ", or remove the folder to train its runs again; do not rename it, since its runs are of an unknown plan.",
            folder,
            name,
            hash,
            recordedHash: null);
    }

    private static bool HoldsTrials(string folder) =>
        Directory.EnumerateDirectories(folder)
            .Any(d => ExperimentLayout.TryParseNumbered(Path.GetFileName(d), ExperimentLayout.TrialPrefix, out _));

    /// <summary>The top-level keys whose values differ (<c>training, schedule</c>), or empty when either is not a JSON object.</summary>
    private static string Differences(string recorded, string description)
    {
        try
        {
            if (JsonNode.Parse(recorded) is not JsonObject a || JsonNode.Parse(description) is not JsonObject b)
            {
                return string.Empty;
            }

            var keys = a.Select(p => p.Key).Union(b.Select(p => p.Key)).Order(StringComparer.Ordinal)
                .Where(k => PlanDescription.Canonical(a[k]) != PlanDescription.Canonical(b[k]) || a.ContainsKey(k) != b.ContainsKey(k));
            return string.Join(", ", keys);
        }
        catch (JsonException)
        {
            return string.Empty;
        }
    }
}
