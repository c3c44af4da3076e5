using System.Globalization;
using LotteryTickets.Analysis.Instability;
using LotteryTickets.Results;
using LotteryTickets.Training;

namespace LotteryTickets.Cli.Experiments;

/// <summary>The checks of the <c>analysis</c> section, each problem starting with its key path.</summary>
internal static class AnalysisChecks
{
    private const string Path = "analysis.instability";

    /// <summary>Adds every problem of <paramref name="file"/>'s analyses to <paramref name="errors"/>.</summary>
    public static void Check(ExperimentFile file, List<string> errors)
    {
        if (file.Analysis.Instability is not { } instability)
        {
            return;
        }

        if (file.Pruning.Gradual is not null)
        {
            errors.Add($"{Path}: a gradual schedule trains one run per trial, without levels to analyse; use 'pruning.iterative' or 'pruning.oneShot', or remove the analysis.");
        }

        CheckRewindPoints(instability, file.Training.Duration, errors);
        if (instability.Points < 2)
        {
            errors.Add(Invariant($"{Path}.points: {instability.Points} is too few; give the number of evaluated points, at least 2 (31 points are 30 segments)."));
        }

        if (instability.BatchNormBatches < 0)
        {
            errors.Add(Invariant($"{Path}.batchNormBatches: {instability.BatchNormBatches} is negative; give 0 or more (0 keeps the interpolated statistics)."));
        }

        if (MasksOf(instability.Masks) is null)
        {
            errors.Add($"{Path}.masks: '{instability.Masks}' is not a choice; write '{InstabilitySection.PerRewindPoint}' (IMP rewound to each point, the paper's tickets) or '{InstabilitySection.PlanMasks}' (the experiment's own masks).");
        }

        CheckLevels(instability, LevelsOf(file.Pruning), errors);
        CheckBranches(instability, file.Branches, errors);
    }

    /// <summary>The options the section describes (the file must be valid).</summary>
    public static InstabilityAnalysisOptions ToOptions(InstabilitySection section, InstabilityAnalysisOptions o)
    {
        o.RewindPoints = [.. section.RewindPoints.Select(p => p.Trim())];
        o.Points = section.Points;
        o.BatchNormBatches = section.BatchNormBatches;
        o.TrainingSet = section.TrainingSet;
        o.Levels = section.Levels.Count == 0 ? null : [.. section.Levels.Select(l => int.Parse(l.Trim(), NumberStyles.None, CultureInfo.InvariantCulture))];
        o.Branches = [.. section.Branches.Select(b => b.Trim())];
        o.Masks = MasksOf(section.Masks)!.Value;
        return o;
    }

    private static InstabilityMasks? MasksOf(string? text) => text?.Trim() switch
    {
        InstabilitySection.PerRewindPoint => InstabilityMasks.PerRewindPoint,
        InstabilitySection.PlanMasks => InstabilityMasks.Plan,
        _ => null,
    };

    private static void CheckRewindPoints(InstabilitySection instability, string? durationText, List<string> errors)
    {
        if (instability.RewindPoints.Count == 0)
        {
            errors.Add($"{Path}.rewindPoints: empty; give at least one rewind point, e.g. [0it].");
        }

        TrainingDuration.TryParse(durationText, out var duration);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < instability.RewindPoints.Count; i++)
        {
            var text = instability.RewindPoints[i];
            if (!TrainingDuration.TryParse(text?.Trim(), out var point))
            {
                errors.Add(Invariant($"{Path}.rewindPoints[{i}]: '{text}' is not a duration like '0it', '500it' or '2ep'."));
            }
            else if (!seen.TryAdd(InstabilityAnalysisOptions.Label(point), i))
            {
                errors.Add(Invariant($"{Path}.rewindPoints[{i}]: '{text}' is the same point as rewindPoints[{seen[InstabilityAnalysisOptions.Label(point)]}]; list each point once."));
            }
            else if (durationText is not null && point.Count > 0 && point.Unit == duration.Unit && point.Count > duration.Count)
            {
                errors.Add(Invariant($"{Path}.rewindPoints[{i}]: '{text}' lies after the end of training ('training.duration' is '{durationText}'); choose points within the training duration."));
            }
        }
    }

    private static int? LevelsOf(PruningSection pruning) =>
        pruning.Iterative is { } iterative ? iterative.Levels : pruning.OneShot is not null ? 1 : null;

    private static void CheckLevels(InstabilitySection instability, int? levels, List<string> errors)
    {
        var seen = new HashSet<int>();
        for (var i = 0; i < instability.Levels.Count; i++)
        {
            var text = instability.Levels[i];
            if (!int.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var level))
            {
                errors.Add(Invariant($"{Path}.levels[{i}]: '{text}' is not a level; give whole numbers from 0 (the dense network)."));
            }
            else if (levels is { } last && level > last)
            {
                errors.Add(Invariant($"{Path}.levels[{i}]: {level} is beyond the last pruning level ({last}); give levels from 0 (the dense network) to {last}."));
            }
            else if (!seen.Add(level))
            {
                errors.Add(Invariant($"{Path}.levels[{i}]: {level} is listed twice; list each level once."));
            }
        }
    }

    private static void CheckBranches(InstabilitySection instability, Dictionary<string, string> branches, List<string> errors)
    {
        if (instability.Branches.Count == 0)
        {
            errors.Add($"{Path}.branches: empty; give at least one branch, e.g. [{RunKey.MainBranch}].");
        }

        var known = branches.Keys.Prepend(RunKey.MainBranch).ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < instability.Branches.Count; i++)
        {
            var branch = instability.Branches[i]?.Trim() ?? string.Empty;
            if (!known.Contains(branch, StringComparer.Ordinal))
            {
                errors.Add(Invariant($"{Path}.branches[{i}]: '{branch}' is not a branch of the experiment; give '{RunKey.MainBranch}' or a name under 'branches' ({string.Join(", ", known.Select(k => $"'{k}'"))})."));
            }
            else if (!seen.Add(branch))
            {
                errors.Add(Invariant($"{Path}.branches[{i}]: '{branch}' is listed twice; list each branch once."));
            }
        }

        if (branches.ContainsKey(InstabilityPaths.FolderName))
        {
            errors.Add($"branches.{InstabilityPaths.FolderName}: the name is taken by the instability analyses' folder inside each level; give the branch another name.");
        }
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
