using System.Globalization;
using LotteryTickets.Analysis.Instability;
using LotteryTickets.Pruning;
using LotteryTickets.Results;
using LotteryTickets.Rewinding;
using LotteryTickets.Training;

namespace LotteryTickets.Experiments;

/// <content>Analyses run on the experiment's trained networks.</content>
public sealed partial class LotteryExperiment
{
    private InstabilityAnalysisOptions? instability;

    /// <summary>A builder of the same plan as <paramref name="source"/>'s, with its training options copied (used for derived plans).</summary>
    private LotteryExperiment(LotteryExperiment source, IRewindPolicy rewindPolicy, IReadOnlyList<ExperimentBranch> keptBranches)
        : this(source.name, source.parts)
    {
        training = source.training.Copy();
        branches.AddRange(keptBranches);
        model = source.model;
        data = source.data;
        criterion = source.criterion;
        schedule = source.schedule;
        rewind = rewindPolicy;
        device = source.device;
        trials = source.trials;
        seed = source.seed;
        store = source.store;
        checkpointInterval = source.checkpointInterval;
        logger = source.logger;
        progress = source.progress is { } reported && !ReferenceEquals(rewindPolicy, source.rewind)
            ? new ForwardingProgress(p => reported.Report(p with { Branch = $"{MaskChainProgressPrefix}{rewindPolicy.Name}/{p.Branch}" }))
            : source.progress;
        locks = source.locks.Copy();
    }

    /// <summary>
    /// The start of the branch an IMP chain's runs report their progress under (<c>imp rewound to iteration:100/main</c>):
    /// a name with '/', as analyses' trainings have, so that they are shown but not counted as the plan's own runs.
    /// </summary>
    internal const string MaskChainProgressPrefix = "imp rewound to ";

    /// <summary>Reports progress through a delegate (synchronously, unlike System.Progress).</summary>
    private sealed class ForwardingProgress(Action<ExperimentProgress> report) : IProgress<ExperimentProgress>
    {
        public void Report(ExperimentProgress value) => report(value);
    }

    /// <summary>
    /// Makes the plans of the IMP chains an instability analysis takes its masks from: the plan being built with another
    /// rewind policy and control branches, from a snapshot taken now (later changes to this builder do not reach them).
    /// </summary>
    private Func<IRewindPolicy, IReadOnlyList<ExperimentBranch>, ExperimentPlan> MaskChainFactory()
    {
        var snapshot = new LotteryExperiment(this, rewind, branches);
        return (policy, kept) => new LotteryExperiment(snapshot, policy, kept).Build();
    }

    /// <summary>
    /// Adds the instability analysis (linear mode connectivity, Frankle et al., ICML 2020) of the experiment's levels: for
    /// every trial, chosen level, branch and rewind point k, two copies trained from the network's state at k under the
    /// level's mask with two data orders, and the error and loss along the straight path between them. Not part of the
    /// hash: adding it to a finished experiment reuses its trained runs. Results: <see cref="ExperimentResult.Instability"/>
    /// and <c>instability.md</c>, <c>instability.csv</c> and two figures in the experiment folder.
    /// </summary>
    /// <param name="configure">Changes the options, which start at their defaults (rewind point <c>0it</c>, 31 points, branch <c>main</c>, every level).</param>
    /// <returns>This builder.</returns>
    /// <example>
    /// <code>
    /// builder.WithInstabilityAnalysis(o => { o.RewindPoints = ["0it", "100it", "500it"]; o.Points = 31; });
    /// </code>
    /// </example>
    public LotteryExperiment WithInstabilityAnalysis(Action<InstabilityAnalysisOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        instability ??= new InstabilityAnalysisOptions();
        configure(instability);
        return this;
    }

    /// <summary>The most points an instability path may have.</summary>
    public const int MaxInstabilityPoints = 1001;

    /// <summary>The most rewind points an instability analysis may have.</summary>
    public const int MaxInstabilityRewindPoints = 100;

    /// <summary>The checks of the analyses against the plan.</summary>
    private IEnumerable<ExperimentError> ValidateAnalyses()
    {
        if (instability is not { } options)
        {
            yield break;
        }

        const string Section = "analysis.instability";
        const string Prefix = "Instability analysis: ";
        foreach (var error in options.GetValidationErrors())
        {
            yield return new(InstabilityOption(error), Prefix + error);
        }

        if (options.Points > MaxInstabilityPoints)
        {
            yield return new(Section + ".Points", Prefix + string.Create(CultureInfo.InvariantCulture, $"'Points' is {options.Points}; give at most {MaxInstabilityPoints} (each point is an evaluation of the whole test set; 31 is the paper's resolution)."));
        }

        if (options.RewindPoints is { Count: > MaxInstabilityRewindPoints } many)
        {
            yield return new(Section + ".RewindPoints", Prefix + string.Create(CultureInfo.InvariantCulture, $"{many.Count} rewind points are given; give at most {MaxInstabilityRewindPoints} (each trains two copies per level and branch)."));
        }

        if (schedule is IGradualPruneSchedule)
        {
            yield return new(Section, Prefix + "a gradual schedule trains one run per trial without levels to analyse; use a level schedule such as IterativeRates, or remove WithInstabilityAnalysis.");
            yield break;
        }

        var levels = schedule is ILevelPruneSchedule level ? level.Levels : 0;
        var chosen = options.Levels ?? [];
        for (var i = 0; i < chosen.Count; i++)
        {
            if (chosen[i] > levels)
            {
                yield return new(Item(".Levels", i), Prefix + $"the level {chosen[i]} is beyond the plan's last level ({levels}); choose levels from 0 (dense) to {levels}.");
            }
        }

        var known = branches.Select(b => b.Name).Prepend(RunKey.MainBranch).ToList();
        var analysed = options.Branches ?? [];
        for (var i = 0; i < analysed.Count; i++)
        {
            if (!known.Contains(analysed[i], StringComparer.Ordinal))
            {
                yield return new(Item(".Branches", i), Prefix + $"the branch '{analysed[i]}' is not a branch of the plan; the branches are {string.Join(", ", known.Select(b => $"'{b}'"))} (add a control with WithControl first).");
            }
        }

        var points = options.RewindPoints ?? [];
        for (var i = 0; i < points.Count; i++)
        {
            if (TrainingDuration.TryParse(points[i], out var point) && point.Count > 0 && point.Unit == training.Duration.Unit && point.Count > training.Duration.Count)
            {
                yield return new(Item(".RewindPoints", i), Prefix + $"the rewind point '{points[i]}' lies after the end of training ({training.Duration}); choose points within the training duration.");
            }
        }

        static string Item(string list, int index) => string.Create(CultureInfo.InvariantCulture, $"{Section}{list}[{index}]");
    }

    /// <summary>The option of a problem <see cref="InstabilityAnalysisOptions.GetValidationErrors"/> reports.</summary>
    private static string InstabilityOption(string error) => error switch
    {
        _ when error.StartsWith("The rewind point", StringComparison.Ordinal) => "analysis.instability.RewindPoints",
        _ when error.StartsWith("The level", StringComparison.Ordinal) => "analysis.instability.Levels",
        _ when error.StartsWith("The branch", StringComparison.Ordinal) => "analysis.instability.Branches",
        _ => ExperimentError.OptionOf("analysis.instability", error),
    };
}
