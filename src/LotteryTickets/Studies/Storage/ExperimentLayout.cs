using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using LotteryTickets.Results;

namespace LotteryTickets.Storage;

/// <summary>
/// Where an experiment's files live in a store: <c>&lt;root&gt;/&lt;name&gt;-&lt;hash&gt;/trial_&lt;t&gt;/level_&lt;l&gt;/&lt;branch&gt;/</c>,
/// the hash being the content hash of the experiment's plan. Pure path arithmetic: nothing is created or read
/// except by <see cref="RunPaths.EnsureFolder"/> and <see cref="RunPaths.IsDone"/>.
/// </summary>
public sealed class ExperimentLayout
{
    /// <summary>The prefix of trial folder names, followed by the trial number (<c>trial_0</c>).</summary>
    public const string TrialPrefix = "trial_";

    /// <summary>The prefix of level folder names, followed by the level number (<c>level_0</c>).</summary>
    public const string LevelPrefix = "level_";

    /// <summary>Creates the layout of one experiment.</summary>
    /// <param name="root">The store's root folder.</param>
    /// <param name="name">The experiment name (see <see cref="StoreNames"/>).</param>
    /// <param name="hash">The experiment's content hash: ASCII letters and digits.</param>
    /// <exception cref="ArgumentException">The root is empty, or the name or hash is invalid.</exception>
    public ExperimentLayout(string root, string name, string hash)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        StoreNames.ValidateExperimentName(name);
        StoreNames.ValidateHash(hash);
        Root = Path.GetFullPath(root);
        Name = name;
        Hash = hash;
        ExperimentFolder = Path.Combine(Root, FolderName(name, hash));
    }

    /// <summary>The store's root folder (absolute).</summary>
    public string Root { get; }

    /// <summary>The experiment name.</summary>
    public string Name { get; }

    /// <summary>The experiment's content hash.</summary>
    public string Hash { get; }

    /// <summary>The experiment's folder, <c>&lt;root&gt;/&lt;name&gt;-&lt;hash&gt;</c>.</summary>
    public string ExperimentFolder { get; }

    /// <summary>The folder name of an experiment: <c>&lt;name&gt;-&lt;hash&gt;</c>.</summary>
    /// <param name="name">The experiment name.</param>
    /// <param name="hash">The hash.</param>
    /// <returns>The folder name.</returns>
    public static string FolderName(string name, string hash)
    {
        StoreNames.ValidateExperimentName(name);
        StoreNames.ValidateHash(hash);
        return name + "-" + hash;
    }

    /// <summary>Splits an experiment folder name <c>&lt;name&gt;-&lt;hash&gt;</c> at its last hyphen.</summary>
    /// <param name="folderName">The folder name (no path).</param>
    /// <param name="name">The experiment name.</param>
    /// <param name="hash">The hash.</param>
    /// <returns><see langword="true"/> when the folder name has that form.</returns>
    public static bool TryParseFolderName(string folderName, [NotNullWhen(true)] out string? name, [NotNullWhen(true)] out string? hash)
    {
        name = null;
        hash = null;
        var dash = folderName?.LastIndexOf('-') ?? -1;
        if (dash <= 0)
        {
            return false;
        }

        var candidateName = folderName![..dash];
        var candidateHash = folderName[(dash + 1)..];
        if (!StoreNames.IsValidName(candidateName) || candidateHash.Length == 0 || !candidateHash.All(char.IsAsciiLetterOrDigit))
        {
            return false;
        }

        name = candidateName;
        hash = candidateHash;
        return true;
    }

    /// <summary>The folder of one trial.</summary>
    /// <param name="trial">The trial, 0 or more.</param>
    /// <returns>The folder path.</returns>
    public string TrialFolder(int trial)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(trial);
        return Path.Combine(ExperimentFolder, TrialPrefix + trial.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>The folder of one level of one trial.</summary>
    /// <param name="trial">The trial, 0 or more.</param>
    /// <param name="level">The level, 0 or more.</param>
    /// <returns>The folder path.</returns>
    public string LevelFolder(int trial, int level)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(level);
        return Path.Combine(TrialFolder(trial), LevelPrefix + level.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>The paths of one run.</summary>
    /// <param name="key">The run.</param>
    /// <returns>The run's paths.</returns>
    /// <exception cref="ArgumentException">The branch name is invalid.</exception>
    public RunPaths Run(RunKey key)
    {
        StoreNames.ValidateBranchName(key.Branch);
        return new RunPaths(key, Path.Combine(LevelFolder(key.Trial, key.Level), key.Branch));
    }

    /// <summary>The paths of one run.</summary>
    /// <param name="trial">The trial, 0 or more.</param>
    /// <param name="level">The level, 0 or more.</param>
    /// <param name="branch">The branch name.</param>
    /// <returns>The run's paths.</returns>
    /// <exception cref="ArgumentException">A number is negative or the branch name is invalid.</exception>
    public RunPaths Run(int trial, int level, string branch = RunKey.MainBranch)
    {
        StoreNames.ValidateBranchName(branch);
        return Run(new RunKey(trial, level, branch));
    }

    internal static bool TryParseNumbered(string folderName, string prefix, out int number)
    {
        number = -1;
        if (!folderName.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var digits = folderName[prefix.Length..];
        return digits.Length > 0
            && digits.All(char.IsAsciiDigit)
            && (digits.Length == 1 || digits[0] != '0')
            && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out number);
    }
}
