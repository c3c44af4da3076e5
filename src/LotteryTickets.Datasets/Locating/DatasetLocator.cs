using System.Text;

namespace LotteryTickets.Datasets.Locating;

/// <summary>
/// Finds a dataset's files. The folders tried, in order: an explicit folder; the folder named by the dataset's
/// environment variable (such as <c>LOTTERYTICKETS_FASHION_MNIST</c>); <c>$LOTTERYTICKETS_DATA/&lt;name&gt;</c>;
/// the operating-system folder (Debian's <c>/usr/share/datasets/fashion-mnist</c>); and the user cache folder
/// <c>$XDG_CACHE_HOME/lottery-tickets/datasets/&lt;name&gt;</c> (or <c>~/.cache/lottery-tickets/datasets/&lt;name&gt;</c>).
/// The first folder (or one of its known subfolders) holding every required file wins. An explicit folder is the only
/// place looked at: when it lacks a file, no other place is tried.
/// </summary>
public sealed class DatasetLocator
{
    /// <summary>The environment variable naming a root folder with one subfolder per dataset.</summary>
    public const string DataEnvironmentVariable = "LOTTERYTICKETS_DATA";

    private readonly Func<string, string?> environment;
    private readonly bool useSystemFolders;

    /// <summary>Creates a locator.</summary>
    /// <param name="environment">Reads an environment variable; the process environment by default (tests pass their own).</param>
    /// <param name="useSystemFolders">Whether to try operating-system folders such as <c>/usr/share/datasets/…</c>.</param>
    public DatasetLocator(Func<string, string?>? environment = null, bool useSystemFolders = true)
    {
        this.environment = environment ?? Environment.GetEnvironmentVariable;
        this.useSystemFolders = useSystemFolders;
    }

    /// <summary>The locator over the process environment and the system folders.</summary>
    public static DatasetLocator Default { get; } = new();

    /// <summary>The user cache folder of <paramref name="dataset"/>, where downloads go by default.</summary>
    public string CacheFolder(DatasetDescriptor dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var xdg = environment("XDG_CACHE_HOME");
        string root;
        if (!string.IsNullOrWhiteSpace(xdg))
        {
            root = xdg;
        }
        else
        {
            var home = environment("HOME");
            root = !string.IsNullOrWhiteSpace(home)
                ? Path.Combine(home, ".cache")
                : Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
        }

        return Path.Combine(root, "lottery-tickets", "datasets", dataset.Name);
    }

    /// <summary>Finds the files of <paramref name="dataset"/>.</summary>
    /// <param name="dataset">The dataset.</param>
    /// <param name="explicitFolder">The only folder to look in, or <see langword="null"/> to try the usual places.</param>
    /// <exception cref="DatasetNotFoundException">No place holds every file; the message lists the places tried and what to put where.</exception>
    public LocatedDataset Locate(DatasetDescriptor dataset, string? explicitFolder = null)
    {
        var located = TryLocate(dataset, explicitFolder, out var placesTried);
        return located ?? throw NotFound(dataset, placesTried, explicitFolder: explicitFolder);
    }

    /// <summary>Finds the files of <paramref name="dataset"/>, or returns <see langword="null"/> with the places tried and why each failed.</summary>
    public LocatedDataset? TryLocate(DatasetDescriptor dataset, string? explicitFolder, out IReadOnlyList<string> placesTried)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var tried = new List<string>();
        placesTried = tried;
        foreach (var (folder, origin) in Candidates(dataset, explicitFolder))
        {
            if (folder is null)
            {
                tried.Add($"{origin}: not set");
                continue;
            }

            var located = TryFolder(dataset, folder, origin, out var why);
            if (located is not null)
            {
                return located;
            }

            tried.Add($"'{folder}' ({origin}): {why}");
        }

