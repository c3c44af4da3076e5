using LotteryTickets.Analysis.Instability;
using LotteryTickets.Criteria;
using LotteryTickets.Pruning;
using LotteryTickets.Rewinding;
using LotteryTickets.Storage;
using LotteryTickets.Training;
using Microsoft.Extensions.Logging;
using static TorchSharp.torch;

namespace LotteryTickets.Experiments;

/// <summary>
/// Everything a <see cref="LotteryExperiment"/> has been told, at its defaults until a <c>With…</c> call changes it:
/// what <see cref="ExperimentValidation"/> checks, <see cref="PlanDescriber"/> describes and the plan is made of.
/// </summary>
internal sealed class ExperimentSettings
{
    /// <summary>Starts the settings of an experiment whose parts are named from <paramref name="parts"/>.</summary>
    /// <param name="name">The experiment name.</param>
    /// <param name="parts">The registry the string forms resolve names in.</param>
    public ExperimentSettings(string name, ComponentRegistry parts)
    {
        Name = name;
        Parts = parts;
    }

    /// <summary>The experiment name.</summary>
    public string Name { get; }

    /// <summary>The registry the string forms resolve names in.</summary>
    public ComponentRegistry Parts { get; }

    /// <summary>The training options, changed in place by <see cref="LotteryExperiment.WithTraining"/>.</summary>
    public TrainingOptions Training { get; private init; } = new();

    /// <summary>The branches, in the order they were added.</summary>
    public List<ExperimentBranch> Branches { get; } = [];

    /// <summary>The problems found while resolving names, reported by <see cref="LotteryExperiment.Build"/>.</summary>
    public List<ExperimentError> Deferred { get; } = [];

    /// <summary>The model, or null while none is set.</summary>
    public ModelSource? Model { get; set; }

    /// <summary>The data, or null while none is set.</summary>
    public DataSource? Data { get; set; }

    /// <summary>The pruning criterion.</summary>
    public IMaskCriterion Criterion { get; set; } = MaskCriteria.LargeFinal;

    /// <summary>The pruning schedule, a level or a gradual one.</summary>
    public IPruneSchedule Schedule { get; set; } = new IterativeRates();

    /// <summary>The rewind policy.</summary>
    public IRewindPolicy Rewind { get; set; } = RewindPolicies.ToInitialization;

    /// <summary>The device set by <see cref="LotteryExperiment.OnDevice"/>, or null for the training options' device.</summary>
    public Device? Device { get; set; }

    /// <summary>The number of trials.</summary>
    public int Trials { get; set; } = 1;

    /// <summary>The seed of everything random.</summary>
    public ulong Seed { get; set; }

    /// <summary>The store's root folder, or null while none is set.</summary>
    public string? Store { get; set; }

    /// <summary>How often an unfinished run is checkpointed.</summary>
    public TrainingDuration CheckpointInterval { get; set; } = TrainingDuration.Iterations(LotteryExperiment.DefaultCheckpointIntervalIterations);

    /// <summary>The logger, or null.</summary>
    public ILogger? Logger { get; set; }

    /// <summary>The progress receiver, or null.</summary>
    public IProgress<ExperimentProgress>? Progress { get; set; }

    /// <summary>This process's shard, or null for every run.</summary>
    public Shard? Shard { get; set; }

    /// <summary>How processes sharing the store claim runs, changed in place by <see cref="LotteryExperiment.WithStoreLocks"/>.</summary>
    public StoreLockOptions Locks { get; private init; } = new();

    /// <summary>The instability analysis's options, or null when the plan has none.</summary>
    public InstabilityAnalysisOptions? Instability { get; set; }

    /// <summary>
    /// The settings of the same plan with another rewind policy, branches and progress receiver: the training and lock
    /// options copied, the rest shared; no shard, no analysis and no deferred problems.
    /// </summary>
    /// <param name="rewind">The rewind policy of the copy.</param>
    /// <param name="branches">The branches of the copy.</param>
    /// <param name="progress">The progress receiver of the copy.</param>
    /// <returns>The copy.</returns>
    public ExperimentSettings CopyWith(IRewindPolicy rewind, IReadOnlyList<ExperimentBranch> branches, IProgress<ExperimentProgress>? progress)
    {
        var copy = new ExperimentSettings(Name, Parts)
        {
            Training = Training.Copy(),
            Model = Model,
            Data = Data,
            Criterion = Criterion,
            Schedule = Schedule,
            Rewind = rewind,
            Device = Device,
            Trials = Trials,
            Seed = Seed,
            Store = Store,
            CheckpointInterval = CheckpointInterval,
            Logger = Logger,
            Progress = progress,
            Locks = Locks.Copy(),
        };
        copy.Branches.AddRange(branches);
        return copy;
    }
}
