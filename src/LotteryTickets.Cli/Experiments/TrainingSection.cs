using LotteryTickets.Training;

namespace LotteryTickets.Cli.Experiments;

/// <summary>The <c>training</c> section: how every run trains. Durations are written like <c>2ep</c> or <c>500it</c>.</summary>
public sealed class TrainingSection
{
    /// <summary>How long each run trains, e.g. <c>2ep</c> or <c>5000it</c>. Required.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? Duration { get; set; }

    /// <summary>The mini-batch size.</summary>
    /// <value>The default value is <see cref="TrainingOptions.DefaultBatchSize"/>.</value>
    public int BatchSize { get; set; } = TrainingOptions.DefaultBatchSize;

    /// <summary>The optimizer: <c>sgd</c>, <c>adam</c>, <c>adamw</c>, <c>rmsprop</c> or <c>adagrad</c>, with options (<c>rmsprop(alpha=0.9, centered=true)</c>), or a registered one.</summary>
    /// <value>The default value is <c>sgd</c>.</value>
    public string Optimizer { get; set; } = "sgd";

    /// <summary>The loss: <c>cross_entropy</c> or <c>mse</c> (mean squared error against one-hot targets), or a registered one.</summary>
    /// <value>The default value is <c>cross_entropy</c>.</value>
    public string Loss { get; set; } = "cross_entropy";

    /// <summary>The learning rate.</summary>
    /// <value>The default value is <see cref="TrainingOptions.DefaultLearningRate"/>.</value>
    public double LearningRate { get; set; } = TrainingOptions.DefaultLearningRate;

    /// <summary>The momentum of SGD and RMSprop, in [0, 1).</summary>
    /// <value>The default value is 0.</value>
    public double Momentum { get; set; }

    /// <summary>Whether convolutions run in channels-last layout (<see cref="TrainingOptions.ChannelsLast"/>).</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool ChannelsLast { get; set; }

    /// <summary>The weight decay, at least 0.</summary>
    /// <value>The default value is 0.</value>
    public double WeightDecay { get; set; }

    /// <summary>The learning-rate schedule: <c>constant</c>, <c>step</c>, <c>multistep</c> or <c>cosine</c>.</summary>
    /// <value>The default value is <c>constant</c>.</value>
    public string Schedule { get; set; } = "constant";

    /// <summary>For <c>multistep</c>: the durations at which the rate is multiplied by <see cref="Gamma"/>; for <c>step</c>, one duration (the step size).</summary>
    /// <value>The default value is empty.</value>
    public List<string> Milestones { get; set; } = [];

    /// <summary>The factor of <c>step</c> and <c>multistep</c> schedules.</summary>
    /// <value>The default value is <see cref="TrainingOptions.DefaultGamma"/>.</value>
    public double Gamma { get; set; } = TrainingOptions.DefaultGamma;

    /// <summary>An optional linear warm-up, e.g. <c>1ep</c>.</summary>
    /// <value>The default value is <see langword="null"/> (no warm-up).</value>
    public string? Warmup { get; set; }

    /// <summary>How often to evaluate on the validation and test sets, e.g. <c>100it</c>; <see langword="null"/> for once per epoch.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? EvaluationInterval { get; set; }

    /// <summary>How often an unfinished run saves its checkpoint, e.g. <c>200it</c> or <c>1ep</c>; <see langword="null"/> for every 500 iterations. It does not change the results or the experiment's hash.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? CheckpointInterval { get; set; }

    /// <summary>The augmentation of training samples (random crop with padding, horizontal flip), or <see langword="null"/> for none.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public AugmentationSection? Augmentation { get; set; }

    /// <summary>The seed of the data order; <see langword="null"/> to derive it from the experiment's seed.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public ulong? Seed { get; set; }
}
