using LotteryTickets.Datasets;
using LotteryTickets.Datasets.Loading;
using LotteryTickets.Training.Schedules;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LotteryTickets.Training;

/// <summary>
/// How a <see cref="Trainer"/> trains: how long, on what batches, with which optimizer and
/// learning-rate schedule, how often it evaluates, and on which device. A <see cref="Trainer"/>
/// copies the options when it is created and checks them all at once, reporting every problem in one
/// <see cref="ArgumentException"/>.
/// </summary>
public sealed class TrainingOptions
{
    /// <summary>The default batch size (Frankle &amp; Carbin's LeNet batch size).</summary>
    public const int DefaultBatchSize = DataLoaderOptions.DefaultBatchSize;

    /// <summary>The default learning rate.</summary>
    public const double DefaultLearningRate = 0.1;

    /// <summary>The default learning-rate decay factor of step and multi-step schedules.</summary>
    public const double DefaultGamma = 0.1;

    /// <summary>The default number of samples per evaluation batch.</summary>
    public const int DefaultEvaluationBatchSize = 1000;

    /// <summary>The default factor of the learning rate at the first warm-up step (PyTorch's <c>LinearLR</c> default).</summary>
    public const double DefaultWarmupStartFactor = 1.0 / 3;

    /// <summary>The default first Adam moment decay.</summary>
    public const double DefaultBeta1 = 0.9;

    /// <summary>The default second Adam moment decay.</summary>
    public const double DefaultBeta2 = 0.999;

    /// <summary>The default epsilon of Adam, AdamW, RMSprop and Adagrad.</summary>
    public const double DefaultEpsilon = 1e-8;

    /// <summary>The default smoothing constant of RMSprop (PyTorch's).</summary>
    public const double DefaultAlpha = 0.99;

    /// <summary>How long to train, in iterations or epochs (<c>"5000it"</c>, <c>"50ep"</c>).</summary>
    /// <value>The default value is one epoch (<c>1ep</c>).</value>
    public TrainingDuration Duration { get; set; } = TrainingDuration.Epochs(1);

    /// <summary>The number of training samples per iteration.</summary>
    /// <value>The default value is 60. Must be at least 1.</value>
    public int BatchSize { get; set; } = DefaultBatchSize;

    /// <summary>Whether each epoch visits the training samples in a new seeded random order.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool Shuffle { get; set; } = true;

    /// <summary>Whether to drop a last batch smaller than <see cref="BatchSize"/>.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool DropLast { get; set; }

    /// <summary>The augmentation of training samples (random crop with padding, horizontal flip), or <see langword="null"/> for none.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public RandomCropFlip? Augmentation { get; set; }

    /// <summary>The seed of the training data order and augmentation (the same seed gives the same batches).</summary>
    /// <value>The default value is 0.</value>
    public ulong DataOrderSeed { get; set; }

    /// <summary>The device to train on: the model is moved there and batches are made there.</summary>
    /// <value>The default value is the CPU (<see cref="torch.CPU"/>).</value>
    public Device Device { get; set; } = torch.CPU;

    /// <summary>
    /// Whether the data sets are converted once into tensors on <see cref="Device"/> and every batch is cut from them
    /// on the device (<see cref="DataLoaderOptions.Preload"/>), instead of being assembled on the host per batch. The
    /// batches are the same either way; it costs the data sets' size in device memory while the trainer lives (it
    /// releases, when disposed, what it preloaded; data preloaded before it with <see cref="ImageDataset.Preload"/>
    /// stays for the next trainer). Without effect on training data under <see cref="Augmentation"/>, which is made
    /// per sample on the host. Not part of an experiment's hash.
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool PreloadData { get; set; } = true;

    /// <summary>
    /// Whether the model's 2-D convolutions run in channels-last (NHWC) layout while it trains and is evaluated
    /// (<see cref="Training.ChannelsLast"/>; the model is laid out contiguously again when the trainer is disposed).
    /// Faster convolutions on many CPUs (see <c>benchmarks/README.md</c>); float rounding differs from NCHW, so it is
    /// part of an experiment's hash when set.
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool ChannelsLast { get; set; }

    /// <summary>The optimizer.</summary>
    /// <value>The default value is <see cref="OptimizerKind.Sgd"/>.</value>
    public OptimizerKind Optimizer { get; set; } = OptimizerKind.Sgd;

    /// <summary>The base learning rate (schedules start from it).</summary>
    /// <value>The default value is 0.1. Must be greater than 0.</value>
    public double LearningRate { get; set; } = DefaultLearningRate;

    /// <summary>The momentum factor of SGD and RMSprop; 0 turns momentum off.</summary>
    /// <value>The default value is 0. Must be at least 0.</value>
    public double Momentum { get; set; }

    /// <summary>Whether SGD uses Nesterov momentum (needs <see cref="Momentum"/> &gt; 0).</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool Nesterov { get; set; }

    /// <summary>
    /// The weight decay: an L2 penalty for SGD, Adam, RMSprop and Adagrad, decoupled for AdamW (PyTorch's AdamW
    /// default is 0.01; set it explicitly here).
    /// </summary>
    /// <value>The default value is 0. Must be at least 0.</value>
    public double WeightDecay { get; set; }

