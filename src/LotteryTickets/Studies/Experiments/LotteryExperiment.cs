using System.Globalization;
using System.Text.Json.Nodes;
using LotteryTickets.Components;
using LotteryTickets.Criteria;
using LotteryTickets.Datasets;
using LotteryTickets.Pruning;
using LotteryTickets.Rewinding;
using LotteryTickets.Storage;
using LotteryTickets.Tickets;
using LotteryTickets.Training;
using Microsoft.Extensions.Logging;
using TorchSharp;
using static TorchSharp.torch;

namespace LotteryTickets.Experiments;

/// <summary>
/// The fluent builder of a lottery-ticket experiment: model, data, training, criterion, schedule, rewind policy,
/// control branches, device, trials, seed, store, logging and progress. <see cref="Build"/> checks everything at once
/// and returns an immutable <see cref="ExperimentPlan"/>.
/// </summary>
/// <example>
/// <code>
/// var plan = LotteryExperiment.Create("lenet-imp")
///     .WithModel("lenet300_100")
///     .WithData("fashion-mnist")
///     .WithTraining(o => { o.Duration = TrainingDuration.Parse("5000it"); o.Optimizer = OptimizerKind.Adam; o.LearningRate = 1.2e-3; })
///     .WithSchedule(new IterativeRates(new IterativeRatesOptions { Levels = 5 }))
///     .WithRewind(RewindPolicies.ToInitialization)
///     .WithControl("random_reinit")
///     .WithTrials(2)
///     .StoreIn("results")
///     .Build();
/// var result = plan.Run(cancellationToken);
/// Console.WriteLine(result.ToMarkdownTable());
/// </code>
/// </example>
public sealed partial class LotteryExperiment
{
    /// <summary>The default checkpoint interval of unfinished runs.</summary>
    public const long DefaultCheckpointIntervalIterations = 500;

    private readonly string name;
    private readonly ComponentRegistry parts;
    private readonly TrainingOptions training = new();
    private readonly List<ExperimentBranch> branches = [];
    private readonly List<ExperimentError> deferred = [];
    private ModelSource? model;
    private DataSource? data;
    private IMaskCriterion criterion = MaskCriteria.LargeFinal;
    private IPruneSchedule schedule = new IterativeRates();
    private IRewindPolicy rewind = RewindPolicies.ToInitialization;
    private Device? device;
    private int trials = 1;
    private ulong seed;
    private string? store;
    private TrainingDuration checkpointInterval = TrainingDuration.Iterations(DefaultCheckpointIntervalIterations);
    private ILogger? logger;
    private IProgress<ExperimentProgress>? progress;
    private Shard? shard;
    private StoreLockOptions locks = new();
    private bool built;

    private LotteryExperiment(string name, ComponentRegistry parts)
    {
        this.name = name;
        this.parts = parts;
    }

    /// <summary>Starts describing an experiment whose parts are named from the built-ins (<see cref="ComponentRegistry.BuiltIn"/>).</summary>
    /// <param name="name">The experiment name; it starts the experiment's folder name (see <see cref="StoreNames"/>).</param>
    /// <returns>The builder.</returns>
    public static LotteryExperiment Create(string name) => new(name, ComponentRegistry.BuiltIn);

    /// <summary>
    /// Starts describing an experiment whose parts are named from <paramref name="parts"/>: the string forms of
    /// <see cref="WithCriterion(string)"/>, <see cref="WithSchedule(string)"/>, <see cref="WithRewind(string)"/>,
    /// <see cref="WithBranch(string, string[])"/>, <see cref="WithModel(string, double)"/> and
    /// <see cref="WithOptimizer"/> accept your registered parts, <c>name</c> or <c>name(key=value, ...)</c>.
    /// </summary>
    /// <param name="name">The experiment name.</param>
    /// <param name="parts">The registry, e.g. <see cref="ComponentRegistry.CreateDefault"/> plus your registrations.</param>
    /// <returns>The builder.</returns>
    public static LotteryExperiment Create(string name, ComponentRegistry parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        return new(name, parts);
    }

    /// <summary>
    /// Uses a model of your own — any <c>nn.Module&lt;Tensor, Tensor&gt;</c>, your own subclasses included: the factory builds a
    /// new model initialized from the generator it is given. Masks and tickets name its weights as <c>named_parameters()</c>
    /// does; the weights of its <c>Linear</c> and <c>Conv2d</c> modules are prunable.
    /// </summary>
    /// <remarks>
    /// Before every call of the factory the runner seeds TorchSharp's global generator (<c>torch.manual_seed</c>) with the
    /// same seed as the given generator, so a module whose layers initialize themselves from the global generator (as
    /// TorchSharp's do) is deterministic too. The runner does not dispose the given generator while the model lives, so the
    /// model may keep it.
    /// </remarks>
    /// <param name="name">The model's name; it identifies the model in the experiment's hash.</param>
    /// <param name="factory">Builds a new model, owned by the caller.</param>
    /// <returns>This builder.</returns>
    public LotteryExperiment WithModel(string name, Func<Generator, nn.Module<Tensor, Tensor>> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        model = ModelSource.Custom(name ?? string.Empty, factory);
        return this;
    }

