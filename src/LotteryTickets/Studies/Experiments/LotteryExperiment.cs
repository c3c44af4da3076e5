using LotteryTickets.Analysis.Instability;
using LotteryTickets.Components;
using LotteryTickets.Criteria;
using LotteryTickets.Datasets;
using LotteryTickets.Initialization;
using LotteryTickets.Models;
using LotteryTickets.Pruning;
using LotteryTickets.Rewinding;
using LotteryTickets.Storage;
using LotteryTickets.Tickets;
using LotteryTickets.Training;
using Microsoft.Extensions.Logging;
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
public sealed class LotteryExperiment
{
    /// <summary>The default checkpoint interval of unfinished runs.</summary>
    public const long DefaultCheckpointIntervalIterations = 500;

    /// <summary>The most pruning levels a plan may have.</summary>
    public const int MaxLevels = 100;

    /// <summary>The most trials a plan may have.</summary>
    public const int MaxTrials = 10_000;

    /// <summary>The most points an instability path may have.</summary>
    public const int MaxInstabilityPoints = 1001;

    /// <summary>The most rewind points an instability analysis may have.</summary>
    public const int MaxInstabilityRewindPoints = 100;

    private bool built;

    /// <summary>Starts a builder of the experiment <paramref name="settings"/> describe.</summary>
    internal LotteryExperiment(ExperimentSettings settings) => Settings = settings;

    /// <summary>What the builder has been told so far.</summary>
    internal ExperimentSettings Settings { get; }

    /// <summary>Starts describing an experiment whose parts are named from the built-ins (<see cref="ComponentRegistry.BuiltIn"/>).</summary>
    /// <param name="name">The experiment name; it starts the experiment's folder name (see <see cref="StoreNames"/>).</param>
    /// <returns>The builder.</returns>
    public static LotteryExperiment Create(string name) => new(new ExperimentSettings(name, ComponentRegistry.BuiltIn));

