using LotteryTickets.Datasets;
using LotteryTickets.Masks;
using LotteryTickets.Training;
using static TorchSharp.torch;

namespace LotteryTickets.Storage;

/// <summary>
/// What one run trains, for the <see cref="RunExecutor"/>: a network from a factory and a seed, the state it starts
/// from (a rewind point's training position, start weights, a mask), its data and options, and the callbacks of its kind.
/// Every tensor and the mask are borrowed.
/// </summary>
internal sealed record RunJob
{
    /// <summary>The run's name in logs and errors, e.g. <c>0/1/main</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Makes the network.</summary>
    public required Func<Generator, nn.Module<Tensor, Tensor>> ModelFactory { get; init; }

    /// <summary>The seed of the generator given to <see cref="ModelFactory"/>.</summary>
    public required ulong ModelSeed { get; init; }

    /// <summary>The training options.</summary>
    public required TrainingOptions Options { get; init; }

    /// <summary>The training set.</summary>
    public required ImageDataset TrainingSet { get; init; }

    /// <summary>The validation set.</summary>
    public required ImageDataset ValidationSet { get; init; }

    /// <summary>The test set.</summary>
    public required ImageDataset TestSet { get; init; }

    /// <summary>The training position restored with <see cref="CheckpointRestoreMode.Rewind"/> before anything else, or <see langword="null"/> for iteration 0.</summary>
    public TrainingCheckpoint? RewindPoint { get; init; }

    /// <summary>The weights loaded after the rewind point, or <see langword="null"/> to keep the factory's.</summary>
    public IReadOnlyDictionary<string, Tensor>? StartWeights { get; init; }

    /// <summary>The mask applied to the start and after every optimizer step, or <see langword="null"/> for none.</summary>
    public Mask? Mask { get; init; }

    /// <summary>The values pruned positions hold instead of zero (frozen), or <see langword="null"/>.</summary>
    public IReadOnlyDictionary<string, Tensor>? PrunedValues { get; init; }

    /// <summary>The run's own callbacks (gradual pruning, a rewind-point capture, progress), after the masking.</summary>
    public IReadOnlyList<ITrainingCallback> Callbacks { get; init; } = [];

    /// <summary>Whether the run only evaluates its start (at iteration 0) instead of training.</summary>
    public bool EvaluateOnly { get; init; }
}
