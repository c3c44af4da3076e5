using LotteryTickets.Analysis.Instability;
using LotteryTickets.Masks;
using LotteryTickets.Results;
using LotteryTickets.Rewinding;
using LotteryTickets.Serialization;
using LotteryTickets.Storage;
using LotteryTickets.Training;
using Microsoft.Extensions.Logging;
using TorchSharp;
using static TorchSharp.torch;

namespace LotteryTickets.Experiments;

/// <summary>
/// The instability analysis of a plan's levels (see <see cref="InstabilityAnalysisOptions"/>) as work units beside the
/// plan's runs, and the collection of its finished results. Under <see cref="InstabilityMasks.PerRewindPoint"/> the
/// masks at rewind point k come from the IMP chain rewound to k: the plan with its rewind policy set to k, a plan of its
/// own in the store.
/// </summary>
/// <param name="runner">The plan's runner (its data, model and runs).</param>
/// <param name="units">The units of the runner's runs, which the analyses need.</param>
internal sealed class InstabilityWork(ExperimentRunner runner, PlanUnits units)
{
    private ExperimentPlan Plan => runner.Plan;

    private ExperimentLayout Layout => runner.Plan.Layout;

    private ILogger Logger => runner.Logger;

    /// <summary>
    /// Per trial: one unit per rewind point k &gt; 0 that trains the dense network to k and saves its state (in the trial's
    /// slot), then one unit per (level, branch, rewind point) that trains the two copies and evaluates the path, needing
    /// the run whose mask it uses, the dense run and the state at k, in the slots after the trial's branches.
    /// </summary>
    public IEnumerable<WorkUnit> Units()
    {
        if (Plan.Instability is not { } options || Plan.GradualSchedule is not null)
        {
            yield break;
        }

        var hash = options.EvaluationHash;
        var rewinds = options.ParsedRewindPoints();
        var levels = options.LevelsOf(Plan.Levels);
        var paired = options.Masks == InstabilityMasks.PerRewindPoint;

        // The IMP chains that find the masks at each rewind point the plan does not rewind to (their units, per trial, come first).
        var sources = new Dictionary<string, (ExperimentRunner Runner, PlanUnits Units)>(StringComparer.Ordinal);
        if (paired)
        {
            foreach (var point in rewinds)
            {
                var (source, sourceUnits, chainUnits) = MaskChain(point, options, levels);
                sources[InstabilityAnalysisOptions.Label(point)] = (source, sourceUnits);
                foreach (var unit in chainUnits)
                {
                    yield return unit;
                }
            }
        }

        for (var trial = 0; trial < Plan.Trials; trial++)
        {
            var t = trial;
            var dense = units.RunUnits[new RunKey(t, 0, RunKey.MainBranch)];
            var states = new Dictionary<string, WorkUnit>(StringComparer.Ordinal);
            foreach (var point in rewinds.Where(p => p.Count > 0 && !StateFromSource(InstabilityAnalysisOptions.Label(p), paired ? sources[InstabilityAnalysisOptions.Label(p)].Runner : runner, paired)))
            {
                var label = InstabilityAnalysisOptions.Label(point);
                var folder = InstabilityPaths.RewindPointFolder(Layout, t, label);
                var state = InstabilityPaths.RewindStateFolder(Layout, t, label);
                var unit = new WorkUnit(
                    $"{t}/{InstabilityPaths.RewindStatesFolderName}/{label}", folder, () => TrainingCheckpoint.Exists(state), [], t, token => TrainRewindState(t, point, label, token));
                states[label] = unit;
                yield return unit;
            }

            var slot = t + 1 + (Plan.Branches.Count * Plan.Levels);
            foreach (var level in levels)
            {
                foreach (var branch in options.Branches.Where(b => level > 0 || b == RunKey.MainBranch))
                {
                    foreach (var point in rewinds)
                    {
                        var label = InstabilityAnalysisOptions.Label(point);
                        var (source, sourceUnits) = paired ? sources[label] : (runner, units);
                        var paths = new InstabilityPaths(Layout, t, level, branch, label, hash, paired);

                        // The source's dense run holds the state at k when the source rewinds to k.
                        List<WorkUnit> needs = [sourceUnits.RunUnits[new RunKey(t, level, branch)], dense, sourceUnits.RunUnits[new RunKey(t, 0, RunKey.MainBranch)]];
                        if (states.TryGetValue(label, out var state))
                        {
                            needs.Add(state);
                        }

                        var (l, b) = (level, branch);
                        yield return new WorkUnit(
                            $"{t}/{level}/{InstabilityPaths.FolderName}/{Path.GetFileName(paths.Folder)}",
                            paths.Folder,
                            () => paths.IsDone,
                            [.. needs.Distinct()],
                            slot++,
                            token => RunInstability(t, l, b, point, paths, options, source, token));
                    }
                }
            }
        }
    }