        return null;
    }

    /// <summary>The exception for a dataset found nowhere, with the places tried and what to put where.</summary>
    /// <param name="dataset">The dataset.</param>
    /// <param name="placesTried">The places tried and why each failed, from <see cref="TryLocate"/>.</param>
    /// <param name="downloadOffered">Whether the message suggests allowing downloads.</param>
    /// <param name="explicitFolder">The folder given explicitly (the only place looked at), or <see langword="null"/>.</param>
    public DatasetNotFoundException NotFound(
        DatasetDescriptor dataset, IReadOnlyList<string> placesTried, bool downloadOffered = true, string? explicitFolder = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(placesTried);
        var message = new StringBuilder();
        if (explicitFolder is not null)
        {
            message.Append("The dataset '").Append(dataset.DisplayName).Append("' was not found in the folder given, '")
                .Append(explicitFolder).Append("', the only place looked at");
            foreach (var place in placesTried)
            {
                var reason = place.LastIndexOf("): ", StringComparison.Ordinal);
                message.Append(": ").Append(reason >= 0 ? place[(reason + 3)..] : place);
            }

            message.Append(". The folder must hold the files ").Append(DescribeFiles(dataset));
            if (dataset.Subfolders.Any(s => s.Length > 0))
            {
                message.Append(" (or hold them in its subfolder ")
                    .Append(string.Join(" or ", dataset.Subfolders.Where(s => s.Length > 0).Select(s => $"'{s}'"))).Append(')');
            }

            message.Append("; put them there, or give no folder to use the usual places.");
            return new DatasetNotFoundException(dataset.DisplayName, placesTried, message.ToString());
        }

        message.Append("The dataset '").Append(dataset.DisplayName).AppendLine("' was not found. Places tried, in order:");
        foreach (var place in placesTried)
        {
            message.Append("  - ").AppendLine(place);
        }

        message.Append("Put the files ").Append(DescribeFiles(dataset))
            .Append(" into '").Append(CacheFolder(dataset)).Append("', or into any folder and set ")
            .Append(dataset.EnvironmentVariable).Append(" to it (or set ").Append(DataEnvironmentVariable)
            .Append(" to a folder with a '").Append(dataset.Name).Append("' subfolder).");
        if (dataset.SystemPackage is not null)
        {
            message.Append(" On Debian or Ubuntu, 'sudo apt install ").Append(dataset.SystemPackage)
                .Append("' installs them under '").Append(dataset.SystemFolder).Append("'.");
        }

        if (downloadOffered && dataset.DownloadBaseUrl is not null)
        {
            message.Append(" Or allow downloading (DatasetLoadOptions.AllowDownload = true) to fetch them from ")
                .Append(dataset.DownloadBaseUrl).Append('.');
        }

        return new DatasetNotFoundException(dataset.DisplayName, placesTried, message.ToString());
    }

    /// <summary>The required files as a reader would put them, such as <c>a.gz, b.gz (gzip or raw)</c>.</summary>
    internal static string DescribeFiles(DatasetDescriptor dataset)
    {
        var suffix = dataset.AcceptedSuffixes.Count > 0 ? dataset.AcceptedSuffixes[0] : "";
        var files = string.Join(", ", dataset.RequiredFiles.Select(f => f + suffix));
        return dataset.AcceptedSuffixes.Contains(".gz") && dataset.AcceptedSuffixes.Contains("")
            ? files + " (gzip or raw)"
            : files;
    }

    private IEnumerable<(string? Folder, string Origin)> Candidates(DatasetDescriptor dataset, string? explicitFolder)
    {
        if (explicitFolder is not null)
        {
            yield return (explicitFolder, "the folder given explicitly");
            yield break;
        }

        yield return (NonEmpty(environment(dataset.EnvironmentVariable)), $"the environment variable {dataset.EnvironmentVariable}");
        var dataRoot = NonEmpty(environment(DataEnvironmentVariable));
        yield return (dataRoot is null ? null : Path.Combine(dataRoot, dataset.Name), $"the environment variable {DataEnvironmentVariable}");
        if (useSystemFolders && dataset.SystemFolder is not null)
        {
            yield return (dataset.SystemFolder, $"the folder of the package {dataset.SystemPackage}");
        }

        yield return (CacheFolder(dataset), "the user cache folder");
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static LocatedDataset? TryFolder(DatasetDescriptor dataset, string folder, string origin, out string why)
    {
        if (File.Exists(folder))
        {
            why = "this is a file, not a folder";
            return null;
        }

        if (!Directory.Exists(folder))
        {
            why = "the folder does not exist";
            return null;
        }

        var missingInBest = dataset.RequiredFiles.ToList();
        foreach (var sub in dataset.Subfolders)
        {
            var candidate = sub.Length == 0 ? folder : Path.Combine(folder, sub);
            var files = new Dictionary<string, string>(StringComparer.Ordinal);
            var missing = new List<string>();
            foreach (var required in dataset.RequiredFiles)
            {
                var found = dataset.AcceptedSuffixes.Select(s => Path.Combine(candidate, required + s)).FirstOrDefault(File.Exists);
                if (found is null)
                {
                    missing.Add(required);
                }
                else
                {
                    files[required] = found;
                }
            }

            if (missing.Count == 0)
            {
                why = "";
                return new LocatedDataset(candidate, origin, files);
            }

            if (missing.Count < missingInBest.Count)
            {
                missingInBest = missing;
            }
        }

        why = "missing " + string.Join(", ", missingInBest);
        return null;
    }
}
