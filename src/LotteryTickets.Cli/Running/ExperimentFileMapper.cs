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
    /// <summary>
    /// The builder of the experiment <paramref name="file"/> describes, storing under <paramref name="storeFolder"/>:
    /// the builder's <see cref="LotteryExperiment.Build"/> checks the experiment (see <see cref="ExperimentFileValidator"/>).
    /// </summary>
    /// <param name="file">A file whose own rules <see cref="ExperimentFileValidator"/> checks.</param>
    /// <param name="storeFolder">The store folder (absolute).</param>
    /// <param name="parts">The registry that names criteria, rewind policies and transforms; <see langword="null"/> for the built-ins.</param>
    /// <returns>The builder, not yet built (add progress, then call <see cref="LotteryExperiment.Build"/>).</returns>
    public static LotteryExperiment ToBuilder(ExperimentFile file, string storeFolder, ComponentRegistry? parts = null) =>
        ToBuilder(file, storeFolder, parts, forChecks: false);

    /// <summary>
    /// The builder of the experiment <paramref name="file"/> describes; with <paramref name="forChecks"/>, for checking a
    /// file that may be invalid (<see cref="ExperimentFileValidator"/>): a value the file's checks report is left out, and
    /// a schedule whose options are invalid (<see cref="ScheduleProblems"/> reports them) is replaced by the defaults of
    /// its kind, so that the builder's checks of the rest still run.
    /// </summary>
    internal static LotteryExperiment ToBuilder(ExperimentFile file, string storeFolder, ComponentRegistry? parts, bool forChecks)
    {
        parts ??= ComponentRegistry.BuiltIn;
        var builder = LotteryExperiment.Create(file.Name ?? string.Empty, parts)
            .WithModel(ModelName(file.Model, parts), WidthMultiplier(file.Model))
            .WithTraining(o => ConfigureTraining(file.Training, o))
            .WithOptimizer(ExperimentNames.Canonical(parts.Optimizers, file.Training.Optimizer))
            .WithLoss(ExperimentNames.Canonical(parts.Losses, file.Training.Loss))
            .WithCriterion(ExperimentNames.Canonical(parts.Criteria, file.Pruning.Criterion))
            .WithTrials(file.Trials)
            .WithSeed(file.Seed)
            .StoreIn(storeFolder);
        if (ExperimentFileValidator.IsDevice(file.Device))
        {
            builder.OnDevice(new torch.Device(file.Device.Trim().ToLowerInvariant()));
        }

        if (Duration(file.Training.CheckpointInterval) is { } checkpoint)
        {
            builder.WithCheckpointInterval(checkpoint);
        }

        if (file.Pruning.Gradual is { } gradual)
        {
            // A gradual schedule's rewindEpoch, lth and resetEnd take the place of the rewind policy (the builder
            // reports a rewind other than the default).
            builder.WithSchedule(Made(() => new GradualSchedule(GradualOptions(gradual, Scope(file.Pruning), file.Pruning.Ignore)), () => new GradualSchedule(), forChecks));
        }
        else if (file.Pruning.Schedule is { } named)
        {
            builder.WithSchedule(ExperimentNames.Canonical(parts.Schedules, named));
        }
        else if (file.Pruning.Iterative is not null || file.Pruning.OneShot is not null)
        {
            builder.WithSchedule(Made(() => Schedule(file.Pruning), () => new IterativeRates(new IterativeRatesOptions { Levels = Math.Clamp(file.Pruning.Iterative?.Levels ?? 1, 1, LotteryExperiment.MaxLevels) }), forChecks));
        }

        builder.WithRewind(ExperimentNames.Canonical(parts.RewindPolicies, file.Rewind));
        if (file.Dataset.Name is not null)
        {
            AddData(builder, file.Dataset);
        }

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
        ExperimentNames.Find(ExperimentNames.Models, model.Name) is { } zoo ? zoo
        : ExperimentNames.Find(parts.Models.Names, model.Name) is { } registered ? new ComponentSpec(registered, model.Options).ToString()
        : model.Name ?? string.Empty;

    private static double WidthMultiplier(ModelSection model)
    {
        if (ExperimentNames.Find(ExperimentNames.Models, model.Name) is null)
        {
            return 1.0;
        }

        foreach (var (key, value) in model.Options)
        {
            if (ExperimentNames.Find(ExperimentNames.ModelOptions, key) is not null && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var width))
            {
                return width;
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
        o.Duration = Duration(training.Duration) ?? o.Duration;
        o.BatchSize = training.BatchSize;
        o.LearningRate = training.LearningRate;
        o.Momentum = training.Momentum;
        o.WeightDecay = training.WeightDecay;
        o.ChannelsLast = training.ChannelsLast;
        o.Gamma = training.Gamma;
        var milestones = training.Milestones.Select(Duration).OfType<TrainingDuration>().ToList();
        switch (training.Schedule.Trim().ToLowerInvariant())
        {
            case "step":
                o.Schedule = LearningRateScheduleKind.Step;
                o.StepSize = milestones.Count > 0 ? milestones[0] : null;
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
            o.Warmup = Duration(training.Warmup);
        }

        if (training.EvaluationInterval is not null)
        {
            o.EvaluationInterval = Duration(training.EvaluationInterval);
        }

        if (training.Seed is { } seed)
        {
            o.DataOrderSeed = seed;
        }
    }

    /// <summary>The duration <paramref name="text"/> writes; <see langword="null"/> for none or one the file's checks report.</summary>
    private static TrainingDuration? Duration(string? text) => TrainingDuration.TryParse(text, out var duration) ? duration : null;

    /// <summary>The schedule <paramref name="make"/> makes; for checks, the defaults of its kind when its options are invalid (the file's checks report them).</summary>
    private static T Made<T>(Func<T> make, Func<T> defaults, bool forChecks)
    {
        try
        {
            return make();
        }
        catch (Exception e) when (forChecks && e is ArgumentException or InvalidOperationException)
        {
            return defaults();
        }
    }

    private static PruningScope Scope(PruningSection pruning) =>
        pruning.Scope.Trim().Equals("global", StringComparison.OrdinalIgnoreCase) ? PruningScope.Global : PruningScope.Layerwise;

    /// <summary>
    /// The problems of the schedule options the file's pruning section describes, as the options report them, each
    /// with the option <c>schedule.&lt;property&gt;</c> (e.g. <c>schedule.StartFraction</c>).
    /// </summary>
    internal static IEnumerable<ExperimentError> ScheduleProblems(ExperimentFile file)
    {
        var pruning = file.Pruning;
        var errors = pruning.Gradual is { } gradual ? GradualOptions(gradual, Scope(pruning), pruning.Ignore).GetValidationErrors()
            : pruning.Iterative is { } iterative ? IterativeOptions(iterative, pruning).GetValidationErrors()
            : pruning.OneShot is { } oneShot ? OneShotOptions(oneShot, pruning).GetValidationErrors()
            : [];
        return errors.Select(e => new ExperimentError(ExperimentError.OptionOf("schedule", e), e));
    }

    private static GradualScheduleOptions GradualOptions(GradualScheduleSection gradual, PruningScope scope, List<string> ignored) => new()
    {
        LayerSparsities = new Dictionary<string, double>(gradual.LayerSparsities, StringComparer.Ordinal),
        IgnoredLayers = [.. ignored],
        Curve = ExperimentNames.Find(ExperimentNames.Curves, gradual.Curve) switch
        {
            "one_shot" => SparsityCurve.OneShot,
            "iterative" => SparsityCurve.Iterative(Math.Max(gradual.Steps, 1)),
            "one_cycle" => SparsityCurve.OneCycle(),
            "linear" => SparsityCurve.Linear,
            "cosine" => SparsityCurve.Cosine,
            "dsd" => SparsityCurve.Dsd,
            _ => SparsityCurve.Agp,
        },
        FinalSparsity = gradual.Sparsity ?? GradualScheduleOptions.DefaultFinalSparsity,
        InitialSparsity = gradual.InitialSparsity,
        StartFraction = gradual.EffectiveStart(),
        EndFraction = gradual.End,
        PruneEvery = gradual.PruneEvery,
        Scope = scope,
        ResetAfterEachPrune = gradual.Lth,
        RewindEpoch = gradual.RewindEpoch,
        ResetAtEnd = gradual.ResetEnd,
    };

    private static IterativeRatesOptions IterativeOptions(IterativeSchedule iterative, PruningSection pruning) => new()
    {
        Levels = iterative.Levels,
        Rate = iterative.Rate,
        OutputRate = iterative.EffectiveOutputRate(),
        LayerRates = new Dictionary<string, double>(iterative.LayerRates, StringComparer.Ordinal),
        Scope = Scope(pruning),
        IgnoredLayers = [.. pruning.Ignore],
    };

    private static OneShotOptions OneShotOptions(OneShotSchedule oneShot, PruningSection pruning) => new()
    {
        Sparsity = oneShot.Sparsity ?? 0,
        LayerSparsities = new Dictionary<string, double>(oneShot.LayerSparsities, StringComparer.Ordinal),
        Scope = Scope(pruning),
        IgnoredLayers = [.. pruning.Ignore],
    };

    private static ILevelPruneSchedule Schedule(PruningSection pruning) =>
        pruning.Iterative is { } iterative ? new IterativeRates(IterativeOptions(iterative, pruning)) : new OneShot(OneShotOptions(pruning.OneShot!, pruning));
}