    /// <summary>
    /// Trains the trial's dense network from its initialization with the trial's options and data order up to
    /// <paramref name="point"/> and saves the full training state there — the state the dense run has at that point.
    /// An interrupted unit starts again from iteration 0.
    /// </summary>
    private void TrainRewindState(int trial, TrainingDuration point, string label, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var state = InstabilityPaths.RewindStateFolder(Layout, trial, label);
        Storage.FolderLeftovers.Remove(Path.GetDirectoryName(state)!);

        var seeds = new TrialSeeds(Plan.Seed, trial);
        using var scope = torch.NewDisposeScope();
        var options = Plan.TrainingFor(seeds);
        using var generator = new Generator(seeds.Init);
        using var model = runner.Factory(generator);
        using var trainer = new Trainer(model, runner.Data.Train, runner.Data.Validation!, runner.Data.Test, options);
        var k = point.ToIterations(trainer.Loader.BatchesPerEpoch);
        if (k > trainer.TotalIterations)
        {
            throw new InvalidOperationException(
                $"The instability analysis's rewind point {label} ({k} iterations) lies after the end of training ({Plan.Training.Duration}, {trainer.TotalIterations} iterations); choose rewind points within the training duration.");
        }

        using var capture = new RewindPointCallback(point, state);
        trainer.Callbacks.Add(capture);
        if (Plan.Progress is { } progress)
        {
            trainer.Callbacks.Add(new ExperimentProgressCallback(progress, new RunKey(trial, 0, $"{InstabilityPaths.RewindStatesFolderName}/{label}"), Plan.Trials, Plan.Levels));
        }

        trainer.Callbacks.Add(new StopAtCallback(k));
        InstabilityLog.RewindStateStarted(Logger, trial, label);
        trainer.Run(cancellationToken);
        if (!TrainingCheckpoint.Exists(state))
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw new InvalidOperationException($"The dense network of trial {trial} did not reach the rewind point {label}; the state was not saved.");
        }
    }

    /// <summary>
    /// Trains the two copies of one analysis (resuming them), evaluates the path between them, and writes the results,
    /// <c>done</c> last. The mask is that of run (trial, level, branch) of <paramref name="source"/>: this runner, or the
    /// IMP chain rewound to the point, whose dense run holds the state at the point.
    /// </summary>
    private void RunInstability(int trial, int level, string branch, TrainingDuration point, InstabilityPaths paths, InstabilityAnalysisOptions options, ExperimentRunner source, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        foreach (var folder in new[] { paths.CopyA, paths.CopyB, paths.EvaluationFolder })
        {
            Storage.FolderLeftovers.Remove(folder);
        }

        var label = InstabilityAnalysisOptions.Label(point);
        var seeds = new TrialSeeds(Plan.Seed, trial);
        var paired = options.Masks == InstabilityMasks.PerRewindPoint;
        var seed = paired ? seeds.PairedInstability(level, label) : seeds.Instability(level, branch, label);
        var copySeeds = StabilitySeeds.Derive(seed);
        using var scope = torch.NewDisposeScope();
        using var mask = Mask.Load(source.Layout.Run(trial, level, branch).MaskFile, runner.Layers);
        var initial = SafeTensors.Load(Layout.Run(trial, 0).StartFile);
        var stateFolder = StateFromSource(label, source, paired) ? source.RewindFolder(trial) : InstabilityPaths.RewindStateFolder(Layout, trial, label);
        using var rewind = point.Count > 0 ? TrainingCheckpoint.Load(stateFolder) : null;
        var training = Plan.Training;
        training.Device = Plan.Device;
        var name = $"{trial}/{level}/{branch} {label}";
        InstabilityLog.Started(Logger, name, mask.Sparsity().PercentRemaining);
        var ownErrors = new List<double>();
        foreach (var (copySeed, folder, copy) in new[] { (copySeeds.CopyA, paths.CopyA, "A"), (copySeeds.CopyB, paths.CopyB, "B") })
        {
            var callbacks = new List<ITrainingCallback>();
            if (Plan.Progress is { } progress)
            {
                var key = new RunKey(trial, level, $"{InstabilityPaths.FolderName}/{InstabilityPaths.AnalysisFolderName(branch, label)}/{Path.GetFileName(folder)}");
                callbacks.Add(new ExperimentProgressCallback(progress, key, Plan.Trials, Plan.Levels));
            }

            var copyTraining = new InstabilityTraining
            {
                ModelFactory = runner.Factory,
                FactorySeed = seeds.Init,
                StartWeights = rewind?.ModelState ?? initial,
                Mask = mask,
                Rewind = rewind,
                Training = training,
                TrainingSet = runner.Data.Train,
                ValidationSet = runner.Data.Validation!,
                TestSet = runner.Data.Test,
                CheckpointInterval = Plan.CheckpointInterval,
                Callbacks = callbacks,
            };
            InstabilityLog.CopyStarted(Logger, name, copy);
            using var trained = copyTraining.TrainCopy(copySeed, folder, cancellationToken);
            ownErrors.Add(1 - trained.Metrics.FinalTestAccuracy);
        }

        // The copies as stored, so a resumed analysis evaluates exactly what an uninterrupted one does.
        var first = SafeTensors.Load(Path.Combine(paths.CopyA, InstabilityTraining.FinalFileName));
        var second = SafeTensors.Load(Path.Combine(paths.CopyB, InstabilityTraining.FinalFileName));
        using var generator = new Generator(seeds.Init);
        using var scratch = runner.Factory(generator);
        scratch.to(Plan.Device);
        var path = LinearModeConnectivity.Evaluate(first, second, scratch, runner.Data.Test, options.Points, new InterpolationOptions
        {
            EvaluationBatchSize = training.EvaluationBatchSize,
            Loss = training.Loss,
            PreloadData = training.PreloadData,
            TrainingSet = options.TrainingSet ? runner.Data.Train : null,
            Mask = mask,
            BatchNormBatches = options.BatchNormBatches,
            BatchNormBatchSize = training.BatchSize,
            BatchNormSeed = seed,
            BatchNormData = runner.Data.Train,
        });

        Directory.CreateDirectory(paths.EvaluationFolder);
        var record = new InstabilityRecord(
            trial, level, branch, label, mask.Sparsity().PercentRemaining, options.Points, options.BatchNormBatches, options.TrainingSet, copySeeds.CopyA, copySeeds.CopyB)
        {
            MaskRewind = paired ? label : PlanMaskRewind,
            PairedSeeds = paired,
            CopyAOwnError = ownErrors[0],
            CopyBOwnError = ownErrors[1],
        };
        InstabilityRecordJson.Save(record, paths.AnalysisFile);
        InterpolationPathJson.Save(path, paths.PathJsonFile);
        InterpolationPathCsv.Save(path, paths.PathCsvFile);
        Storage.AtomicFile.WriteAllText(paths.DoneMarker, string.Empty);
        InstabilityLog.Finished(Logger, name, path.ErrorBarrier, path.MeanEndpointError);
    }

    /// <summary>The finished analyses the plan asks for, of its trials.</summary>
    public IReadOnlyList<InstabilityResult> Collect() => Plan.Instability is { } options && Plan.GradualSchedule is null
        ? [.. new InstabilityCollector(Logger).Collect(Plan.Folder, options).Where(r => r.Trial < Plan.Trials).Select(r => r with { MaskRewind = r.MaskRewind ?? PlanMaskRewind })]
        : [];

    /// <summary>The rewind point of the plan's own masks, as the analyses label it: <c>0it</c>, the point's label, or the policy's name.</summary>
    private string PlanMaskRewind => RewindLabel(Plan.Rewind) ?? Plan.Rewind.Name;

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
    private (ExperimentRunner Source, PlanUnits SourceUnits, IReadOnlyList<WorkUnit> Units) MaskChain(TrainingDuration point, InstabilityAnalysisOptions options, IReadOnlyList<int> levels)
    {
        // Level 0's mask is dense whatever the rewind point: without pruned levels there is no chain to run.
        var label = InstabilityAnalysisOptions.Label(point);
        if (RewindLabel(Plan.Rewind) == label || levels.All(l => l == 0))
        {
            return (runner, units, []);
        }

        var policy = point.Count == 0 ? RewindPolicies.ToInitialization : new RewindToPoint(point);
        var kept = Plan.Branches.Where(b => options.Branches.Contains(b.Name, StringComparer.Ordinal)).ToList();
        var derived = Plan.DeriveMaskChain!(policy, kept);
        var chain = new ExperimentRunner(derived, runner);
        chain.PrepareFolder();
        var highest = levels.DefaultIfEmpty(0).Max();
        var analysed = levels.ToHashSet();
        var chainUnits = new PlanUnits(chain);
        var all = chainUnits.Build();
        var needed = chainUnits.RunUnits
            .Where(kv => kv.Key.Level <= highest && (kv.Key.Branch == RunKey.MainBranch || analysed.Contains(kv.Key.Level)))
            .Select(kv => kv.Value)
            .ToHashSet();
        InstabilityLog.MaskChain(Logger, label, derived.Folder);
        return (chain, chainUnits, [.. all.Where(needed.Contains)]);
    }

    /// <summary>
    /// Whether an analysis at the rewind point <paramref name="label"/> (k &gt; 0) starts from its mask source's own
    /// <c>rewind_point/</c> (the source rewinds to k; always so for a chain) rather than from a state trained for the
    /// analysis (<c>instability_rewind/</c>: under <see cref="InstabilityMasks.Plan"/>, or for level-0-only analyses).
    /// </summary>
    private bool StateFromSource(string label, ExperimentRunner source, bool paired) =>
        paired && (source != runner || RewindLabel(Plan.Rewind) == label);
}
