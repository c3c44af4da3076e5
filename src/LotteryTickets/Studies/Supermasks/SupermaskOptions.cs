using LotteryTickets.Pruning;
using LotteryTickets.Tickets;
using static TorchSharp.torch;
using LotteryTickets.Training;
using LotteryTickets.Masks;

namespace LotteryTickets.Supermasks;

/// <summary>
/// Options of a learned supermask (Zhou et al.): the network's weights stay frozen, a score s per prunable weight is
/// trained, and each forward pass uses the mask m ~ Bernoulli(σ(s)) with a straight-through gradient. Defaults follow
/// Zhou et al.'s <c>train_supermask.py</c> where this library's engine allows (SGD with momentum 0.9, scores starting at 0,
/// no dynamic scaling, 10 evaluation samples), with a learning rate and batch size suited to PyTorch-initialized networks.
/// </summary>
public sealed class SupermaskOptions
{
    /// <summary>The default <see cref="BatchSize"/>.</summary>
    public const int DefaultBatchSize = 100;

    /// <summary>The default <see cref="LearningRate"/>.</summary>
    public const double DefaultLearningRate = 100;

    /// <summary>The default <see cref="Momentum"/> (Zhou et al.'s).</summary>
    public const double DefaultMomentum = 0.9;

    /// <summary>The default <see cref="EvaluationSamples"/> (Zhou et al. average 10 sampled masks).</summary>
    public const int DefaultEvaluationSamples = 10;

    /// <summary>The default <see cref="EvaluationBatchSize"/>.</summary>
    public const int DefaultEvaluationBatchSize = 1000;

    /// <summary>How long the scores are trained.</summary>
    /// <value>The default value is 1 epoch.</value>
    public TrainingDuration Duration { get; set; } = TrainingDuration.Epochs(1);

    /// <summary>The training batch size.</summary>
    /// <value>The default value is <see cref="DefaultBatchSize"/>.</value>
    public int BatchSize { get; set; } = DefaultBatchSize;

    /// <summary>The optimizer of the scores.</summary>
    /// <value>The default value is <see cref="OptimizerKind.Sgd"/> (with <see cref="Momentum"/>).</value>
    public OptimizerKind Optimizer { get; set; } = OptimizerKind.Sgd;

    /// <summary>The learning rate of the scores. Score gradients are small (they carry a factor W·σ'(s)), hence Zhou et al.'s large SGD rates.</summary>
    /// <value>The default value is <see cref="DefaultLearningRate"/>.</value>
    public double LearningRate { get; set; } = DefaultLearningRate;

    /// <summary>The SGD momentum (ignored by Adam and AdamW).</summary>
    /// <value>The default value is <see cref="DefaultMomentum"/>.</value>
    public double Momentum { get; set; } = DefaultMomentum;

    /// <summary>The value every score starts at (Zhou et al.'s <c>sigmoid_bias</c>): σ(0) = 0.5 keeps each weight with probability one half.</summary>
    /// <value>The default value is 0.</value>
    public double InitialScore { get; set; }

    /// <summary>
    /// Zhou et al.'s dynamic weight rescaling: each layer's masked weights are multiplied by n / Σm (the layer's weight count over
    /// the number of ones in its mask), in training and in evaluation; the gradient flows through the factor as well. Σm is
    /// clamped at 1 so that an empty mask gives zeros, not NaN.
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool DynamicScaling { get; set; }

    /// <summary>
    /// A transform that produces the frozen weights from the initial ones, applied once to a dense ticket, e.g. the registry's
    /// <c>signed_constant</c> (sign(w)·σ_layer); the frozen weights are the transformed ticket's weights with its mask applied.
    /// </summary>
    /// <value>The default value is <see langword="null"/> (the model's own initial weights).</value>
    public ITicketTransform? WeightTransform { get; set; }

    /// <summary>Builds a freshly initialized model from a generator, for weight transforms that draw new weights (<c>random_reinit</c>).</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public Func<Generator, nn.Module<Tensor, Tensor>>? ModelFactory { get; set; }

    /// <summary>Which weights get a mask (the others, and every bias, stay frozen unmasked).</summary>
    /// <value>The default value is <see langword="null"/> (every Linear and Conv weight).</value>
    public PrunableParameterOptions? Prunable { get; set; }

    /// <summary>The number of sampled masks whose accuracies are averaged in the final evaluation.</summary>
    /// <value>The default value is <see cref="DefaultEvaluationSamples"/>.</value>
    public int EvaluationSamples { get; set; } = DefaultEvaluationSamples;

    /// <summary>The batch size of evaluations.</summary>
    /// <value>The default value is <see cref="DefaultEvaluationBatchSize"/>.</value>
    public int EvaluationBatchSize { get; set; } = DefaultEvaluationBatchSize;

    /// <summary>The seed of everything random: data order, mask samples, evaluation samples, the weight transform (and, in <see cref="SupermaskTraining.Run"/>, the model's initialization).</summary>
    /// <value>The default value is 0.</value>
    public ulong Seed { get; set; }

    /// <summary>Where training runs (the model must already be there).</summary>
    /// <value>The default value is the CPU.</value>
    public Device Device { get; set; } = CPU;

    internal SupermaskOptions WithModelFactory(Func<Generator, nn.Module<Tensor, Tensor>> factory) => new()
    {
        Duration = Duration,
        BatchSize = BatchSize,
        Optimizer = Optimizer,
        LearningRate = LearningRate,
        Momentum = Momentum,
        InitialScore = InitialScore,
        DynamicScaling = DynamicScaling,
        WeightTransform = WeightTransform,
        ModelFactory = factory,
        Prunable = Prunable,
        EvaluationSamples = EvaluationSamples,
        EvaluationBatchSize = EvaluationBatchSize,
        Seed = Seed,
        Device = Device,
    };

    internal void Validate()
    {
        var v = new ScheduleValidator(nameof(SupermaskOptions));
        if (Duration.Count < 1)
        {
            v.Add($"'{nameof(Duration)}' is {Duration}; train for at least one iteration, e.g. TrainingDuration.Epochs(1).");
        }

        v.AtLeast(BatchSize, 1, nameof(BatchSize));
        if (!Enum.IsDefined(Optimizer))
        {
            v.Add($"'{nameof(Optimizer)}' is {Optimizer}; it must be Sgd, Adam or AdamW.");
        }

        if (!(LearningRate > 0) || double.IsInfinity(LearningRate))
        {
            v.Add($"'{nameof(LearningRate)}' is {ScheduleValidator.Format(LearningRate)}; it must be a positive finite number.");
        }

        if (!(Momentum >= 0 && Momentum < 1))
        {
            v.Add($"'{nameof(Momentum)}' is {ScheduleValidator.Format(Momentum)}; it must be at least 0 and less than 1.");
        }

        if (!double.IsFinite(InitialScore))
        {
            v.Add($"'{nameof(InitialScore)}' is {ScheduleValidator.Format(InitialScore)}; it must be a finite number (0 keeps each weight with probability 0.5).");
        }

        v.AtLeast(EvaluationSamples, 1, nameof(EvaluationSamples));
        v.AtLeast(EvaluationBatchSize, 1, nameof(EvaluationBatchSize));
        v.ThrowIfInvalid();
    }
}
