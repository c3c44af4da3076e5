using System.Globalization;
using LotteryTickets.Cli.Experiments;
using LotteryTickets.Components;
using LotteryTickets.Datasets;
using LotteryTickets.Datasets.Loading;
using LotteryTickets.Experiments;
using LotteryTickets.Pruning;
using LotteryTickets.Training;
using TorchSharp;

namespace LotteryTickets.Cli.Running;

/// <summary>
/// Turns a validated <see cref="ExperimentFile"/> into a <see cref="LotteryExperiment"/> builder: every key of the
/// file maps onto one builder call (model, data, training, criterion, schedule, rewind, branches, analyses, trials,
/// seed, device, store); a gradual schedule takes the place of the rewind policy.
/// </summary>
internal static class ExperimentFileMapper
{
    /// <summary>The builder of the experiment <paramref name="file"/> describes, storing under <paramref name="storeFolder"/>.</summary>
    /// <param name="file">A file that <see cref="ExperimentFileValidator"/> accepts.</param>
    /// <param name="storeFolder">The store folder (absolute).</param>
    /// <param name="parts">The registry that names criteria, rewind policies and transforms; <see langword="null"/> for the built-ins.</param>
    /// <returns>The builder, not yet built (add progress, then call <see cref="LotteryExperiment.Build"/>).</returns>
    public static LotteryExperiment ToBuilder(ExperimentFile file, string storeFolder, ComponentRegistry? parts = null)
    {
        parts ??= ComponentRegistry.BuiltIn;
        var builder = LotteryExperiment.Create(file.Name!, parts)
            .WithModel(ModelName(file.Model, parts), WidthMultiplier(file.Model))
            .WithTraining(o => ConfigureTraining(file.Training, o))
            .WithOptimizer(ExperimentNames.Canonical(parts.Optimizers, file.Training.Optimizer))
            .WithLoss(ExperimentNames.Canonical(parts.Losses, file.Training.Loss))
            .WithCriterion(ExperimentNames.Canonical(parts.Criteria, file.Pruning.Criterion))
            .WithTrials(file.Trials)
            .WithSeed(file.Seed)
            .OnDevice(new torch.Device(file.Device.Trim().ToLowerInvariant()))
            .StoreIn(storeFolder);
        if (file.Training.CheckpointInterval is { } checkpoint)
        {
            builder.WithCheckpointInterval(TrainingDuration.Parse(checkpoint));
        }

        if (file.Pruning.Gradual is { } gradual)
        {
            // A gradual schedule's rewindEpoch, lth and resetEnd take the place of the rewind policy.
            builder.WithSchedule(Gradual(gradual, Scope(file.Pruning), file.Pruning.Ignore));
        }
        else if (file.Pruning.Schedule is { } named)
        {
            builder.WithSchedule(ExperimentNames.Canonical(parts.Schedules, named)).WithRewind(ExperimentNames.Canonical(parts.RewindPolicies, file.Rewind));
        }
        else
        {
            builder.WithSchedule(Schedule(file.Pruning)).WithRewind(ExperimentNames.Canonical(parts.RewindPolicies, file.Rewind));
        }

        AddData(builder, file.Dataset);
        foreach (var (branch, transform) in file.Branches)
        {
            builder.WithBranch(branch, [.. ComponentSpec.SplitChain(transform).Select(t => ExperimentNames.Canonical(parts.Transforms, t))]);
        }

        if (file.Analysis.Instability is { } instability)
        {
            builder.WithInstabilityAnalysis(o => AnalysisChecks.ToOptions(instability, o));
        }

        return builder;
    }

    private static string ModelName(ModelSection model, ComponentRegistry parts) =>
        ExperimentNames.Find(ExperimentNames.Models, model.Name) is { } zoo
            ? zoo
            : new ComponentSpec(ExperimentNames.Find(parts.Models.Names, model.Name)!, model.Options).ToString();

    private static double WidthMultiplier(ModelSection model)
    {
        if (ExperimentNames.Find(ExperimentNames.Models, model.Name) is null)
        {
            return 1.0;
        }

        foreach (var (key, value) in model.Options)
        {
            if (ExperimentNames.Find(ExperimentNames.ModelOptions, key) is not null)
            {
                return double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);
            }
        }