    /// <summary>Trains on splits held in memory; they are identified in the hash by a fingerprint of their contents.</summary>
    /// <param name="splits">Training, validation (required: it picks the early-stop iteration) and test sets.</param>
    /// <param name="name">An optional name recorded in the description.</param>
    /// <returns>This builder.</returns>
    public LotteryExperiment WithData(DatasetSplits splits, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(splits);
        data = DataSource.FromSplits(splits, name);
        return this;
    }

    /// <summary>Trains on a named dataset (<c>mnist</c>, <c>fashion-mnist</c>, <c>kmnist</c>, <c>cifar10</c>, <c>cifar100</c>), loaded when the plan runs.</summary>
    /// <param name="datasetName">The dataset's name.</param>
    /// <param name="options">How to load it; <see langword="null"/> for the defaults.</param>
    /// <returns>This builder.</returns>
    public LotteryExperiment WithData(string datasetName, DatasetLoadOptions? options = null)
    {
        data = DataSource.FromName(datasetName ?? string.Empty, options);
        return this;
    }

    /// <summary>Sets training options (duration, batch size, optimizer, schedule, evaluation interval …).</summary>
    /// <param name="configure">Changes the options, which start at their defaults.</param>
    /// <returns>This builder.</returns>
    public LotteryExperiment WithTraining(Action<TrainingOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        configure(training);
        return this;
    }

    /// <summary>Prunes by <paramref name="criterion"/> (default <c>large_final</c>); any <see cref="IMaskCriterion"/> of your own is accepted.</summary>
    /// <param name="criterion">The criterion.</param>
    /// <returns>This builder.</returns>
    public LotteryExperiment WithCriterion(IMaskCriterion criterion)
    {
        ArgumentNullException.ThrowIfNull(criterion);
        this.criterion = criterion;
        return this;
    }

    /// <summary>Prunes between training runs by <paramref name="schedule"/> (default: <see cref="IterativeRates"/> with its defaults).</summary>
    /// <param name="schedule">The schedule.</param>
    /// <returns>This builder.</returns>
    public LotteryExperiment WithSchedule(ILevelPruneSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        this.schedule = schedule;
        return this;
    }

    /// <summary>Prunes gradually inside one training run by <paramref name="schedule"/>.</summary>
    /// <param name="schedule">The schedule.</param>
    /// <returns>This builder.</returns>
    /// <remarks>
    /// Each trial is then one training run (see <see cref="ExperimentPlan"/>); the schedule's <c>RewindEpoch</c> and
    /// <c>ResetAtEnd</c> take the place of the rewind policy, so <see cref="Build"/> reports a rewind policy other
    /// than the default and control branches.
    /// </remarks>
    public LotteryExperiment WithSchedule(IGradualPruneSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        this.schedule = schedule;
        return this;
    }

    /// <summary>Rewinds pruned networks by <paramref name="policy"/> (default: to initialization).</summary>
    /// <param name="policy">The policy; any <see cref="IRewindPolicy"/> of your own is accepted.</param>
    /// <returns>This builder.</returns>
    public LotteryExperiment WithRewind(IRewindPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        rewind = policy;
        return this;
    }

    /// <summary>Adds a branch: at every pruned level, the ticket transformed by <paramref name="transforms"/> in order, trained like the main ticket.</summary>
    /// <param name="name">The branch name (a folder name; not <c>main</c>).</param>
    /// <param name="transforms">The transforms; any <see cref="ITicketTransform"/> of your own is accepted.</param>
    /// <returns>This builder.</returns>
    public LotteryExperiment WithBranch(string name, params ITicketTransform[] transforms)
    {
        branches.Add(new ExperimentBranch(name ?? string.Empty, [.. transforms ?? []]));
        return this;
    }

    /// <summary>Adds a control branch of one transform, named after it (e.g. <c>random_reinit</c>).</summary>
    /// <param name="transform">The transform.</param>
    /// <returns>This builder.</returns>
    public LotteryExperiment WithControl(ITicketTransform transform)
    {
        ArgumentNullException.ThrowIfNull(transform);
        return WithBranch(transform.Name, transform);
    }

