using LotteryTickets.Rewinding;

namespace LotteryTickets.Experiments;

/// <summary>
/// The plans of the IMP chains an instability analysis takes its masks from: the plan being built with another rewind
/// policy and control branches.
/// </summary>
internal static class MaskChainPlans
{
    /// <summary>
    /// The start of the branch an IMP chain's runs report their progress under (<c>imp rewound to iteration:100/main</c>):
    /// a name with '/', as analyses' trainings have, so that they are shown but not counted as the plan's own runs.
    /// </summary>
    public const string ProgressPrefix = "imp rewound to ";

    /// <summary>
    /// Makes the plans of the IMP chains from a snapshot of <paramref name="settings"/> taken now (later changes to the
    /// builder do not reach them).
    /// </summary>
    /// <param name="settings">The settings of the plan being built.</param>
    /// <returns>The factory of a chain's plan from its rewind policy and the branches it keeps.</returns>
    public static Func<IRewindPolicy, IReadOnlyList<ExperimentBranch>, ExperimentPlan> Factory(ExperimentSettings settings)
    {
        var snapshot = Derive(settings, settings.Rewind, settings.Branches);
        return (policy, kept) => new LotteryExperiment(Derive(snapshot, policy, kept)).Build();
    }

    /// <summary>
    /// The settings of the same plan with <paramref name="rewindPolicy"/> and <paramref name="keptBranches"/>, its
    /// training options copied; a chain with another rewind policy reports its progress under its own branch names.
    /// </summary>
    private static ExperimentSettings Derive(ExperimentSettings source, IRewindPolicy rewindPolicy, IReadOnlyList<ExperimentBranch> keptBranches) =>
        source.CopyWith(
            rewindPolicy,
            keptBranches,
            source.Progress is { } reported && !ReferenceEquals(rewindPolicy, source.Rewind)
                ? new ForwardingProgress(p => reported.Report(p with { Branch = $"{ProgressPrefix}{rewindPolicy.Name}/{p.Branch}" }))
                : source.Progress);

    /// <summary>Reports progress through a delegate (synchronously, unlike System.Progress).</summary>
    private sealed class ForwardingProgress(Action<ExperimentProgress> report) : IProgress<ExperimentProgress>
    {
        public void Report(ExperimentProgress value) => report(value);
    }
}
