using LotteryTickets.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LotteryTickets.Analysis.Instability;

/// <summary>
/// Reads the finished instability analyses of an experiment folder: every
/// <c>trial_&lt;t&gt;/level_&lt;L&gt;/instability/&lt;branch&gt;-&lt;rewind&gt;/path-&lt;hash&gt;/</c> holding the <c>done</c>
/// marker, its <c>analysis.json</c> and <c>path.json</c> read into an <see cref="InstabilityResult"/>. Unfinished
/// analyses are skipped; folders that do not follow the layout are ignored.
/// </summary>
public sealed class InstabilityCollector
{
    private readonly ILogger logger;

    /// <summary>Creates a collector.</summary>
    /// <param name="logger">Receives a warning when one analysis was evaluated with several settings, or <see langword="null"/>.</param>
    public InstabilityCollector(ILogger? logger = null)
    {
        this.logger = logger ?? NullLogger.Instance;
    }

    /// <summary>
    /// The finished analyses of <paramref name="experimentFolder"/>. With <paramref name="options"/>, only those the
    /// options ask for (their levels, branches, rewind points and evaluation settings); without, every one, and where an
    /// analysis was evaluated with several settings, the one whose folder name sorts first (with a warning).
    /// </summary>
    /// <param name="experimentFolder">The experiment folder, <c>&lt;root&gt;/&lt;name&gt;-&lt;hash&gt;</c>.</param>
    /// <param name="options">The analysis to read, or <see langword="null"/> for whatever the folder holds.</param>
    /// <returns>The results, sorted by level, branch (<c>main</c> first), rewind point, then trial.</returns>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="InvalidDataException">A finished analysis's files are missing or invalid; the message names the file.</exception>
    public IReadOnlyList<InstabilityResult> Collect(string experimentFolder, InstabilityAnalysisOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(experimentFolder);
        if (!Directory.Exists(experimentFolder))
        {
            throw new DirectoryNotFoundException($"The experiment folder '{experimentFolder}' does not exist; give the folder '<name>-<hash>' of an experiment in the store.");
        }

        var hash = options?.EvaluationHash;
        var rewinds = options?.ParsedRewindPoints().Select(InstabilityAnalysisOptions.Label).ToHashSet(StringComparer.Ordinal);
        var results = new List<InstabilityResult>();
        foreach (var analysis in AnalysisFolders(experimentFolder))
        {
            var finished = Directory.EnumerateDirectories(analysis)
                .Where(d => Path.GetFileName(d).StartsWith(InstabilityPaths.PathFolderPrefix, StringComparison.Ordinal))
                .Where(d => File.Exists(Path.Combine(d, InstabilityPaths.DoneFileName)))
                .Where(d => hash is null || Path.GetFileName(d) == InstabilityPaths.PathFolderPrefix + hash)
                .Order(StringComparer.Ordinal)
                .ToList();
            if (finished.Count == 0)
            {
                continue;
            }

            if (finished.Count > 1)
            {
                logger.LogWarning(
                    "The analysis '{Folder}' was evaluated with {Count} settings; the report uses '{Chosen}'. Delete the other 'path-<hash>' folders, or report through the plan, to choose.",
                    analysis, finished.Count, Path.GetFileName(finished[0]));
            }

            var result = Load(finished[0]);
            if (options is null || (options.Branches.Contains(result.Branch) && rewinds!.Contains(result.Rewind) && (options.Levels is null || options.Levels.Contains(result.Level))))
            {
                results.Add(result);
            }
        }

        return [.. results
            .OrderBy(r => r.Level)
            .ThenBy(r => r.Branch, Results.BranchComparer.Instance)
            .ThenBy(r => r.Rewind, RewindComparer.Instance)
            .ThenBy(r => r.Trial)];
    }

    private static IEnumerable<string> AnalysisFolders(string experimentFolder)
    {
        foreach (var trialFolder in Directory.EnumerateDirectories(experimentFolder))
        {
            if (!ExperimentLayout.TryParseNumbered(Path.GetFileName(trialFolder), ExperimentLayout.TrialPrefix, out _))
            {
                continue;
            }

            foreach (var levelFolder in Directory.EnumerateDirectories(trialFolder))
            {
                var instability = Path.Combine(levelFolder, InstabilityPaths.FolderName);
                if (!ExperimentLayout.TryParseNumbered(Path.GetFileName(levelFolder), ExperimentLayout.LevelPrefix, out _) || !Directory.Exists(instability))
                {
                    continue;
                }

                foreach (var analysis in Directory.EnumerateDirectories(instability))
                {
                    yield return analysis;
                }
            }
        }
    }

    private static InstabilityResult Load(string folder)
    {
        var recordFile = Path.Combine(folder, InstabilityPaths.AnalysisFileName);
        var pathFile = Path.Combine(folder, InstabilityPaths.PathJsonFileName);
        foreach (var file in new[] { recordFile, pathFile })
        {
            if (!File.Exists(file))
            {
                throw new InvalidDataException(
                    $"The instability analysis in '{folder}' is marked done but has no '{Path.GetFileName(file)}'; the store is damaged. Delete its 'done' marker to have it evaluated again.");
            }
        }

        var record = InstabilityRecordJson.Read(recordFile);
        return new InstabilityResult(record.Trial, record.Level, record.PercentWeightsRemaining, record.Rewind, InterpolationPathJson.Read(pathFile))
        {
            Branch = record.Branch,
        };
    }
}
