using System.Globalization;
using LotteryTickets.Analysis.Instability;

namespace LotteryTickets.Cli.Experiments;

/// <summary>
/// The checks of the <c>analysis</c> section that the file alone makes (values it writes as text), each problem
/// starting with its key path; the builder checks the analysis against the experiment.
/// </summary>
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

        if (MasksOf(instability.Masks) is null)
        {
            errors.Add($"{Path}.masks: '{instability.Masks}' is not a choice; write '{InstabilitySection.PerRewindPoint}' (IMP rewound to each point, the paper's tickets) or '{InstabilitySection.PlanMasks}' (the experiment's own masks).");
        }

        for (var i = 0; i < instability.Levels.Count; i++)
        {
            if (Level(instability.Levels[i]) is null)
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"{Path}.levels[{i}]: '{instability.Levels[i]}' is not a level; give whole numbers from 0 (the dense network)."));
            }
        }
    }

    /// <summary>The options the section describes; a value <see cref="Check"/> reports is left out.</summary>
    public static InstabilityAnalysisOptions ToOptions(InstabilitySection section, InstabilityAnalysisOptions o)
    {
        o.RewindPoints = [.. section.RewindPoints.Select(p => p?.Trim() ?? string.Empty)];
        o.Points = section.Points;
        o.BatchNormBatches = section.BatchNormBatches;
        o.TrainingSet = section.TrainingSet;
        o.Levels = section.Levels.Count == 0 ? null : [.. section.Levels.Select(Level).OfType<int>()];
        o.Branches = [.. section.Branches.Select(b => b?.Trim() ?? string.Empty)];
        o.Masks = MasksOf(section.Masks) ?? o.Masks;
        return o;
    }

    private static int? Level(string? text) => int.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var level) ? level : null;

    private static InstabilityMasks? MasksOf(string? text) => text?.Trim() switch
    {
        InstabilitySection.PerRewindPoint => InstabilityMasks.PerRewindPoint,
        InstabilitySection.PlanMasks => InstabilityMasks.Plan,
        _ => null,
    };
}
