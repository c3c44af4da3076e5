using LotteryTickets.Analysis.Instability;
using LotteryTickets.Results;
using LotteryTickets.Rewinding;
using LotteryTickets.Storage;
using LotteryTickets.Training;

namespace LotteryTickets.Experiments;

/// <content>
/// The masks of an instability analysis per rewind point (<see cref="InstabilityMasks.PerRewindPoint"/>): the IMP chain
/// rewound to k is the plan with its rewind policy set to k, a plan of its own in the store.
/// </content>
internal sealed partial class ExperimentRunner
{
    /// <summary>The rewind point of the plan's own masks, as the analyses label it: <c>0it</c>, the point's label, or the policy's name.</summary>
    private string PlanMaskRewind => RewindLabel(plan.Rewind) ?? plan.Rewind.Name;

    /// <summary>The label of the point a policy rewinds the weights to, or <see langword="null"/> when it rewinds to none (fine-tuning, learning-rate rewinding).</summary>
    private static string? RewindLabel(IRewindPolicy policy) => policy switch
    {
        RewindToInitialization => InstabilityAnalysisOptions.Label(TrainingDuration.Iterations(0)),
        RewindToPoint p => InstabilityAnalysisOptions.Label(p.Point),
        _ => null,
    };

    /// <summary>
    /// The runner whose runs hold the masks of IMP rewound to <paramref name="point"/>, and the units of its runs the
    /// analysis needs: this runner and none when the plan rewinds to the point; otherwise a runner of the plan with the
    /// rewind policy set to the point (<c>init</c> for 0) and only the analysed control branches — a plan of its own,
    /// stored (and reused) under its own hash beside this one — whose dense run, <c>main</c> chain up to the highest
    /// analysed level and analysed branches at the analysed levels are returned.
    /// </summary>
    private (ExperimentRunner Source, IReadOnlyList<WorkUnit> Units) MaskChain(TrainingDuration point, InstabilityAnalysisOptions options, IReadOnlyList<int> levels)
    {
        // Level 0's mask is dense whatever the rewind point: without pruned levels there is no chain to run.
        var label = InstabilityAnalysisOptions.Label(point);
        if (RewindLabel(plan.Rewind) == label || levels.All(l => l == 0))
        {
            return (this, []);
        }

        var policy = point.Count == 0 ? RewindPolicies.ToInitialization : new RewindToPoint(point);
        var kept = plan.Branches.Where(b => options.Branches.Contains(b.Name, StringComparer.Ordinal)).ToList();
        var derived = plan.DeriveMaskChain!(policy, kept);
        var chain = new ExperimentRunner(derived, planToken)
        {
            data = data,
            factory = factory,
            layers = layers,
            residualNetwork = residualNetwork,
        };
        chain.PrepareFolder();
        var highest = levels.DefaultIfEmpty(0).Max();
        var analysed = levels.ToHashSet();
        var units = chain.BuildUnits();
        var needed = chain.runUnits
            .Where(kv => kv.Key.Level <= highest && (kv.Key.Branch == RunKey.MainBranch || analysed.Contains(kv.Key.Level)))
            .Select(kv => kv.Value)
            .ToHashSet();
        InstabilityLog.MaskChain(logger, label, derived.Folder);
        return (chain, [.. units.Where(needed.Contains)]);
    }

    /// <summary>
    /// Whether an analysis at the rewind point <paramref name="label"/> (k &gt; 0) starts from its mask source's own
    /// <c>rewind_point/</c> (the source rewinds to k; always so for a chain) rather than from a state trained for the
    /// analysis (<c>instability_rewind/</c>: under <see cref="InstabilityMasks.Plan"/>, or for level-0-only analyses).
    /// </summary>
    private bool StateFromSource(string label, ExperimentRunner source, bool paired) =>
        paired && (source != this || RewindLabel(plan.Rewind) == label);

    /// <summary>Checks the plan's folder against its record, creates it, removes killed processes' leftovers, and writes <c>plan.json</c> and <c>configuration.json</c>.</summary>
    private void PrepareFolder()
    {
        PlanRecord.EnsureMatches(plan.Folder, plan.Name, plan.Description);
        Directory.CreateDirectory(plan.Folder);
        RemoveOrphans();
        AtomicFile.WriteAllText(Path.Combine(plan.Folder, PlanRecord.FileName), plan.Description + "\n");
        ConfigurationRecord.Write(plan.Folder, PlanConfiguration.Create(plan, data, ConfigurationRecord.RecordedTrials(plan.Folder)), logger);
    }
}
