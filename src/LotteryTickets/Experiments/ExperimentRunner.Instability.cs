using LotteryTickets.Analysis.Instability;
using LotteryTickets.Engine;
using LotteryTickets.Masks;
using LotteryTickets.Results;
using LotteryTickets.Training;
using Microsoft.Extensions.Logging;
using TorchSharp;
using static TorchSharp.torch;

namespace LotteryTickets.Experiments;

/// <content>The instability analysis of the plan's levels as work units (see <see cref="InstabilityAnalysisOptions"/>).</content>
internal sealed partial class ExperimentRunner
{
    /// <summary>
    /// Per trial: one unit per rewind point k &gt; 0 that trains the dense network to k and saves its state (in the trial's
    /// slot), then one unit per (level, branch, rewind point) that trains the two copies and evaluates the path, needing
    /// the run whose mask it uses, the dense run and the state at k, in the slots after the trial's branches.
    /// </summary>
    private IEnumerable<WorkUnit> InstabilityUnits()
    {
        if (plan.Instability is not { } options || plan.GradualSchedule is not null)
        {
            yield break;
        }

        var hash = options.EvaluationHash;
        var rewinds = options.ParsedRewindPoints();
        var levels = options.LevelsOf(plan.Levels);
        var paired = options.Masks == InstabilityMasks.PerRewindPoint;

        // The IMP chains that find the masks at each rewind point the plan does not rewind to (their units, per trial, come first).
        var sources = new Dictionary<string, ExperimentRunner>(StringComparer.Ordinal);
        if (paired)
        {
            foreach (var point in rewinds)
            {
                var (source, chainUnits) = MaskChain(point, options, levels);
                sources[InstabilityAnalysisOptions.Label(point)] = source;
                foreach (var unit in chainUnits)
                {
                    yield return unit;
                }
            }
        }

        for (var trial = 0; trial < plan.Trials; trial++)
        {
            var t = trial;
            var dense = runUnits[new RunKey(t, 0, RunKey.MainBranch)];
            var states = new Dictionary<string, WorkUnit>(StringComparer.Ordinal);
            foreach (var point in rewinds.Where(p => p.Count > 0 && !StateFromSource(InstabilityAnalysisOptions.Label(p), paired ? sources[InstabilityAnalysisOptions.Label(p)] : this, paired)))
            {
                var label = InstabilityAnalysisOptions.Label(point);
                var folder = InstabilityPaths.RewindPointFolder(Layout, t, label);
                var state = InstabilityPaths.RewindStateFolder(Layout, t, label);
                var unit = new WorkUnit(
                    $"{t}/{InstabilityPaths.RewindStatesFolderName}/{label}", folder, () => TrainingCheckpoint.Exists(state), [], t, Execute(_ => TrainRewindState(t, point, label)));
                states[label] = unit;
                yield return unit;
            }

            var slot = t + 1 + (plan.Branches.Count * plan.Levels);
            foreach (var level in levels)
            {
                foreach (var branch in options.Branches.Where(b => level > 0 || b == RunKey.MainBranch))
                {
                    foreach (var point in rewinds)
                    {
                        var label = InstabilityAnalysisOptions.Label(point);
                        var source = paired ? sources[label] : this;
                        var paths = new InstabilityPaths(Layout, t, level, branch, label, hash, paired);

                        // The source's dense run holds the state at k when the source rewinds to k.
                        List<WorkUnit> needs = [source.runUnits[new RunKey(t, level, branch)], dense, source.runUnits[new RunKey(t, 0, RunKey.MainBranch)]];
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
                            Execute(_ => RunInstability(t, l, b, point, paths, options, source)));
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
    private void TrainRewindState(int trial, TrainingDuration point, string label)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var state = InstabilityPaths.RewindStateFolder(Layout, trial, label);
        Storage.FolderLeftovers.Remove(Path.GetDirectoryName(state)!);

        var seeds = new TrialSeeds(plan.Seed, trial);
        using var scope = torch.NewDisposeScope();
        var options = plan.TrainingFor(seeds);
        using var generator = new Generator(seeds.Init);
        using var model = factory(generator);
        using var trainer = new Trainer(model, data.Train, data.Validation!, data.Test, options);
        var k = point.ToIterations(trainer.Loader.BatchesPerEpoch);
        if (k > trainer.TotalIterations)
        {
            throw new InvalidOperationException(
                $"The instability analysis's rewind point {label} ({k} iterations) lies after the end of training ({plan.Training.Duration}, {trainer.TotalIterations} iterations); choose rewind points within the training duration.");
        }

        using var capture = new RewindPointCallback(point, state);
        trainer.Callbacks.Add(capture);
        if (plan.Progress is { } progress)
        {
            trainer.Callbacks.Add(new ExperimentProgressCallback(progress, new RunKey(trial, 0, $"{InstabilityPaths.RewindStatesFolderName}/{label}"), plan.Trials, plan.Levels));
        }

        trainer.Callbacks.Add(new StopAtCallback(k));
        InstabilityLog.RewindStateStarted(logger, trial, label);
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
    private void RunInstability(int trial, int level, string branch, TrainingDuration point, InstabilityPaths paths, InstabilityAnalysisOptions options, ExperimentRunner source)
    {
        cancellationToken.ThrowIfCancellationRequested();
        foreach (var folder in new[] { paths.CopyA, paths.CopyB, paths.EvaluationFolder })
        {
            Storage.FolderLeftovers.Remove(folder);
        }

        var label = InstabilityAnalysisOptions.Label(point);
        var seeds = new TrialSeeds(plan.Seed, trial);
        var paired = options.Masks == InstabilityMasks.PerRewindPoint;
        var seed = paired ? seeds.PairedInstability(level, label) : seeds.Instability(level, branch, label);
        var copySeeds = StabilitySeeds.Derive(seed);
        using var scope = torch.NewDisposeScope();
        using var mask = Mask.Load(source.Layout.Run(trial, level, branch).MaskFile, layers);
        var initial = SafeTensors.Load(Layout.Run(trial, 0).StartFile);
        var stateFolder = StateFromSource(label, source, paired) ? source.RewindFolder(trial) : InstabilityPaths.RewindStateFolder(Layout, trial, label);
        using var rewind = point.Count > 0 ? TrainingCheckpoint.Load(stateFolder) : null;
        var training = plan.Training;
        training.Device = plan.Device;
        var name = $"{trial}/{level}/{branch} {label}";
        InstabilityLog.Started(logger, name, mask.Sparsity().PercentRemaining);
        var ownErrors = new List<double>();
        foreach (var (copySeed, folder, copy) in new[] { (copySeeds.CopyA, paths.CopyA, "A"), (copySeeds.CopyB, paths.CopyB, "B") })
        {
            var callbacks = new List<ITrainingCallback>();
            if (plan.Progress is { } progress)
            {
                var key = new RunKey(trial, level, $"{InstabilityPaths.FolderName}/{InstabilityPaths.AnalysisFolderName(branch, label)}/{Path.GetFileName(folder)}");
                callbacks.Add(new ExperimentProgressCallback(progress, key, plan.Trials, plan.Levels));
            }

            var copyTraining = new InstabilityTraining
            {
                ModelFactory = factory,
                FactorySeed = seeds.Init,
                StartWeights = rewind?.ModelState ?? initial,
                Mask = mask,
                Rewind = rewind,
                Training = training,
                TrainingSet = data.Train,
                ValidationSet = data.Validation!,
                TestSet = data.Test,
                CheckpointInterval = plan.CheckpointInterval,
                Callbacks = callbacks,
            };
            InstabilityLog.CopyStarted(logger, name, copy);
            using var trained = copyTraining.TrainCopy(copySeed, folder, cancellationToken);
            ownErrors.Add(1 - trained.Metrics.FinalTestAccuracy);
        }

        // The copies as stored, so a resumed analysis evaluates exactly what an uninterrupted one does.
        var first = SafeTensors.Load(Path.Combine(paths.CopyA, InstabilityTraining.FinalFileName));
        var second = SafeTensors.Load(Path.Combine(paths.CopyB, InstabilityTraining.FinalFileName));
        using var generator = new Generator(seeds.Init);
        using var scratch = factory(generator);
        scratch.to(plan.Device);
        var path = LinearModeConnectivity.Evaluate(first, second, scratch, data.Test, options.Points, new InterpolationOptions
        {
            EvaluationBatchSize = training.EvaluationBatchSize,
            Loss = training.Loss,
            PreloadData = training.PreloadData,
            TrainingSet = options.TrainingSet ? data.Train : null,
            Mask = mask,
            BatchNormBatches = options.BatchNormBatches,
            BatchNormBatchSize = training.BatchSize,
            BatchNormSeed = seed,
            BatchNormData = data.Train,
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
        InstabilityLog.Finished(logger, name, path.ErrorBarrier, path.MeanEndpointError);
    }

    /// <summary>The finished analyses the plan asks for, of its trials.</summary>
    private IReadOnlyList<InstabilityResult> CollectInstability() => plan.Instability is { } options && plan.GradualSchedule is null
        ? [.. new InstabilityCollector(logger).Collect(plan.Folder, options).Where(r => r.Trial < plan.Trials).Select(r => r with { MaskRewind = r.MaskRewind ?? PlanMaskRewind })]
        : [];

    /// <summary>Stops a run once it has done <paramref name="iterations"/> iterations (after the callbacks before it in the list).</summary>
    private sealed class StopAtCallback(long iterations) : ITrainingCallback
    {
        public void OnIterationEnd(TrainingState state)
        {
            if (state.Iteration >= iterations)
            {
                state.RequestStop($"reached the rewind point at iteration {iterations}");
            }
        }
    }
}

/// <summary>The log messages of instability analyses.</summary>
internal static partial class InstabilityLog
{
    [LoggerMessage(EventId = 201, Level = LogLevel.Information, Message = "Instability analysis ({Analysis}) started at {PercentRemaining:G4}% weights remaining.")]
    public static partial void Started(ILogger logger, string analysis, double percentRemaining);

    [LoggerMessage(EventId = 202, Level = LogLevel.Debug, Message = "Instability analysis ({Analysis}): copy {Copy} trains (or resumes, or is read when done).")]
    public static partial void CopyStarted(ILogger logger, string analysis, string copy);

    [LoggerMessage(EventId = 203, Level = LogLevel.Information, Message = "Instability analysis ({Analysis}) finished: instability {Instability:P2}, mean endpoint error {EndpointError:P2}.")]
    public static partial void Finished(ILogger logger, string analysis, double instability, double endpointError);

    [LoggerMessage(EventId = 205, Level = LogLevel.Information, Message = "Instability analysis: the masks at rewind point {Rewind} come from the IMP chain rewound to it, the plan in '{Folder}'.")]
    public static partial void MaskChain(ILogger logger, string rewind, string folder);

    [LoggerMessage(EventId = 204, Level = LogLevel.Information, Message = "Trial {Trial}: training the dense network to the rewind point {Rewind} of the instability analysis.")]
    public static partial void RewindStateStarted(ILogger logger, int trial, string rewind);
}
