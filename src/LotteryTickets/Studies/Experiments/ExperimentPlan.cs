using LotteryTickets.Criteria;
using LotteryTickets.Pruning;
using LotteryTickets.Rewinding;
using LotteryTickets.Storage;
using static TorchSharp.torch;
using LotteryTickets.Training;
using Microsoft.Extensions.Logging;

namespace LotteryTickets.Experiments;

/// <summary>
/// A validated, immutable lottery-ticket experiment, built by <see cref="LotteryExperiment"/>: what to train, how to
/// prune and rewind, which control branches to run, how many trials, and where to store the results. Its
/// <see cref="Hash"/> names its folder in the store, so running the same plan again — after a crash, a
/// cancellation, or with more trials — finds and resumes the same runs.
/// </summary>
/// <remarks>
/// <para>What <see cref="Run"/> does, for each trial t (every seed derived from <see cref="Seed"/> and t only): level 0
/// trains the dense network (capturing the rewind point if the policy needs one); each level L prunes the level-(L−1)
/// main run's trained weights with the criterion and the schedule's step for L, rewinds as the policy says, and trains
/// the ticket (branch <c>main</c>) and each branch's transformed ticket. Each run's folder gets <c>mask</c>,
/// <c>start</c> and <c>final</c> weights (safetensors), metrics, a sparsity report, and the <c>done</c> marker last;
/// unfinished runs save checkpoints in their folder and resume from the latest one.</para>
/// <para>With a gradual schedule (<see cref="GradualSchedule"/> is set) each trial is one training run,
/// <c>trial_t/level_0/main</c>, pruned inside the run by a <see cref="GradualPruningCallback"/> (whose state travels in
/// the run's checkpoints): <c>mask</c> is the final mask, <c>start</c> the ticket's start weights under it (the
/// snapshot at the schedule's rewind epoch), <c>final</c> the trained weights, and the metrics those of the training
/// run. With <see cref="IGradualPruneSchedule.ResetAtEnd"/> the ticket itself is also evaluated, untrained, into
/// the branch <see cref="TicketBranch"/> at the same level (same mask, <c>start</c> = <c>final</c> = the ticket's
/// weights, one evaluation at iteration 0). Gradual plans have no levels after 0 and no control branches.</para>
/// <para>A plan only reads and writes a folder whose <c>plan.json</c> records it (or a missing or empty one): a folder
/// recording another plan, or holding runs without <c>plan.json</c>, stops <see cref="Run"/> with a
/// <see cref="StoreMismatchException"/> before anything is read or written.</para>
/// <para>Any number of processes may run one plan on one store at once, on one machine or on many sharing a file
/// system: each run is claimed with a lock in its folder (<see cref="StoreLockOptions"/>), so no run is trained twice,
/// a process waits for the runs the next ones need, and the results are those of a single process, byte for byte.
/// <see cref="Shard"/> splits the work deterministically between the processes of a job array.</para>
/// </remarks>
public sealed class ExperimentPlan
{
    private readonly TrainingOptions training;
    private readonly StoreLockOptions locks = new();
    private readonly Analysis.Instability.InstabilityAnalysisOptions? instability;

    internal ExperimentPlan(
        string name,
        string description,
        ModelSource model,
        DataSource data,
        TrainingOptions training,
        IMaskCriterion criterion,
        IPruneSchedule schedule,
        IRewindPolicy rewind,
        IReadOnlyList<ExperimentBranch> branches,
        Device device,
        int trials,
        ulong seed,
        string store,
        TrainingDuration checkpointInterval,
        ILogger? logger,
        IProgress<ExperimentProgress>? progress)
    {
        Name = name;
        Description = description;
        Hash = PlanDescription.Hash(description);
        Model = model;
        Data = data;
        this.training = training;
        Criterion = criterion;
        Schedule = schedule;
        Rewind = rewind;
        Branches = branches;
        Device = device;
        Trials = trials;
        Seed = seed;
        Layout = new ExperimentLayout(store, name, Hash);
        CheckpointInterval = checkpointInterval;
        Logger = logger;
        Progress = progress;
    }

    /// <summary>The file at the experiment folder's root holding <see cref="Description"/>.</summary>
    public const string PlanFileName = PlanRecord.FileName;

    /// <summary>The branch, at level 0, holding the evaluation of a gradual plan's reset ticket (<see cref="IGradualPruneSchedule.ResetAtEnd"/>).</summary>
    public const string TicketBranch = "ticket";

    /// <summary>The experiment name.</summary>
    public string Name { get; }

    /// <summary>
    /// The canonical JSON description of the options that differ from their defaults (compact, keys sorted), from
    /// which <see cref="Hash"/> is computed. Trials, device, store, logging and checkpoint interval are not part of it.
    /// </summary>
    public string Description { get; }

    /// <summary>The content hash: the first 16 hexadecimal digits of the SHA-256 of <see cref="Description"/>.</summary>
    public string Hash { get; }

