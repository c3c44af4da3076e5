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
        var planMasks = PlanMaskRewind(experimentFolder);
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
            if (result.MaskRewind is null && !result.PairedSeeds)
            {
                result = result with { MaskRewind = planMasks };
            }

            var paired = options?.Masks == InstabilityMasks.PerRewindPoint;
            if (options is null || (result.PairedSeeds == paired && options.Branches.Contains(result.Branch) && rewinds!.Contains(result.Rewind) && (options.Levels is null || options.Levels.Contains(result.Level))))
            {
                results.Add(result);
            }
        }

        if (options is null)
        {
            results = PreferPerRewindPoint(results);
        }

        return [.. results
            .OrderBy(r => r.Level)
            .ThenBy(r => r.Branch, Results.BranchComparer.Instance)
            .ThenBy(r => r.Rewind, RewindComparer.Instance)
            .ThenBy(r => r.Trial)];
    }

    /// <summary>
    /// The rewind point of the plan's own masks, from the folder's <c>plan.json</c> (<c>0it</c> without a rewind entry,
    /// the point of <c>iteration:k</c> or <c>epoch:k</c>, else the policy's name), for analyses stored before records
    /// said; <see langword="null"/> when the folder has no readable record.
    /// </summary>
    private static string? PlanMaskRewind(string experimentFolder)
    {
        try
        {
            if (PlanRecord.Read(experimentFolder) is not { } description || System.Text.Json.Nodes.JsonNode.Parse(description) is not System.Text.Json.Nodes.JsonObject plan)
            {
                return null;
            }

            var name = plan["rewind"]?["name"]?.GetValue<string>() ?? Rewinding.RewindToInitialization.PolicyName;
            Rewinding.RewindPolicies.TryParse(name, out var policy);
            return policy switch
            {
                Rewinding.RewindToInitialization => InstabilityAnalysisOptions.Label(Training.TrainingDuration.Iterations(0)),
                Rewinding.RewindToPoint p => InstabilityAnalysisOptions.Label(p.Point),
                _ => name,
            };
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>
    /// Without a plan to say which: of a (trial, level, branch, rewind point) analysed both ways, the analysis under
    /// <see cref="InstabilityMasks.PerRewindPoint"/> (one trial must not count twice).
    /// </summary>
    private List<InstabilityResult> PreferPerRewindPoint(List<InstabilityResult> results)
    {
        var kept = new List<InstabilityResult>();
        foreach (var group in results.GroupBy(r => (r.Trial, r.Level, r.Branch, r.Rewind)))
        {
            var chosen = group.Any(r => r.PairedSeeds) ? group.Where(r => r.PairedSeeds).ToList() : [.. group];
            if (chosen.Count < group.Count())
            {
                logger.LogWarning(
                    "Trial {Trial}, level {Level}, {Branch} at {Rewind} was analysed with the masks per rewind point and with the plan's masks; the report uses the first. Report through the plan to choose.",
                    group.Key.Trial, group.Key.Level, group.Key.Branch, group.Key.Rewind);
            }

            kept.AddRange(chosen);
        }

        return kept;
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
            MaskRewind = record.MaskRewind,
            PairedSeeds = record.PairedSeeds,
            CopyAOwnError = record.CopyAOwnError,
            CopyBOwnError = record.CopyBOwnError,
        };
    }
}
