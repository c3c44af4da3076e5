using System.Globalization;
using LotteryTickets.Criteria;
using LotteryTickets.Datasets;
using LotteryTickets.Masks;
using LotteryTickets.Pruning;
using LotteryTickets.Results;
using LotteryTickets.Rewinding;
using LotteryTickets.Storage;
using LotteryTickets.Tickets;
using LotteryTickets.Training;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TorchSharp;
using LotteryTickets.Serialization;
using static TorchSharp.torch;

namespace LotteryTickets.Experiments;

/// <summary>Runs (or resumes) an <see cref="ExperimentPlan"/> stage by stage; see the plan's remarks.</summary>
internal sealed class ExperimentRunner
{
    /// <summary>The folder, inside a trial's folder, holding the dense run's checkpoint at the rewind point.</summary>
    public const string RewindPointFolderName = "rewind_point";

    private readonly ExperimentPlan plan;
    private readonly CancellationToken cancellationToken;
    private readonly ILogger logger;
    private DatasetSplits data = null!;
    private Func<Generator, nn.Module<Tensor, Tensor>> factory = null!;
    private IReadOnlyList<PrunableLayer> layers = null!;
    private bool residualNetwork;

    public ExperimentRunner(ExperimentPlan plan, CancellationToken cancellationToken)
    {
        this.plan = plan;
        this.cancellationToken = cancellationToken;
        logger = plan.Logger ?? NullLogger.Instance;
    }

    /// <summary>A runner of <paramref name="plan"/> on the data and model <paramref name="resolved"/> has resolved (a derived plan's).</summary>
    public ExperimentRunner(ExperimentPlan plan, ExperimentRunner resolved)
        : this(plan, resolved.cancellationToken)
    {
        data = resolved.data;
        factory = resolved.factory;
        layers = resolved.layers;
        residualNetwork = resolved.residualNetwork;
    }

    /// <summary>The plan.</summary>
    public ExperimentPlan Plan => plan;

    /// <summary>Where the plan's runs are stored.</summary>
    public ExperimentLayout Layout => plan.Layout;

    /// <summary>Where the runs log.</summary>
    public ILogger Logger => logger;

    /// <summary>The plan's data, once resolved.</summary>
    public DatasetSplits Data => data;

    /// <summary>The plan's model factory, once resolved.</summary>
    public Func<Generator, nn.Module<Tensor, Tensor>> Factory => factory;

    /// <summary>The model's prunable layers, once resolved.</summary>
    public IReadOnlyList<PrunableLayer> Layers => layers;

    public ExperimentResult Run()
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (ExperimentValidation.CudaProblem(plan.Device) is { } device)
        {
            throw new InvalidOperationException(device);
        }