    /// <summary>Adam's and AdamW's decay of the running average of gradients.</summary>
    /// <value>The default value is 0.9. Must be in [0, 1).</value>
    public double Beta1 { get; set; } = DefaultBeta1;

    /// <summary>Adam's and AdamW's decay of the running average of squared gradients.</summary>
    /// <value>The default value is 0.999. Must be in [0, 1).</value>
    public double Beta2 { get; set; } = DefaultBeta2;

    /// <summary>
    /// The term added to the denominator of Adam, AdamW, RMSprop and Adagrad (PyTorch's Adagrad default is 1e-10; set it
    /// explicitly here).
    /// </summary>
    /// <value>The default value is 1e-8. Must be at least 0.</value>
    public double Epsilon { get; set; } = DefaultEpsilon;

    /// <summary>RMSprop's smoothing constant, the decay of its running average of squared gradients (<c>alpha</c>).</summary>
    /// <value>The default value is 0.99. Must be in [0, 1). Applies to RMSprop only.</value>
    public double Alpha { get; set; } = DefaultAlpha;

    /// <summary>Whether RMSprop is centered: it divides by an estimate of the gradient's variance instead of its second moment (<c>centered</c>).</summary>
    /// <value>The default value is <see langword="false"/>. Applies to RMSprop only.</value>
    public bool Centered { get; set; }

    /// <summary>Adagrad's learning-rate decay: step t uses the rate lr / (1 + (t − 1) · decay) (<c>lr_decay</c>).</summary>
    /// <value>The default value is 0. Must be at least 0. Applies to Adagrad only.</value>
    public double LearningRateDecay { get; set; }

    /// <summary>The value Adagrad's sum of squared gradients starts from (<c>initial_accumulator_value</c>).</summary>
    /// <value>The default value is 0. Must be at least 0. Applies to Adagrad only.</value>
    public double InitialAccumulatorValue { get; set; }

    /// <summary>The loss minimized in training and reported by evaluations (<see cref="LossKind"/>).</summary>
    /// <value>The default value is <see cref="LossKind.CrossEntropy"/>.</value>
    public LossKind Loss { get; set; } = LossKind.CrossEntropy;

    /// <summary>The shape of the learning rate over training.</summary>
    /// <value>The default value is <see cref="LearningRateScheduleKind.Constant"/>.</value>
    public LearningRateScheduleKind Schedule { get; set; } = LearningRateScheduleKind.Constant;

    /// <summary>The interval between decays of a <see cref="LearningRateScheduleKind.Step"/> schedule.</summary>
    /// <value>The default value is <see langword="null"/>; required (greater than 0) for a step schedule.</value>
    public TrainingDuration? StepSize { get; set; }

    /// <summary>The points at which a <see cref="LearningRateScheduleKind.MultiStep"/> schedule decays (open_lth's <c>milestone_steps</c>).</summary>
    /// <value>The default value is an empty list; a multi-step schedule needs at least one.</value>
    public IList<TrainingDuration> Milestones { get; set; } = [];

    /// <summary>The decay factor of step and multi-step schedules.</summary>
    /// <value>The default value is 0.1. Must be at least 0.</value>
    public double Gamma { get; set; } = DefaultGamma;

    /// <summary>The rate a <see cref="LearningRateScheduleKind.Cosine"/> schedule ends at.</summary>
    /// <value>The default value is 0. Must be at least 0.</value>
    public double MinimumLearningRate { get; set; }

    /// <summary>The length of a linear learning-rate warm-up at the start of training, or <see langword="null"/> for none.</summary>
    /// <value>The default value is <see langword="null"/>. Must be greater than 0 when set.</value>
    public TrainingDuration? Warmup { get; set; }

    /// <summary>The fraction of the scheduled rate used at the first warm-up step; it grows linearly to 1 over <see cref="Warmup"/>.</summary>
    /// <value>The default value is 1/3. Must be greater than 0 and at most 1.</value>
    public double WarmupStartFactor { get; set; } = DefaultWarmupStartFactor;

    /// <summary>
    /// How often to evaluate on the validation and test sets, or <see langword="null"/> to evaluate
    /// only at the start (see <see cref="EvaluateAtStart"/>) and at the end. The end of training is
    /// always evaluated.
    /// </summary>
    /// <value>The default value is <see langword="null"/>. Must be greater than 0 when set.</value>
    public TrainingDuration? EvaluationInterval { get; set; }

    /// <summary>Whether to evaluate before the first step of a run whose history is empty (iteration 0 of a fresh run).</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool EvaluateAtStart { get; set; } = true;

    /// <summary>The number of samples per evaluation batch.</summary>
    /// <value>The default value is 1000. Must be at least 1.</value>
    public int EvaluationBatchSize { get; set; } = DefaultEvaluationBatchSize;

    /// <summary>Every problem with these options, as sentences; empty when they are valid.</summary>
    public IReadOnlyList<string> GetValidationErrors() => TrainingOptionsValidation.GetErrors(this);

