using LotteryTickets.Datasets;
using LotteryTickets.Datasets.Loading;
using LotteryTickets.Models;
using LotteryTickets.Training;
using TorchSharp;
using TorchSharp.Modules;
using DataLoader = LotteryTickets.Datasets.Loading.DataLoader;
using static TorchSharp.torch;

namespace LotteryTickets.Supermasks;

/// <summary>
/// Trains learned supermasks (Zhou et al.): frozen weights, trainable scores, sampled Bernoulli masks with a straight-through
/// gradient; then evaluates with sampled and rounded masks. Everything random derives from <see cref="SupermaskOptions.Seed"/>,
/// so the same seed gives the same scores on CPU.
/// </summary>
public static class SupermaskTraining
{
    /// <summary>Trains a supermask over <paramref name="model"/>'s current (frozen) weights and evaluates it on <paramref name="test"/>.</summary>
    /// <param name="model">The network (borrowed): its state is restored before this returns.</param>
    /// <param name="train">The training data.</param>
    /// <param name="test">The evaluation data.</param>
    /// <param name="options">The options; null for the defaults.</param>
    /// <param name="onIteration">Called after each iteration with the iteration number (from 1) and the batch loss; null for none.</param>
    /// <returns>The evaluations, the rounded mask and the scores; the caller owns (and disposes) the result.</returns>
    /// <exception cref="ArgumentException">The options are invalid (every problem is listed).</exception>
    public static SupermaskResult Train(
        nn.Module<Tensor, Tensor> model, ImageDataset train, ImageDataset test, SupermaskOptions? options = null, Action<long, double>? onIteration = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        options ??= new SupermaskOptions();
        options.Validate();
        using var supermask = new Supermask(model, options);
        using var optimizer = CreateOptimizer([.. supermask.Scores.Values], options);
        var loader = new DataLoader(train, new DataLoaderOptions
        {
            BatchSize = options.BatchSize,
            Shuffle = true,
            Seed = SupermaskSeeds.Derive(options.Seed, "data"),
            Device = options.Device,
        });
        var iterations = options.Duration.ToIterations(loader.BatchesPerEpoch);
        var losses = new List<double>((int)Math.Min(iterations, int.MaxValue));
        using var sampler = new Generator(SupermaskSeeds.Derive(options.Seed, "masks"));
        model.train();
        for (long it = 1; it <= iterations; it++)
        {
            using var scope = NewDisposeScope();
            using var batch = loader.Next();
            var loss = supermask.ComputeGradients(batch.Images, batch.Labels, supermask.SampleMasks(sampler));
            optimizer.step();
            losses.Add(loss);
            onIteration?.Invoke(it, loss);
        }

        var sampled = supermask.EvaluateSampled(
            test, options.EvaluationSamples, SupermaskSeeds.Derive(options.Seed, "evaluation"), options.EvaluationBatchSize, options.Device);
        var rounded = supermask.EvaluateRounded(test, options.EvaluationBatchSize, options.Device);
        SupermaskEvaluation dense;
        using (NewDisposeScope())
        {
            var ones = supermask.Scores.ToDictionary(e => e.Key, e => ones_like(e.Value.detach()), StringComparer.Ordinal);
            dense = supermask.Evaluate(test, ones, options.EvaluationBatchSize, options.Device);
        }

        Dictionary<string, Tensor> trained;
        using (NewDisposeScope())
        {
            trained = supermask.Scores.ToDictionary(e => e.Key, e => e.Value.detach().clone().DetachFromDisposeScope(), StringComparer.Ordinal);
        }

        return new SupermaskResult(sampled, rounded, dense, supermask.ExpectedPercentRemaining, supermask.ToMask(), trained, iterations, losses);
    }

    /// <summary>
    /// The sample-ready entry point: builds the zoo model <paramref name="modelName"/> (e.g. <c>lenet300_100</c>) with an
    /// initialization seeded from <see cref="SupermaskOptions.Seed"/>, trains a supermask over its frozen random weights on
    /// <paramref name="data"/>'s training split and evaluates it on the test split.
    /// </summary>
    /// <param name="modelName">A name from <see cref="ModelZoo.Names"/>.</param>
    /// <param name="data">The data (the validation split is not used).</param>
    /// <param name="options">The options; null for the defaults. When <see cref="SupermaskOptions.ModelFactory"/> is not set, the zoo's factory serves weight transforms that need fresh weights.</param>
    /// <param name="widthMultiplier">Scales the model's hidden widths; 1 for the paper's network.</param>
    /// <param name="onIteration">Called after each iteration with the iteration number and the batch loss; null for none.</param>
    /// <returns>The result; the caller owns (and disposes) it.</returns>
    /// <exception cref="ArgumentException">The model name or the options are invalid.</exception>
    public static SupermaskResult Run(
        string modelName, DatasetSplits data, SupermaskOptions? options = null, double widthMultiplier = 1.0, Action<long, double>? onIteration = null)
    {
        ArgumentNullException.ThrowIfNull(modelName);
        ArgumentNullException.ThrowIfNull(data);
        options ??= new SupermaskOptions();
        var factory = ModelZoo.Factory(modelName, data.Train.SampleShape, data.Train.ClassCount, widthMultiplier);
        var effective = options.ModelFactory is null ? options.WithModelFactory(factory) : options;
        using var generator = new Generator(SupermaskSeeds.Derive(options.Seed, "init"));
        using var model = factory(generator);
        if (options.Device.type != DeviceType.CPU)
        {
            model.to(options.Device);
        }

        return Train(model, data.Train, data.Test, effective, onIteration);
    }

    /// <summary>PyTorch's default weight decay of AdamW, 0.01.</summary>
    private const double AdamWWeightDecay = 1e-2;

    private static optim.Optimizer CreateOptimizer(IReadOnlyList<Parameter> scores, SupermaskOptions options) => options.Optimizer switch
    {
        OptimizerKind.Adam => optim.Adam(scores, options.LearningRate),
        OptimizerKind.AdamW => optim.AdamW(scores, options.LearningRate, weight_decay: AdamWWeightDecay),
        _ => optim.SGD(scores, options.LearningRate, momentum: options.Momentum),
    };
}