    /// <summary>The experiment's folder, <c>&lt;store&gt;/&lt;name&gt;-&lt;hash&gt;</c>.</summary>
    public string Folder => Layout.ExperimentFolder;

    /// <summary>The paths of the experiment's runs.</summary>
    public ExperimentLayout Layout { get; }

    /// <summary>A copy of the training options (the device is <see cref="Device"/>; the data order seed is combined with each trial's seed).</summary>
    public TrainingOptions Training => training.Copy();

    /// <summary>The mask criterion.</summary>
    public IMaskCriterion Criterion { get; }

    /// <summary>The pruning schedule: an <see cref="ILevelPruneSchedule"/> or an <see cref="IGradualPruneSchedule"/>.</summary>
    public IPruneSchedule Schedule { get; }

    /// <summary>The gradual schedule when the plan prunes inside one training run; otherwise <see langword="null"/>.</summary>
    public IGradualPruneSchedule? GradualSchedule => Schedule as IGradualPruneSchedule;

    /// <summary>The number of pruning levels after the dense run (0 for a gradual plan, whose one run is level 0).</summary>
    public int Levels => Schedule is ILevelPruneSchedule level ? level.Levels : 0;

    /// <summary>The rewind policy.</summary>
    public IRewindPolicy Rewind { get; }

    /// <summary>The control branches, in order (the main branch is implicit).</summary>
    public IReadOnlyList<ExperimentBranch> Branches { get; }

    /// <summary>The device training runs on.</summary>
    public Device Device { get; }

    /// <summary>The number of trials.</summary>
    public int Trials { get; }

    /// <summary>The experiment's seed.</summary>
    public ulong Seed { get; }

    /// <summary>How often an unfinished run saves its checkpoint.</summary>
    public TrainingDuration CheckpointInterval { get; }

    /// <summary>This process's share of the work, or <see langword="null"/> for every run (see <see cref="LotteryExperiment.WithShard"/>).</summary>
    public Shard? Shard { get; init; }

    /// <summary>How processes sharing the store claim runs.</summary>
    public StoreLockOptions Locks { get => locks.Copy(); init => locks = value.Copy(); }

    /// <summary>
    /// The instability analysis of the plan's levels (a copy), or <see langword="null"/> for none. Not part of
    /// <see cref="Description"/> or <see cref="Hash"/>: its results are stored under the trials' levels, addressed by its own options.
    /// </summary>
    public Analysis.Instability.InstabilityAnalysisOptions? Instability { get => instability?.Copy(); init => instability = value?.Copy(); }

    internal ModelSource Model { get; }

    /// <summary>
    /// Makes the plan that differs from this one only in its rewind policy and its control branches (no analysis, no
    /// shard): the IMP chain whose masks an instability analysis uses at a rewind point (<see cref="Analysis.Instability.InstabilityMasks.PerRewindPoint"/>).
    /// Set by the builder when the plan has an instability analysis.
    /// </summary>
    internal Func<Rewinding.IRewindPolicy, IReadOnlyList<ExperimentBranch>, ExperimentPlan>? DeriveMaskChain { get; init; }

    /// <summary>The training options of one run of a trial: <see cref="Training"/> on <see cref="Device"/>, the data order seeded from the trial.</summary>
    internal TrainingOptions TrainingFor(TrialSeeds seeds)
    {
        var options = Training;
        options.Device = Device;
        options.DataOrderSeed = seeds.Data(options.DataOrderSeed);
        return options;
    }

    internal DataSource Data { get; }

    internal ILogger? Logger { get; }

    internal IProgress<ExperimentProgress>? Progress { get; }

    /// <summary>
    /// Runs the experiment, or resumes it: finished runs are read from the store, an unfinished run continues from its
    /// latest checkpoint, and the rest are trained. Writes <c>plan.json</c>, the runs, and the tables and figures into
    /// <see cref="Folder"/>.
    /// </summary>
    /// <param name="cancellationToken">Stops between training steps; the running run saves a checkpoint first, so running again resumes it.</param>
    /// <returns>The results of every run of the plan's trials.</returns>
    /// <exception cref="OperationCanceledException">The token was cancelled; the store is left resumable.</exception>
    /// <exception cref="StoreMismatchException">
    /// <see cref="Folder"/> records another plan, or holds runs but no <c>plan.json</c>; nothing in it was read or changed.
    /// </exception>
    public ExperimentResult Run(CancellationToken cancellationToken = default) =>
        new ExperimentRunner(this, cancellationToken).Run();

    /// <summary>Runs <see cref="Run"/> on a dedicated thread.</summary>
    /// <param name="cancellationToken">Stops between training steps (see <see cref="Run"/>).</param>
    /// <returns>The results.</returns>
    public Task<ExperimentResult> RunAsync(CancellationToken cancellationToken = default) =>
        Task.Factory.StartNew(() => Run(cancellationToken), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <inheritdoc />
    public override string ToString() => $"{Name}-{Hash}";
}