        return 1.0;
    }

    private static void AddData(LotteryExperiment builder, DatasetSection dataset)
    {
        var name = dataset.Name!.Trim().ToLowerInvariant();
        if (name == SyntheticBlobs.Name)
        {
            builder.WithData(SyntheticBlobs.Splits(dataset.Validation), SyntheticBlobs.Name);
            return;
        }

        var options = new DatasetLoadOptions
        {
            Folder = dataset.Folder is null ? null : Path.GetFullPath(dataset.Folder),
            ValidationCount = dataset.Validation,
        };
        builder.WithData(name.Replace('_', '-'), options);
    }

    private static void ConfigureTraining(TrainingSection training, TrainingOptions o)
    {
        o.Duration = TrainingDuration.Parse(training.Duration!);
        o.BatchSize = training.BatchSize;
        o.LearningRate = training.LearningRate;
        o.Momentum = training.Momentum;
        o.WeightDecay = training.WeightDecay;
        o.ChannelsLast = training.ChannelsLast;
        o.Gamma = training.Gamma;
        var milestones = training.Milestones.Select(TrainingDuration.Parse).ToList();
        switch (training.Schedule.Trim().ToLowerInvariant())
        {
            case "step":
                o.Schedule = LearningRateScheduleKind.Step;
                o.StepSize = milestones[0];
                break;
            case "multistep":
                o.Schedule = LearningRateScheduleKind.MultiStep;
                o.Milestones = milestones;
                break;
            case "cosine":
                o.Schedule = LearningRateScheduleKind.Cosine;
                break;
            default:
                o.Schedule = LearningRateScheduleKind.Constant;
                break;
        }

        if (training.Augmentation is { } augmentation)
        {
            o.Augmentation = new RandomCropFlip { Padding = augmentation.Padding, HorizontalFlip = augmentation.HorizontalFlip };
        }

        if (training.Warmup is not null)
        {
            o.Warmup = TrainingDuration.Parse(training.Warmup);
        }

        if (training.EvaluationInterval is not null)
        {
            o.EvaluationInterval = TrainingDuration.Parse(training.EvaluationInterval);
        }

        if (training.Seed is { } seed)
        {
            o.DataOrderSeed = seed;
        }
    }

    private static PruningScope Scope(PruningSection pruning) =>
        pruning.Scope.Trim().Equals("global", StringComparison.OrdinalIgnoreCase) ? PruningScope.Global : PruningScope.Layerwise;

    private static GradualSchedule Gradual(GradualScheduleSection gradual, PruningScope scope, List<string> ignored) => new(new GradualScheduleOptions
    {
        LayerSparsities = new Dictionary<string, double>(gradual.LayerSparsities, StringComparer.Ordinal),
        IgnoredLayers = [.. ignored],
        Curve = ExperimentNames.Find(ExperimentNames.Curves, gradual.Curve) switch
        {
            "one_shot" => SparsityCurve.OneShot,
            "iterative" => SparsityCurve.Iterative(gradual.Steps),
            "one_cycle" => SparsityCurve.OneCycle(),
            "linear" => SparsityCurve.Linear,
            "cosine" => SparsityCurve.Cosine,
            "dsd" => SparsityCurve.Dsd,
            _ => SparsityCurve.Agp,
        },
        FinalSparsity = gradual.Sparsity!.Value,
        InitialSparsity = gradual.InitialSparsity,
        StartFraction = gradual.EffectiveStart(),
        EndFraction = gradual.End,
        PruneEvery = gradual.PruneEvery,
        Scope = scope,
        ResetAfterEachPrune = gradual.Lth,
        RewindEpoch = gradual.RewindEpoch,
        ResetAtEnd = gradual.ResetEnd,
    });

    private static ILevelPruneSchedule Schedule(PruningSection pruning)
    {
        var scope = Scope(pruning);
        if (pruning.Iterative is { } iterative)
        {
            return new IterativeRates(new IterativeRatesOptions
            {
                Levels = iterative.Levels,
                Rate = iterative.Rate,
                OutputRate = iterative.EffectiveOutputRate(),
                LayerRates = new Dictionary<string, double>(iterative.LayerRates, StringComparer.Ordinal),
                Scope = scope,
                IgnoredLayers = [.. pruning.Ignore],
            });
        }

        var oneShot = pruning.OneShot!;
        return new OneShot(new OneShotOptions
        {
            Sparsity = oneShot.Sparsity!.Value,
            LayerSparsities = new Dictionary<string, double>(oneShot.LayerSparsities, StringComparer.Ordinal),
            Scope = scope,
            IgnoredLayers = [.. pruning.Ignore],
        });
    }
}
