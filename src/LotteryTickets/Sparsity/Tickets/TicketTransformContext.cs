using LotteryTickets.Datasets;
using LotteryTickets.Datasets.Loading;
using TorchSharp;
using LotteryTickets.Masks;
using static TorchSharp.torch;

namespace LotteryTickets.Tickets;

/// <summary>
/// What a <see cref="ITicketTransform"/> may look at: the prunable layers, the network's weights at
/// initialization, the trained weights of the run whose pruning produced the ticket's mask, a seeded generator
/// and seed, and a way to build freshly initialized weights from the experiment's model factory. Weight
/// dictionaries are borrowed: never modify or dispose them.
/// </summary>
/// <remarks>
/// Transforms that look at the network or the data (SNIP, GraSP, SynFlow) also need <see cref="ModelFactory"/>,
/// <see cref="TrainingData"/> and <see cref="Device"/>; the experiment runner sets them, and a context built by hand
/// may leave them out, in which case <see cref="RequireModelFactory"/> and <see cref="RequireTrainingData"/> fail
/// with a message naming the transform.
/// </remarks>
public sealed class TicketTransformContext
{
    private readonly Func<ulong, IReadOnlyDictionary<string, Tensor>> freshWeights;

    /// <summary>Creates a context.</summary>
    /// <param name="layers">The prunable layers, in model order.</param>
    /// <param name="initialWeights">The weights at initialization (a full state dict).</param>
    /// <param name="trainedWeights">The trained weights of the run that produced the mask (a full state dict).</param>
    /// <param name="generator">The transform's source of randomness (borrowed; advanced by the transform).</param>
    /// <param name="seed">The transform's seed, from which <see cref="DeriveSeed"/> derives others.</param>
    /// <param name="freshWeights">Builds the state dict of a freshly initialized model from a seed; the tensors are owned by the current <see cref="DisposeScope"/> if one is open, else by the caller.</param>
    public TicketTransformContext(
        IReadOnlyList<PrunableLayer> layers,
        IReadOnlyDictionary<string, Tensor> initialWeights,
        IReadOnlyDictionary<string, Tensor> trainedWeights,
        Generator generator,
        ulong seed,
        Func<ulong, IReadOnlyDictionary<string, Tensor>> freshWeights)
    {
        ArgumentNullException.ThrowIfNull(layers);
        ArgumentNullException.ThrowIfNull(initialWeights);
        ArgumentNullException.ThrowIfNull(trainedWeights);
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentNullException.ThrowIfNull(freshWeights);
        Layers = layers;
        InitialWeights = initialWeights;
        TrainedWeights = trainedWeights;
        Generator = generator;
        Seed = seed;
        this.freshWeights = freshWeights;
    }

    /// <summary>The prunable layers, in model order.</summary>
    public IReadOnlyList<PrunableLayer> Layers { get; }

    /// <summary>The weights at initialization (level 0's starting weights).</summary>
    public IReadOnlyDictionary<string, Tensor> InitialWeights { get; }

    /// <summary>The trained weights of the run whose pruning produced the ticket's mask.</summary>
    public IReadOnlyDictionary<string, Tensor> TrainedWeights { get; }

    /// <summary>The transform's source of randomness, seeded from the experiment's seed, the trial, the level, the branch and the transform's position.</summary>
    public Generator Generator { get; }

    /// <summary>The transform's seed (the one <see cref="Generator"/> started from).</summary>
    public ulong Seed { get; }

    /// <summary>A seed for an independent stream named <paramref name="purpose"/>, derived from <see cref="Seed"/>.</summary>
    /// <param name="purpose">A name for the stream, e.g. <c>init</c>.</param>
    /// <returns>The seed.</returns>
    public ulong DeriveSeed(string purpose)
    {
        ArgumentNullException.ThrowIfNull(purpose);
        return SplitMix64.Derive(Seed, StableHash.Of(purpose));
    }

    /// <summary>
    /// Builds a new model of the experiment's architecture, initialized from the generator it is given (the experiment's
    /// model factory); a transform loads the ticket's weights into it to look at the network. The model is owned by the caller.
    /// </summary>
    /// <value>The default value is <see langword="null"/> (transforms that need a model fail with a message).</value>
    public Func<Generator, nn.Module<Tensor, Tensor>>? ModelFactory { get; init; }

    /// <summary>The experiment's training data, for data-driven transforms (borrowed; never modified).</summary>
    /// <value>The default value is <see langword="null"/> (transforms that need data fail with a message).</value>
    public ImageDataset? TrainingData { get; init; }

    /// <summary>The device the experiment trains on; data-driven transforms compute there.</summary>
    /// <value>The default value is the CPU.</value>
    public Device Device { get; init; } = torch.CPU;

    /// <summary>
    /// Whether the experiment's network is residual (implements <see cref="Models.IResidualNetwork"/>); Su et al.'s
    /// smart ratio (<c>smart_ratio</c>, <c>hybrid</c> with their default options) scales layer ratios by 1/l² only for
    /// plain networks. <see cref="Experiments.LotteryExperiment"/> runs set it from the model.
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool IsResidualNetwork { get; init; }

    /// <summary>The <see cref="ModelFactory"/>, for the transform named <paramref name="transform"/>.</summary>
    /// <param name="transform">The asking transform's name, for the error message.</param>
    /// <returns>The factory.</returns>
    /// <exception cref="InvalidOperationException">The context has no model factory.</exception>
    public Func<Generator, nn.Module<Tensor, Tensor>> RequireModelFactory(string transform) =>
        ModelFactory ?? throw new InvalidOperationException(
            $"The ticket transform '{transform}' needs the experiment's model factory, but the context has none; set 'ModelFactory' on the TicketTransformContext (the experiment runner sets it).");

    /// <summary>The <see cref="TrainingData"/>, for the transform named <paramref name="transform"/>.</summary>
    /// <param name="transform">The asking transform's name, for the error message.</param>
    /// <returns>The training data.</returns>
    /// <exception cref="InvalidOperationException">The context has no training data.</exception>
    public ImageDataset RequireTrainingData(string transform) =>
        TrainingData ?? throw new InvalidOperationException(
            $"The ticket transform '{transform}' needs the training data, but the context has none; set 'TrainingData' on the TicketTransformContext (the experiment runner sets it).");

    /// <summary>The state dict of a model freshly built by the experiment's model factory from a generator seeded with <paramref name="seed"/>.</summary>
    /// <param name="seed">The initialization seed.</param>
    /// <returns>New tensors, owned by the current <see cref="DisposeScope"/> if one is open, else by the caller.</returns>
    public IReadOnlyDictionary<string, Tensor> CreateFreshWeights(ulong seed) => freshWeights(seed);
}
