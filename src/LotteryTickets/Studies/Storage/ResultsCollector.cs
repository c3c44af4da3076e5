using System.Globalization;
using LotteryTickets.Results;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LotteryTickets.Storage;

/// <summary>
/// Loads the results of finished runs from a store (what <c>lottery report &lt;store-folder&gt;</c> reads): walks
/// <c>trial_&lt;t&gt;/level_&lt;l&gt;/&lt;branch&gt;/</c>, and for every run folder holding the <c>done</c> marker reads
/// <c>metrics.json</c> and <c>sparsity.json</c> into a <see cref="RunRecord"/> whose % weights remaining is the
/// report's global one. Runs without the marker (unfinished, or being written) are skipped; folders that do not
/// follow the layout are ignored.
/// </summary>
public sealed class ResultsCollector
{
    private readonly ILogger logger;

    /// <summary>
    /// Whether runs marked done whose files do not match their manifests (<see cref="RunPaths.Damage"/>) are skipped like
    /// unfinished runs (logged as warnings) instead of failing the collection with a <see cref="StoreDamagedException"/>.
    /// </summary>
    /// <value>The default value is <see langword="false"/>: damage is an error, so no report passes over it.</value>
    public bool SkipsDamagedRuns { get; init; }

    /// <summary>Creates a collector.</summary>
    /// <param name="logger">Receives a debug message for each unfinished run skipped, or <see langword="null"/>.</param>
    public ResultsCollector(ILogger? logger = null)
    {
        this.logger = logger ?? NullLogger.Instance;
    }

    /// <summary>
    /// Loads every experiment under <paramref name="folder"/>: the folder itself when it is an experiment folder (it
    /// holds <c>trial_&lt;t&gt;</c> folders), otherwise each of its subfolders that is one.
    /// </summary>
    /// <param name="folder">A store root or one experiment folder.</param>
    /// <returns>The experiments, sorted by folder name; empty when there are none.</returns>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="InvalidDataException">A finished run's files are missing or invalid; the message names the file.</exception>
    /// <exception cref="StoreMismatchException">
    /// An experiment folder is named <c>&lt;name&gt;-&lt;hash&gt;</c> for a plan hash but its <c>plan.json</c> records another plan.
    /// </exception>
    public IReadOnlyList<ExperimentResults> CollectStore(string folder)
    {
        var full = CheckFolder(folder);
        if (IsExperimentFolder(full))
        {
            return [CollectExperimentResults(full)];
        }

        return Directory.EnumerateDirectories(full)
            .Where(IsExperimentFolder)
            .Order(StringComparer.Ordinal)
            .Select(CollectExperimentResults)
            .ToList();
    }

