using LotteryTickets.Criteria;
using LotteryTickets.Datasets;
using LotteryTickets.Masks;
using LotteryTickets.Pruning;
using LotteryTickets.Tickets;
using LotteryTickets.Serialization;
using static TorchSharp.torch;

namespace LotteryTickets.Supermasks;

/// <summary>
/// Zhou et al.'s first supermask experiment: how well masked networks do at initialization, with no training. For each
/// criterion × sparsity, a one-shot mask is computed from the (initial, trained) weights with the <see cref="Pruner"/>,
/// applied to the initial weights (optionally after a <see cref="ITicketTransform"/> such as signed constant), and the
/// network is evaluated on the test set.
/// </summary>
public static class AccuracyAtInitialization
{
    /// <summary>Evaluates every criterion × sparsity of <paramref name="options"/>.</summary>
    /// <param name="model">The network to evaluate with (borrowed): its weights are replaced for each evaluation and restored at the end.</param>
    /// <param name="initialWeights">The network's weights at initialization, a full state dict (borrowed).</param>
    /// <param name="trainedWeights">The network's weights after training, a full state dict (borrowed).</param>
    /// <param name="testSet">The data to evaluate on.</param>
    /// <param name="options">The criteria, sparsities, scope, transform and evaluation settings; null for the defaults.</param>
    /// <returns>One row per criterion × sparsity, criteria outer, in the order of the options.</returns>
    /// <exception cref="ArgumentException">The options are invalid (every problem is listed), or the weights do not fit the model.</exception>
    public static AccuracyAtInitializationResult Evaluate(
        nn.Module<Tensor, Tensor> model,
        IReadOnlyDictionary<string, Tensor> initialWeights,
        IReadOnlyDictionary<string, Tensor> trainedWeights,
        ImageDataset testSet,
        AccuracyAtInitializationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(initialWeights);
        ArgumentNullException.ThrowIfNull(trainedWeights);
        ArgumentNullException.ThrowIfNull(testSet);
        options ??= new AccuracyAtInitializationOptions();
        options.Validate();
        var layers = PrunableParameters.Select(model, options.Prunable);
        Dictionary<string, Tensor> original;
        using (NewDisposeScope())
        {
            original = model.state_dict().ToDictionary(e => e.Key, e => e.Value.detach().clone().DetachFromDisposeScope(), StringComparer.Ordinal);
        }

        var rows = new List<AccuracyAtInitializationRow>();
        try
        {
            foreach (var criterion in options.Criteria)
            {
                foreach (var sparsity in options.Sparsities)
                {
                    rows.Add(EvaluateOne(model, layers, initialWeights, trainedWeights, testSet, options, criterion, sparsity));
                }
            }
        }
        finally
        {
            StateDicts.Load(model, original);
            foreach (var t in original.Values)
            {
                t.Dispose();
            }
        }

        return new AccuracyAtInitializationResult(options.Transform?.Name, rows);
    }

    /// <summary>
    /// The one-shot mask of one cell: <paramref name="criterion"/> scores the weights from the initial and trained weights and
    /// the <see cref="Pruner"/> prunes a dense mask to <paramref name="sparsity"/> in <paramref name="scope"/>.
    /// </summary>
    /// <param name="criterion">The mask criterion.</param>
    /// <param name="layers">The prunable layers.</param>
    /// <param name="initialWeights">The weights at initialization (borrowed).</param>
    /// <param name="trainedWeights">The trained weights (borrowed).</param>
    /// <param name="sparsity">The target sparsity, in [0, 1).</param>
    /// <param name="scope">Layerwise or global.</param>
    /// <param name="generator">The tie-breaking (and random criterion) generator, advanced.</param>
    /// <returns>A new mask, owned by the caller.</returns>
    public static Mask OneShotMask(
        IMaskCriterion criterion,
        IReadOnlyList<PrunableLayer> layers,
        IReadOnlyDictionary<string, Tensor> initialWeights,
        IReadOnlyDictionary<string, Tensor> trainedWeights,
        double sparsity,
        PruningScope scope,
        Generator generator)
    {
        ArgumentNullException.ThrowIfNull(criterion);
        ArgumentNullException.ThrowIfNull(layers);
        ArgumentNullException.ThrowIfNull(initialWeights);
        ArgumentNullException.ThrowIfNull(trainedWeights);
        ArgumentNullException.ThrowIfNull(generator);
        var device = layers.Count > 0 && initialWeights.TryGetValue(layers[0].Name, out var first) ? first.device : CPU;
        using var dense = Mask.Dense(layers, device);
        var context = new CriterionContext(dense, generator) { InitialWeights = initialWeights, FinalWeights = trainedWeights };
        return Pruner.Prune(criterion, context, new PruningAmounts(PruneAmount.TargetSparsity(sparsity)), scope);
    }

    private static AccuracyAtInitializationRow EvaluateOne(
        nn.Module<Tensor, Tensor> model,
        IReadOnlyList<PrunableLayer> layers,
        IReadOnlyDictionary<string, Tensor> initialWeights,
        IReadOnlyDictionary<string, Tensor> trainedWeights,
        ImageDataset testSet,
        AccuracyAtInitializationOptions options,
        IMaskCriterion criterion,
        double sparsity)
    {
        using var scope = NewDisposeScope();
        var seed = SupermaskSeeds.Derive(options.Seed, criterion.Name, BitConverter.DoubleToUInt64Bits(sparsity));
        using var generator = new Generator(seed);
        using var mask = OneShotMask(criterion, layers, initialWeights, trainedWeights, sparsity, options.Scope, generator);
        using var ticket = new Ticket(mask, initialWeights);
        Ticket? transformed = null;
        try
        {
            if (options.Transform is { } transform)
            {
                var transformSeed = SupermaskSeeds.Derive(seed, "transform");
                using var transformGenerator = new Generator(transformSeed);
                var context = TicketWeights.Context(
                    layers, initialWeights, trainedWeights, transformGenerator, transformSeed, options.ModelFactory, nameof(AccuracyAtInitializationOptions), transform.Name);
                transformed = transform.Apply(ticket, context);
            }

            var evaluated = transformed ?? ticket;
            StateDicts.Load(model, TicketWeights.Effective(evaluated));
            var result = NetworkEvaluation.Evaluate(model, testSet, options.EvaluationBatchSize, options.Device);
            return new AccuracyAtInitializationRow(criterion.Name, sparsity, evaluated.Mask.Sparsity().PercentRemaining, result.Accuracy, result.Loss);
        }
        finally
        {
            transformed?.Dispose();
        }
    }
}