        // Before anything is read or written: a folder recording another plan (copied or renamed there) or an unknown one
        // is never used, so its results are not reported as this plan's and its plan.json is not overwritten.
        PlanRecord.EnsureMatches(plan.Folder, plan.Name, plan.Description);
        data = plan.Data.Resolve();
        try
        {
            var training = plan.Training;
            if (training.PreloadData)
            {
                // Converted once for every run of the experiment (a trainer keeps data that was preloaded before it).
                var sets = training.PreloadsTrainingData ? new[] { data.Train, data.Validation, data.Test } : [data.Validation, data.Test];
                foreach (var set in sets)
                {
                    set?.Preload(plan.Device);
                }
            }

            return RunResolved();
        }
        finally
        {
            // The trainers preload the data sets on the device; the run's end frees that memory.
            foreach (var set in new[] { data.Train, data.Validation, data.Test })
            {
                set?.ReleasePreloaded();
            }
        }
    }

    private ExperimentResult RunResolved()
    {
        factory = plan.Model.Resolve(data.Train);
        using (var probeGenerator = new Generator(0))
        using (var probe = factory(probeGenerator))
        {
            layers = PrunableParameters.Select(probe);
            residualNetwork = probe is Models.IResidualNetwork;
        }

        if (plan.Schedule is ILevelPruneSchedule levels)
        {
            // Names in the schedule that the model lacks fail here, before any training, not after the dense run.
            _ = levels.GetLevel(1, layers);
        }

        // A rewind point in epochs can be set against a duration in iterations only once the data's size is known: here,
        // before the first write, not after the dense run trained.
        var batchesPerEpoch = plan.Training.DropLast ? data.Train.Count / plan.Training.BatchSize : (data.Train.Count + plan.Training.BatchSize - 1) / plan.Training.BatchSize;
        if (plan.Rewind.CapturePoint is { } point && batchesPerEpoch > 0
            && point.ToIterations(batchesPerEpoch) > plan.Training.Duration.ToIterations(batchesPerEpoch))
        {
            throw new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture,
                $"The rewind point {point} of the policy '{plan.Rewind.Name}' is iteration {point.ToIterations(batchesPerEpoch)} ({batchesPerEpoch} batches per epoch), after the end of training ({plan.Training.Duration}, iteration {plan.Training.Duration.ToIterations(batchesPerEpoch)}); choose a rewind point within the training duration."));
        }

        // Checked again just before the first write (resolving the data and the model may have taken a while).
        PrepareFolder();
        IEnumerable<string> branchNames = plan.GradualSchedule is { ResetAtEnd: true }
            ? plan.Branches.Select(b => b.Name).Prepend(ExperimentPlan.TicketBranch)
            : plan.Branches.Select(b => b.Name);
        ExperimentLog.Started(logger, plan.Name, plan.Trials, plan.Levels, string.Join(", ", new[] { RunKey.MainBranch }.Concat(branchNames)), plan.Folder);
        var units = new PlanUnits(this);
        var complete = new WorkScheduler(units.Build(), plan.Shard, plan.Locks, logger).Run(cancellationToken);

        var stored = new ResultsCollector(logger) { SkipsDamagedRuns = !complete }.CollectExperiment(plan.Folder, plan.Name, plan.Description);
        var runs = stored.Where(r => r.Key.Trial < plan.Trials).ToList();
        var instability = new InstabilityWork(this, units).Collect();
        var finishedTrials = stored.Select(r => r.Key.Trial).Distinct().Count();
        var result = new ExperimentResult(plan.Name, plan.Hash, plan.Folder, runs) { IsComplete = complete, Instability = instability, FinishedTrialsInFolder = finishedTrials };
        if (complete)
        {
            // Every process that sees the experiment complete writes the same report (atomically, from the store). The
            // folder's tables and figures show every finished trial in it, also those of an earlier run with more trials.
            result.ReportFiles = new ExperimentResult(plan.Name, plan.Hash, plan.Folder, stored) { Instability = instability }.WriteReport();
            ExperimentLog.Finished(logger, plan.Name, runs.Count, plan.Folder);
        }

        return result;
    }

    /// <summary>The dense run of a trial, capturing the rewind point when the policy has one.</summary>
    public void RunDense(int trial, CancellationToken cancellationToken)
    {
        var seeds = new TrialSeeds(plan.Seed, trial);
        var rewindFolder = RewindFolder(trial);
        var capture = plan.Rewind.CapturePoint;
        var dense = Layout.Run(trial, 0);
        if (dense.IsDone)
        {
            throw new InvalidDataException(
                $"The dense run ({dense.Key}) is done but its rewind point is missing from '{rewindFolder}'; the store is damaged. Delete '{dense.DoneMarker}' to train the dense run again.");
        }

        // The trial folder's rewind point is this unit's alone: a killed attempt's half-written copies go.
        var trialFolder = Layout.TrialFolder(trial);
        if (Directory.Exists(trialFolder))
        {
            foreach (var leftover in Directory.EnumerateDirectories(trialFolder, "." + RewindPointFolderName + ".*"))
            {
                Directory.Delete(leftover, recursive: true);
            }
        }

        using var scope = torch.NewDisposeScope();
        using var generator = new Generator(seeds.Init);
        using var model = factory(generator);
        using var mask = Mask.Dense(layers);
        using var ticket = new Ticket(mask, model.state_dict());
        TrainRun(dense.Key, seeds, ticket, null, capture is null ? null : new RewindPointCallback(capture.Value, rewindFolder), cancellationToken);
        if (capture is not null && !TrainingCheckpoint.Exists(rewindFolder))
        {
            throw new InvalidOperationException(
                $"The rewind policy '{plan.Rewind.Name}' needs the state at {capture.Value} of the dense run, but the run ended before it; choose a rewind point within the training duration ({plan.Training.Duration}).");
        }
    }

    /// <summary>Temporary files of killed processes in the experiment's and the trials' folders (run folders are cleaned when claimed).</summary>
    private void RemoveOrphans()
    {
        AtomicFile.RemoveOrphans(plan.Folder);
        for (var trial = 0; trial < plan.Trials; trial++)
        {
            AtomicFile.RemoveOrphans(Layout.TrialFolder(trial));
        }
    }

    public string RewindFolder(int trial) => Path.Combine(Layout.TrialFolder(trial), RewindPointFolderName);

    /// <summary>
    /// The branch of a gradual trial: the ticket the gradual run found (its final mask on its start weights, the
    /// snapshot it rewinds to) is transformed and trained from iteration 0 for the full duration with the mask fixed.
    /// </summary>
    public void RunGradualBranch(int trial, ExperimentBranch branch, CancellationToken cancellationToken)
    {
        var seeds = new TrialSeeds(plan.Seed, trial);
        var main = Layout.Run(trial, 0);
        var key = new RunKey(trial, 0, branch.Name);
        using var scope = torch.NewDisposeScope();
        var start = GradualTicketStart(seeds, main);
        var trained = SafeTensors.Load(main.FinalFile);
        using var mask = Mask.Load(main.MaskFile, layers);
        using var ticket = new Ticket(mask, start);
        using var transformed = Transform(ticket, branch, 0, seeds, start, trained);
        TrainRun(key, seeds, transformed, null, null, cancellationToken);
    }

    /// <summary>
    /// The start weights of a gradual trial's ticket as transforms see them: with the snapshot at the initialization
    /// (rewind epoch 0), the initial weights themselves, pruned positions included (what the mask-0 transforms freeze);
    /// with a later snapshot, main's stored start, whose pruned positions are zero.
    /// </summary>
    private IReadOnlyDictionary<string, Tensor> GradualTicketStart(TrialSeeds seeds, RunPaths main)
    {
        if (plan.GradualSchedule is { RewindEpoch: > 0 })
        {
            return SafeTensors.Load(main.StartFile);
        }

        using var generator = new Generator(seeds.Init);
        using var model = factory(generator);
        return model.state_dict().ToDictionary(kv => kv.Key, kv => Copy(kv.Value), StringComparer.Ordinal);
    }

    /// <summary>
    /// Level L's <c>main</c> run (<paramref name="branch"/> null: prunes level L−1's trained weights, unless an
    /// interrupted attempt already stored the mask) or one of its branches (main's stored mask, transformed); both start
    /// from the rewind policy's weights.
    /// </summary>
    public void RunLevelRun(int trial, int level, ExperimentBranch? branch, CancellationToken cancellationToken)
    {
        var seeds = new TrialSeeds(plan.Seed, trial);
        var rewindFolder = plan.Rewind.CapturePoint is null ? null : RewindFolder(trial);
        using var scope = torch.NewDisposeScope();
        var initial = SafeTensors.Load(Layout.Run(trial, 0).StartFile);
        var trained = SafeTensors.Load(Layout.Run(trial, level - 1).FinalFile);
        using var checkpoint = rewindFolder is null ? null : TrainingCheckpoint.Load(rewindFolder);
        var main = Layout.Run(trial, level);
        using var mask = branch is not null || File.Exists(main.MaskFile) ? Mask.Load(main.MaskFile, layers) : Prune(trial, level, seeds, initial, trained, checkpoint);
        var start = plan.Rewind.GetStart(new RewindContext(level, initial, trained, checkpoint));
        using var ticket = new Ticket(mask, start.Weights);
        if (branch is null)
        {
            TrainRun(main.Key, seeds, ticket, start.Checkpoint, null, cancellationToken);
            return;
        }

        using var transformed = Transform(ticket, branch, level, seeds, initial, trained);
        TrainRun(new RunKey(trial, level, branch.Name), seeds, transformed, start.Checkpoint, null, cancellationToken);
    }

    private Mask Prune(
        int trial, int level, TrialSeeds seeds, IReadOnlyDictionary<string, Tensor> initial, IReadOnlyDictionary<string, Tensor> trained, TrainingCheckpoint? checkpoint)
    {
        using var previousMask = Mask.Load(Layout.Run(trial, level - 1).MaskFile, layers);
        using var generator = new Generator(seeds.Prune(level));
        var context = new CriterionContext(previousMask, generator)
        {
            InitialWeights = checkpoint?.ModelState ?? initial,
            FinalWeights = trained,
        };
        var step = ((ILevelPruneSchedule)plan.Schedule).GetLevel(level, layers);
        return Pruner.Prune(plan.Criterion, context, step.ToAmounts(layers), step.Scope);
    }

    private Ticket Transform(
        Ticket ticket, ExperimentBranch branch, int level, TrialSeeds seeds, IReadOnlyDictionary<string, Tensor> initial, IReadOnlyDictionary<string, Tensor> trained)
    {
        Ticket? current = null;
        try
        {
            for (var i = 0; i < branch.Transforms.Count; i++)
            {
                var seed = seeds.Transform(level, branch.Name, i);
                using var generator = new Generator(seed);
                var context = new TicketTransformContext(layers, initial, trained, generator, seed, FreshWeights)
                {
                    ModelFactory = factory,
                    TrainingData = data.Train,
                    Device = plan.Device,
                    IsResidualNetwork = residualNetwork,
                };
                var next = branch.Transforms[i].Apply(current ?? ticket, context);
                current?.Dispose();
                current = next;
            }

            return current ?? new Ticket(ticket.Mask, ticket.Weights, ticket.PrunedValues);
        }
        catch
        {
            current?.Dispose();
            throw;
        }
    }

    private IReadOnlyDictionary<string, Tensor> FreshWeights(ulong seed)
    {
        using var generator = new Generator(seed);
        using var model = factory(generator);
        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (name, tensor) in model.state_dict())
        {
            result[name] = Copy(tensor);
        }

        return result;
    }

    /// <summary>A detached copy of <paramref name="tensor"/>, owned by the open dispose scope if there is one.</summary>
    private static Tensor Copy(Tensor tensor)
    {
        using var detached = tensor.detach();
        return detached.clone();
    }

    private void TrainRun(RunKey key, TrialSeeds seeds, Ticket ticket, TrainingCheckpoint? rewindPoint, RewindPointCallback? capture, CancellationToken cancellationToken)
    {
        using var captureOwner = capture;
        var paths = Layout.Run(key).EnsureFolder();
        var job = Job(key, seeds) with
        {
            RewindPoint = rewindPoint,
            StartWeights = ticket.Weights,
            Mask = ticket.Mask,
            PrunedValues = ticket.PrunedValues,
            Callbacks = [.. capture is null ? [] : new ITrainingCallback[] { capture }, .. Progress(key)],
        };
        Executor.Execute(job, paths.Folder, new StoredRunOutput(paths, ticket.Mask), cancellationToken);
    }

    /// <summary>The job of run <paramref name="key"/>: the trial's network, options and data, from the factory's initialization.</summary>
    public RunJob Job(RunKey key, TrialSeeds seeds) => new()
    {
        Name = key.ToString(),
        ModelFactory = factory,
        ModelSeed = seeds.Init,
        Options = plan.TrainingFor(seeds),
        TrainingSet = data.Train,
        ValidationSet = data.Validation!,
        TestSet = data.Test,
    };

    /// <summary>The progress callback of run <paramref name="key"/>, when the plan reports progress.</summary>
    public IEnumerable<ITrainingCallback> Progress(RunKey key) =>
        plan.Progress is { } progress ? [new ExperimentProgressCallback(progress, key, plan.Trials, plan.Levels)] : [];

    /// <summary>The recipe every run of the plan trains with.</summary>
    public RunExecutor Executor => new(logger, plan.CheckpointInterval);

    /// <summary>Checks the plan's folder against its record, creates it, removes killed processes' leftovers, and writes <c>plan.json</c> and <c>configuration.json</c>.</summary>
    public void PrepareFolder()
    {
        PlanRecord.EnsureMatches(plan.Folder, plan.Name, plan.Description);
        Directory.CreateDirectory(plan.Folder);
        RemoveOrphans();
        AtomicFile.WriteAllText(Path.Combine(plan.Folder, PlanRecord.FileName), plan.Description + "\n");
        ConfigurationRecord.Write(plan.Folder, PlanConfiguration.Create(plan, data, ConfigurationRecord.RecordedTrials(plan.Folder)), logger);
    }
}