    /// <summary>Loads the finished runs of one experiment folder (<c>&lt;root&gt;/&lt;name&gt;-&lt;hash&gt;</c>).</summary>
    /// <param name="experimentFolder">The experiment folder.</param>
    /// <returns>The finished runs, sorted by level, branch (main first), then trial.</returns>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="InvalidDataException">A finished run's files are missing or invalid; the message names the file.</exception>
    /// <exception cref="StoreDamagedException">Runs marked done do not match their manifests (unless <see cref="SkipsDamagedRuns"/>).</exception>
    /// <exception cref="StoreMismatchException">
    /// The folder is named <c>&lt;name&gt;-&lt;hash&gt;</c> for a plan hash but its <c>plan.json</c> records another plan.
    /// </exception>
    public IReadOnlyList<RunRecord> CollectExperiment(string experimentFolder)
    {
        var full = CheckFolder(experimentFolder);
        PlanRecord.EnsureNameMatches(full);
        var runs = new List<RunRecord>();
        var damaged = new List<(string Folder, IReadOnlyList<string> Problems)>();
        foreach (var trialFolder in Directory.EnumerateDirectories(full))
        {
            if (!ExperimentLayout.TryParseNumbered(Path.GetFileName(trialFolder), ExperimentLayout.TrialPrefix, out var trial))
            {
                continue;
            }

            foreach (var levelFolder in Directory.EnumerateDirectories(trialFolder))
            {
                if (!ExperimentLayout.TryParseNumbered(Path.GetFileName(levelFolder), ExperimentLayout.LevelPrefix, out var level))
                {
                    continue;
                }

                foreach (var branchFolder in Directory.EnumerateDirectories(levelFolder))
                {
                    var branch = Path.GetFileName(branchFolder);
                    if (!StoreNames.IsValidName(branch) || branch == Analysis.Instability.InstabilityPaths.FolderName)
                    {
                        continue;
                    }

                    var run = new RunPaths(new RunKey(trial, level, branch), branchFolder);
                    if (run.HasDoneMarker && run.Damage is { Count: > 0 } damage)
                    {
                        logger.LogWarning("The run ({Run}) in '{Folder}' is marked done but damaged: {Problems}.", run.Key, branchFolder, string.Join("; ", damage));
                        damaged.Add((branchFolder, damage));
                        continue;
                    }

                    if (!run.IsDone)
                    {
                        logger.LogDebug("Skipping the unfinished run ({Run}) in '{Folder}': it has no 'done' marker.", run.Key, branchFolder);
                        continue;
                    }

                    runs.Add(Load(run));
                }
            }
        }

        if (damaged.Count > 0 && !SkipsDamagedRuns)
        {
            damaged.Sort((a, b) => string.CompareOrdinal(a.Folder, b.Folder));
            throw StoreDamagedException.For(full, damaged);
        }

        runs.Sort((a, b) => a.Key.CompareTo(b.Key));
        return runs;
    }

    /// <summary>
    /// Loads the finished runs of one plan's experiment folder, after checking that the folder records that plan
    /// (<see cref="PlanRecord.EnsureMatches"/>), so that another plan's results are never read as the plan's.
    /// </summary>
    /// <param name="experimentFolder">The plan's experiment folder.</param>
    /// <param name="planName">The plan's experiment name.</param>
    /// <param name="planDescription">The plan's canonical description.</param>
    /// <returns>The finished runs, sorted by level, branch (main first), then trial.</returns>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="StoreMismatchException">The folder records another plan, or holds runs but no <c>plan.json</c>.</exception>
    /// <exception cref="InvalidDataException">A finished run's files are missing or invalid; the message names the file.</exception>
    public IReadOnlyList<RunRecord> CollectExperiment(string experimentFolder, string planName, string planDescription)
    {
        var full = CheckFolder(experimentFolder);
        PlanRecord.EnsureMatches(full, planName, planDescription);
        return CollectExperiment(full);
    }

    private static RunRecord Load(RunPaths run)
    {
        foreach (var file in new[] { run.MetricsJsonFile, run.SparsityFile })
        {
            if (!File.Exists(file))
            {
                throw new InvalidDataException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"The run ({run.Key}) is marked done but has no '{Path.GetFileName(file)}' ('{file}'); the store is damaged. Delete the run's 'done' marker to have it run again."));
            }
        }

        var metrics = MetricsJson.Read(run.MetricsJsonFile);
        var sparsity = SparsityReportJson.Read(run.SparsityFile);
        return RunRecord.FromSparsity(run.Key, metrics, sparsity);
    }

    private ExperimentResults CollectExperimentResults(string folder)
    {
        var folderName = Path.GetFileName(folder);
        var runs = CollectExperiment(folder);
        return ExperimentLayout.TryParseFolderName(folderName, out var name, out var hash)
            ? new ExperimentResults(name, hash, folder, runs)
            : new ExperimentResults(folderName, string.Empty, folder, runs);
    }

    private static bool IsExperimentFolder(string folder) =>
        Directory.EnumerateDirectories(folder)
            .Any(d => ExperimentLayout.TryParseNumbered(Path.GetFileName(d), ExperimentLayout.TrialPrefix, out _));

    private static string CheckFolder(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        if (!Directory.Exists(full))
        {
            throw new DirectoryNotFoundException($"The store folder '{full}' does not exist; pass the folder that holds the experiment folders, or one experiment folder.");
        }

        return full;
    }
}