    /// <summary>
    /// Trains on <paramref name="device"/> (default: <see cref="TrainingOptions.Device"/>, the CPU unless set). Not part
    /// of the hash. The one place that says where an experiment trains: a different non-CPU
    /// <see cref="TrainingOptions.Device"/> set through <see cref="WithTraining"/> is an error at <see cref="Build"/>.
    /// </summary>
    /// <param name="device">The device.</param>
    /// <returns>This builder.</returns>
    public LotteryExperiment OnDevice(Device device)
    {
        ArgumentNullException.ThrowIfNull(device);
        this.device = device;
        return this;
    }

    /// <summary>Repeats the experiment <paramref name="trials"/> times with independent seeds (default 1). Not part of the hash: adding trials reuses the folder.</summary>
    /// <param name="trials">At least 1.</param>
    /// <returns>This builder.</returns>
    public LotteryExperiment WithTrials(int trials)
    {
        this.trials = trials;
        return this;
    }

    /// <summary>Seeds everything random (default 0): initialization, data order, tie-breaking, controls.</summary>
    /// <param name="seed">The seed.</param>
    /// <returns>This builder.</returns>
    public LotteryExperiment WithSeed(ulong seed)
    {
        this.seed = seed;
        return this;
    }

    /// <summary>Stores the experiment under <paramref name="folder"/>, in <c>&lt;folder&gt;/&lt;name&gt;-&lt;hash&gt;</c>. Required.</summary>
    /// <param name="folder">The store's root folder.</param>
    /// <returns>This builder.</returns>
    public LotteryExperiment StoreIn(string folder)
    {
        store = folder;
        return this;
    }

    /// <summary>Saves an unfinished run's checkpoint this often (default every 500 iterations). Not part of the hash.</summary>
    /// <param name="interval">Greater than 0.</param>
    /// <returns>This builder.</returns>
    public LotteryExperiment WithCheckpointInterval(TrainingDuration interval)
    {
        checkpointInterval = interval;
        return this;
    }

    /// <summary>Logs the start and end of each run, with accuracies.</summary>
    /// <param name="logger">The logger.</param>
    /// <returns>This builder.</returns>
    public LotteryExperiment WithLogger(ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        this.logger = logger;
        return this;
    }

    /// <summary>Reports progress (trial, level, branch, iteration) synchronously from the training thread.</summary>
    /// <param name="progress">The receiver.</param>
    /// <returns>This builder.</returns>
    public LotteryExperiment WithProgress(IProgress<ExperimentProgress> progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        this.progress = progress;
        return this;
    }

    /// <summary>
    /// Runs only this process's share of the experiment (see <see cref="Shard"/>); other processes run the other shards
    /// on the same store, and the last to finish writes the report. Not part of the hash. Default: every run.
    /// </summary>
    /// <param name="shard">The shard, e.g. <c>new Shard(0, 3)</c> or <c>Shard.FromEnvironment(Environment.GetEnvironmentVariable)</c>.</param>
    /// <returns>This builder.</returns>
    public LotteryExperiment WithShard(Shard? shard)
    {
        this.shard = shard?.Validated();
        return this;
    }

    /// <summary>Sets how processes sharing the store claim runs (heartbeat, stale time, polling; see <see cref="StoreLockOptions"/>). Not part of the hash.</summary>
    /// <param name="configure">Changes the options.</param>
    /// <returns>This builder.</returns>
    public LotteryExperiment WithStoreLocks(Action<StoreLockOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        configure(locks);
        return this;
    }

    /// <summary>Checks every option at once and returns the immutable plan. A builder builds once.</summary>
    /// <returns>The plan.</returns>
    /// <exception cref="ExperimentValidationException">Something is invalid; the message lists every problem.</exception>
    /// <exception cref="InvalidOperationException">The builder was already built.</exception>
    public ExperimentPlan Build()
    {
        if (built)
        {
            throw new InvalidOperationException(
                "This 'LotteryExperiment' has already been built; a builder builds one plan. Start another with LotteryExperiment.Create.");
        }

        built = true;
        var errors = Validate();
        if (errors.Count > 0)
        {
            throw new ExperimentValidationException(errors);
        }

        var description = PlanDescription.Canonical(Describe());
        return new ExperimentPlan(
            name, description, model!, data!, training.Copy(), criterion, schedule, rewind, [.. branches],
            device ?? training.Device, trials, seed, store!, checkpointInterval, logger, progress)
        {
            Shard = shard,
            Locks = locks.Copy(),
            Instability = instability?.Copy(),
            DeriveMaskChain = instability is null ? null : MaskChainFactory(),
        };
    }
}