    /// <summary>Checks every option at once.</summary>
    /// <exception cref="ArgumentException">The options are invalid; the message lists every problem.</exception>
    public void Validate()
    {
        var errors = GetValidationErrors();
        if (errors.Count > 0)
        {
            throw new ArgumentException(
                $"The '{nameof(TrainingOptions)}' are invalid. Correct the following and try again:{Environment.NewLine}- " +
                string.Join(Environment.NewLine + "- ", errors),
                "options");
        }
    }

    /// <summary>The loader options of the training batches that these options describe.</summary>
    public DataLoaderOptions ToDataLoaderOptions() => new()
    {
        BatchSize = BatchSize,
        Shuffle = Shuffle,
        DropLast = DropLast,
        Seed = DataOrderSeed,
        Device = Device,
        Augmentation = Augmentation,
        Preload = PreloadsTrainingData,
    };

    /// <summary>Whether the training data is preloaded: <see cref="PreloadData"/> without <see cref="Augmentation"/>.</summary>
    internal bool PreloadsTrainingData => PreloadData && Augmentation is null;

    /// <summary>A copy that later changes to these options do not affect.</summary>
    internal TrainingOptions Copy()
    {
        var copy = (TrainingOptions)MemberwiseClone();
        copy.Milestones = [.. Milestones ?? []];
        return copy;
    }

    /// <summary>
    /// Creates the TorchSharp optimizer of <paramref name="parameters"/> these options describe, in one parameter group:
    /// <see cref="SGD"/> (momentum, Nesterov, weight decay as an L2 penalty, no dampening), <see cref="Adam"/> (weight
    /// decay as an L2 penalty) or <see cref="AdamW"/> (decoupled weight decay), with <see cref="Beta1"/>,
    /// <see cref="Beta2"/> and <see cref="Epsilon"/> for the Adam family; <see cref="RMSProp"/> (<see cref="Alpha"/>,
    /// <see cref="Epsilon"/>, <see cref="Momentum"/>, <see cref="Centered"/>, weight decay as an L2 penalty) or
    /// <see cref="Adagrad"/> (<see cref="LearningRateDecay"/>, <see cref="InitialAccumulatorValue"/>,
    /// <see cref="Epsilon"/>, weight decay as an L2 penalty). <see cref="OptimizerStateTensors"/> saves and restores the
    /// state of every one of them.
    /// </summary>
    /// <param name="parameters">The parameters to optimize; enumerated once.</param>
    /// <returns>A new optimizer, owned by the caller.</returns>
    /// <exception cref="ArgumentException">The options are invalid (every problem is listed).</exception>
    public optim.Optimizer CreateOptimizer(IEnumerable<Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Validate();
        Parameter[] list = [.. parameters];
        return Optimizer switch
        {
            OptimizerKind.Sgd => torch.optim.SGD(list, LearningRate, momentum: Momentum, dampening: 0, weight_decay: WeightDecay, nesterov: Nesterov),
            OptimizerKind.Adam => torch.optim.Adam(list, LearningRate, beta1: Beta1, beta2: Beta2, eps: Epsilon, weight_decay: WeightDecay),
            OptimizerKind.AdamW => torch.optim.AdamW(list, LearningRate, beta1: Beta1, beta2: Beta2, eps: Epsilon, weight_decay: WeightDecay),
            OptimizerKind.RmsProp => torch.optim.RMSProp(list, LearningRate, alpha: Alpha, eps: Epsilon, weight_decay: WeightDecay, momentum: Momentum, centered: Centered),
            OptimizerKind.Adagrad => torch.optim.Adagrad(list, LearningRate, lr_decay: LearningRateDecay, weight_decay: WeightDecay, initial_accumulator_value: InitialAccumulatorValue, eps: Epsilon),
            _ => throw new InvalidOperationException($"Unknown optimizer {Optimizer}."),
        };
    }

    /// <summary>The learning-rate schedule (in iterations) these options describe for a run of <paramref name="totalIterations"/>.</summary>
    internal ILearningRateSchedule CreateSchedule(double baseRate, int batchesPerEpoch, long totalIterations)
    {
        ILearningRateSchedule schedule = Schedule switch
        {
            LearningRateScheduleKind.Constant => new ConstantSchedule(baseRate),
            LearningRateScheduleKind.Step => new StepSchedule(baseRate, StepSize!.Value.ToIterations(batchesPerEpoch), Gamma),
            LearningRateScheduleKind.MultiStep => new MultiStepSchedule(
                baseRate, Milestones.Select(m => m.ToIterations(batchesPerEpoch)), Gamma),
            LearningRateScheduleKind.Cosine => new CosineAnnealingSchedule(baseRate, Math.Max(totalIterations, 1), MinimumLearningRate),
            _ => throw new InvalidOperationException($"Unknown schedule {Schedule}."),
        };
        return Warmup is { } warmup
            ? new LinearWarmupSchedule(schedule, warmup.ToIterations(batchesPerEpoch), WarmupStartFactor)
            : schedule;
    }
}