    /// <summary>
    /// Starts describing an experiment whose parts are named from <paramref name="parts"/>: the string forms of
    /// <see cref="WithCriterion(string)"/>,
    /// <see cref="WithSchedule(string)"/>,
    /// <see cref="WithRewind(string)"/>,
    /// <see cref="WithBranch(string, string[])"/>,
    /// <see cref="WithModel(string, double)"/> and
    /// <see cref="WithOptimizer"/> accept your registered parts, <c>name</c> or <c>name(key=value, ...)</c>.
    /// </summary>
    /// <param name="name">The experiment name.</param>
    /// <param name="parts">The registry, e.g. <see cref="ComponentRegistry.CreateDefault"/> plus your registrations.</param>
    /// <returns>The builder.</returns>
    public static LotteryExperiment Create(string name, ComponentRegistry parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        return new(new ExperimentSettings(name, parts));
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
    public LotteryExperiment WithModel(string name, Func<Generator, nn.Module<Tensor, Tensor>> factory) =>
        Apply(s => s.Model = ModelSource.Custom(name ?? string.Empty, factory ?? throw new ArgumentNullException(nameof(factory))));

    /// <summary>Trains on splits held in memory; they are identified in the hash by a fingerprint of their contents.</summary>
    /// <param name="splits">Training, validation (required: it picks the early-stop iteration) and test sets.</param>
    /// <param name="name">An optional name recorded in the description.</param>
    /// <returns>This builder.</returns>
    public LotteryExperiment WithData(DatasetSplits splits, string? name = null) =>
        Apply(s => s.Data = DataSource.FromSplits(splits ?? throw new ArgumentNullException(nameof(splits)), name));

    /// <summary>Trains on a named dataset (<c>mnist</c>, <c>fashion-mnist</c>, <c>kmnist</c>, <c>cifar10</c>, <c>cifar100</c>), loaded when the plan runs.</summary>
    /// <param name="datasetName">The dataset's name.</param>
    /// <param name="options">How to load it; <see langword="null"/> for the defaults.</param>
    /// <returns>This builder.</returns>
    public LotteryExperiment WithData(string datasetName, DatasetLoadOptions? options = null) =>
        Apply(s => s.Data = DataSource.FromName(datasetName ?? string.Empty, options));

    /// <summary>Sets training options (duration, batch size, optimizer, schedule, evaluation interval …).</summary>
    /// <param name="configure">Changes the options, which start at their defaults.</param>
    /// <returns>This builder.</returns>
    public LotteryExperiment WithTraining(Action<TrainingOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return Apply(s => configure(s.Training));
    }

    /// <summary>Prunes by <paramref name="criterion"/> (default <c>large_final</c>); any <see cref="IMaskCriterion"/> of your own is accepted.</summary>
    /// <param name="criterion">The criterion.</param>
    /// <returns>This builder.</returns>
    public LotteryExperiment WithCriterion(IMaskCriterion criterion) =>
        Apply(s => s.Criterion = criterion ?? throw new ArgumentNullException(nameof(criterion)));

    /// <summary>Prunes between training runs by <paramref name="schedule"/> (default: <see cref="IterativeRates"/> with its defaults).</summary>
    /// <param name="schedule">The schedule.</param>
    /// <returns>This builder.</returns>
    public LotteryExperiment WithSchedule(ILevelPruneSchedule schedule) =>
        Apply(s => s.Schedule = schedule ?? throw new ArgumentNullException(nameof(schedule)));

    /// <summary>Prunes gradually inside one training run by <paramref name="schedule"/>.</summary>
    /// <param name="schedule">The schedule.</param>
    /// <returns>This builder.</returns>
    /// <remarks>
    /// Each trial is then one training run (see <see cref="ExperimentPlan"/>); the schedule's <c>RewindEpoch</c> and
    /// <c>ResetAtEnd</c> take the place of the rewind policy, so <see cref="Build"/> reports a rewind policy other
    /// than the default and control branches.
    /// </remarks>
    public LotteryExperiment WithSchedule(IGradualPruneSchedule schedule) =>
        Apply(s => s.Schedule = schedule ?? throw new ArgumentNullException(nameof(schedule)));

    /// <summary>Rewinds pruned networks by <paramref name="policy"/> (default: to initialization).</summary>
    /// <param name="policy">The policy; any <see cref="IRewindPolicy"/> of your own is accepted.</param>
    /// <returns>This builder.</returns>
    public LotteryExperiment WithRewind(IRewindPolicy policy) =>
        Apply(s => s.Rewind = policy ?? throw new ArgumentNullException(nameof(policy)));

    /// <summary>Adds a branch: at every pruned level, the ticket transformed by <paramref name="transforms"/> in order, trained like the main ticket.</summary>
    /// <param name="name">The branch name (a folder name; not <c>main</c>).</param>
    /// <param name="transforms">The transforms; any <see cref="ITicketTransform"/> of your own is accepted.</param>
    /// <returns>This builder.</returns>
    public LotteryExperiment WithBranch(string name, params ITicketTransform[] transforms) =>
        Apply(s => s.Branches.Add(new ExperimentBranch(name ?? string.Empty, [.. transforms ?? []])));

    /// <summary>Adds a control branch of one transform, named after it (e.g. <c>random_reinit</c>).</summary>
    /// <param name="transform">The transform.</param>
    /// <returns>This builder.</returns>
    public LotteryExperiment WithControl(ITicketTransform transform)
    {
        ArgumentNullException.ThrowIfNull(transform);
        return WithBranch(transform.Name, transform);
    }

    /// <summary>
    /// Uses a model of the zoo (<see cref="ModelZoo"/>) or a registered one (<see cref="ComponentRegistry.Models"/>),
    /// built for the data's sample shape and number of classes; a bad name or option is reported by <see cref="Build"/>.
    /// </summary>
    /// <param name="zooName">E.g. <c>lenet300_100</c>, <c>lenet300_100(widthMultiplier=0.5)</c> or a registered <c>my_mlp(hidden=64)</c>.</param>
    /// <param name="widthMultiplier">Scales every hidden width of a zoo model; 1 for the paper's networks.</param>
    /// <returns>This builder.</returns>
    public LotteryExperiment WithModel(string zooName, double widthMultiplier = 1.0) =>
        Apply(s => s.Model = NamedParts.Model(s, zooName, widthMultiplier));

    /// <summary>
    /// Prunes by the criterion <paramref name="criterionName"/> names in the builder's registry (built-ins: see
    /// <see cref="MaskCriteria.Get"/>); an unknown name or a bad option is reported by <see cref="Build"/>.
    /// </summary>
    /// <param name="criterionName">E.g. <c>large_final</c>, <c>magnitude_increase_same_sign</c>, a registered <c>my_score(power=3)</c>.</param>
    /// <returns>This builder.</returns>
    public LotteryExperiment WithCriterion(string criterionName) =>
        Apply(s => s.Criterion = NamedParts.Resolve(s, s.Parts.Criteria, criterionName, "criterion") ?? s.Criterion);

    /// <summary>
    /// Prunes by the schedule <paramref name="schedule"/> names in the builder's registry: <c>iterative(levels=5, rate=0.2)</c>,
    /// <c>one_shot(sparsity=0.9)</c>, <c>gradual(curve=agp, sparsity=0.9)</c> or one of yours; a bad name or option is
    /// reported by <see cref="Build"/>.
    /// </summary>
    /// <param name="schedule">The schedule as <c>name</c> or <c>name(key=value, ...)</c>.</param>
    /// <returns>This builder.</returns>
    public LotteryExperiment WithSchedule(string schedule) =>
        Apply(s => s.Schedule = NamedParts.Resolve(s, s.Parts.Schedules, schedule, "schedule") ?? s.Schedule);

    /// <summary>
    /// Trains with the optimizer <paramref name="optimizer"/> names in the builder's registry: <c>sgd(momentum=0.9)</c>,
    /// <c>adam</c>, <c>adamw(weightDecay=0.01)</c>, <c>rmsprop(alpha=0.9, momentum=0.5, centered=true)</c>,
    /// <c>adagrad(learningRateDecay=0.001, initialAccumulatorValue=0.1)</c> or one of yours (see
    /// <see cref="ComponentRegistry.Optimizers"/>); a bad name or option is reported by <see cref="Build"/>.
    /// </summary>
    /// <param name="optimizer">The optimizer as <c>name</c> or <c>name(key=value, ...)</c>; options not given keep the training options' values.</param>
    /// <returns>This builder.</returns>
    public LotteryExperiment WithOptimizer(string optimizer) =>
        Apply(s => NamedParts.Resolve(s, s.Parts.Optimizers, optimizer, "training.Optimizer")?.Invoke(s.Training));

    /// <summary>
    /// Trains with, and reports, the loss <paramref name="loss"/> names in the builder's registry: <c>cross_entropy</c>
    /// (the default) or <c>mse</c> (mean squared error of the outputs against one-hot targets, see
    /// <see cref="Training.LossKind"/>); a bad name is reported by <see cref="Build"/>. Error and accuracy stay the
    /// largest output's class.
    /// </summary>
    /// <param name="loss">The loss as <c>name</c> or <c>name(key=value, ...)</c>.</param>
    /// <returns>This builder.</returns>
    public LotteryExperiment WithLoss(string loss) =>
        Apply(s => NamedParts.Resolve(s, s.Parts.Losses, loss, "training.Loss")?.Invoke(s.Training));

    /// <summary>
    /// Rewinds pruned networks by the policy <paramref name="policy"/> names in the builder's registry (see
    /// <see cref="ComponentRegistry.RewindPolicies"/>); a bad name is reported by <see cref="Build"/>.
    /// </summary>
    /// <param name="policy">E.g. <c>init</c>, <c>none</c>, <c>iteration(k=500)</c>, <c>epoch(k=1)</c>, <c>lr</c>, <c>lr(epoch=1)</c>, or the forms <c>iteration:500</c>, <c>lr:epoch:1</c>.</param>
    /// <returns>This builder.</returns>
    public LotteryExperiment WithRewind(string policy) =>
        Apply(s => s.Rewind = NamedParts.Resolve(s, s.Parts.RewindPolicies, policy, "rewind") ?? s.Rewind);

    /// <summary>
    /// Adds a branch of transforms named in the builder's registry (built-ins: see <see cref="TicketTransforms"/>),
    /// each <c>name</c> or <c>name(key=value, ...)</c>; unknown names and bad options are reported by <see cref="Build"/>.
    /// </summary>
    /// <param name="name">The branch name.</param>
    /// <param name="transformNames">The transforms, applied in order, e.g. <c>snip(samplesPerClass=20)</c>.</param>
    /// <returns>This builder.</returns>
    public LotteryExperiment WithBranch(string name, params string[] transformNames) =>
        Apply(s => s.Branches.Add(NamedParts.Branch(s, name, transformNames)));

    /// <summary>Adds a control branch of one transform by name, named after it (without its options).</summary>
    /// <param name="transformName">E.g. <c>random_reinit</c>, <c>synflow(rounds=10)</c>.</param>
    /// <returns>This builder.</returns>
    public LotteryExperiment WithControl(string transformName) =>
        WithBranch(ComponentSpec.TryParse(transformName, out var spec, out _) ? spec.Name : transformName ?? string.Empty, [transformName!]);

    /// <summary>
    /// Trains on <paramref name="device"/> (default: <see cref="TrainingOptions.Device"/>, the CPU unless set). Not part
    /// of the hash. The one place that says where an experiment trains: a different non-CPU
    /// <see cref="TrainingOptions.Device"/> set through <see cref="WithTraining"/> is an error at <see cref="Build"/>.
    /// </summary>
    /// <param name="device">The device.</param>
    /// <returns>This builder.</returns>
    public LotteryExperiment OnDevice(Device device) =>
        Apply(s => s.Device = device ?? throw new ArgumentNullException(nameof(device)));

    /// <summary>Repeats the experiment <paramref name="trials"/> times with independent seeds (default 1). Not part of the hash: adding trials reuses the folder.</summary>
    /// <param name="trials">At least 1.</param>
    /// <returns>This builder.</returns>
    public LotteryExperiment WithTrials(int trials) =>
        Apply(s => s.Trials = trials);

    /// <summary>Seeds everything random (default 0): initialization, data order, tie-breaking, controls.</summary>
    /// <param name="seed">The seed.</param>
    /// <returns>This builder.</returns>
    public LotteryExperiment WithSeed(ulong seed) =>
        Apply(s => s.Seed = seed);

    /// <summary>Stores the experiment under <paramref name="folder"/>, in <c>&lt;folder&gt;/&lt;name&gt;-&lt;hash&gt;</c>. Required.</summary>
    /// <param name="folder">The store's root folder.</param>
    /// <returns>This builder.</returns>
    public LotteryExperiment StoreIn(string folder) =>
        Apply(s => s.Store = folder);

    /// <summary>Saves an unfinished run's checkpoint this often (default every 500 iterations). Not part of the hash.</summary>
    /// <param name="interval">Greater than 0.</param>
    /// <returns>This builder.</returns>
    public LotteryExperiment WithCheckpointInterval(TrainingDuration interval) =>
        Apply(s => s.CheckpointInterval = interval);

    /// <summary>Logs the start and end of each run, with accuracies.</summary>
    /// <param name="logger">The logger.</param>
    /// <returns>This builder.</returns>
    public LotteryExperiment WithLogger(ILogger logger) =>
        Apply(s => s.Logger = logger ?? throw new ArgumentNullException(nameof(logger)));

    /// <summary>Reports progress (trial, level, branch, iteration) synchronously from the training thread.</summary>
    /// <param name="progress">The receiver.</param>
    /// <returns>This builder.</returns>
    public LotteryExperiment WithProgress(IProgress<ExperimentProgress> progress) =>
        Apply(s => s.Progress = progress ?? throw new ArgumentNullException(nameof(progress)));

    /// <summary>
    /// Runs only this process's share of the experiment (see <see cref="Shard"/>); other processes run the other shards
    /// on the same store, and the last to finish writes the report. Not part of the hash. Default: every run.
    /// </summary>
    /// <param name="shard">The shard, e.g. <c>new Shard(0, 3)</c> or <c>Shard.FromEnvironment(Environment.GetEnvironmentVariable)</c>.</param>
    /// <returns>This builder.</returns>
    public LotteryExperiment WithShard(Shard? shard) =>
        Apply(s => s.Shard = shard?.Validated());

    /// <summary>Sets how processes sharing the store claim runs (heartbeat, stale time, polling; see <see cref="StoreLockOptions"/>). Not part of the hash.</summary>
    /// <param name="configure">Changes the options.</param>
    /// <returns>This builder.</returns>
    public LotteryExperiment WithStoreLocks(Action<StoreLockOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return Apply(s => configure(s.Locks));
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
        return Apply(s => configure(s.Instability ??= new InstabilityAnalysisOptions()));
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
        var settings = Settings;
        var errors = ExperimentValidation.Validate(settings);
        if (errors.Count > 0)
        {
            throw new ExperimentValidationException(errors);
        }

        var description = PlanDescription.Canonical(PlanDescriber.Describe(settings));
        return new ExperimentPlan(
            settings.Name, description, settings.Model!, settings.Data!, settings.Training.Copy(), settings.Criterion, settings.Schedule,
            settings.Rewind, [.. settings.Branches], settings.Device ?? settings.Training.Device, settings.Trials, settings.Seed,
            settings.Store!, settings.CheckpointInterval, settings.Logger, settings.Progress)
        {
            Shard = settings.Shard,
            Locks = settings.Locks.Copy(),
            Instability = settings.Instability?.Copy(),
            DeriveMaskChain = settings.Instability is null ? null : MaskChainPlans.Factory(settings),
        };
    }

    /// <summary>Applies <paramref name="change"/> to the settings and returns this builder.</summary>
    private LotteryExperiment Apply(Action<ExperimentSettings> change)
    {
        change(Settings);
        return this;
    }
}
