using LotteryTickets.Datasets;
using LotteryTickets.Masks;
using LotteryTickets.Pruning;
using LotteryTickets.Tickets;
using LotteryTickets.Torch;
using LotteryTickets.Torch.Nn;

namespace LotteryTickets.Supermasks;

/// <summary>
/// A learned supermask bound to a network (Zhou et al.): the network's weights W are frozen, each prunable weight has a
/// trainable score s, and the network computes with W ⊙ m where m ~ Bernoulli(σ(s)) (times n / Σm per layer with dynamic
/// scaling). Gradients reach the scores through Zhou et al.'s straight-through estimator: the mask is written
/// m + σ(s) − stop_gradient(σ(s)), whose value is the sample m and whose derivative is σ'(s), so without dynamic scaling
/// ∂L/∂s = ∂L/∂W_eff ⊙ W ⊙ σ(s)(1 − σ(s)).
/// </summary>
/// <remarks>
/// <para>The network is borrowed: its parameters hold the masked weights of the latest pass while the supermask lives, and
/// its state dict (and every parameter's <c>RequiresGrad</c>) is restored on <see cref="Dispose"/>. Biases and other
/// parameters stay at their initial (or transformed) values. Any module works: the masked weights are written into the
/// parameters, the network's own backward pass gives ∂L/∂W_eff, and a second, elementwise backward pass carries it to the scores.</para>
/// <para>Ownership: the supermask owns its scores and frozen weights (exposed borrowed); methods returning tensors return new
/// ones, owned by the current <see cref="DisposeScope"/> if one is open, else by the caller.</para>
/// </remarks>
public sealed class Supermask : IDisposable
{
    private readonly PrunableLayer[] layers;
    private readonly Tensor[] parameters;
    private readonly Tensor[] frozen;
    private readonly Tensor[] scores;
    private readonly Dictionary<string, Tensor> original;
    private readonly (Tensor Parameter, bool RequiresGrad)[] gradFlags;
    private readonly bool dynamicScaling;
    private bool disposed;

    /// <summary>Binds a supermask to <paramref name="model"/>'s current weights (transformed by <see cref="SupermaskOptions.WeightTransform"/> when set).</summary>
    /// <param name="model">The network (borrowed; restored on <see cref="Dispose"/>).</param>
    /// <param name="options">The options (the score initialization, dynamic scaling, weight transform, prunable weights and seed are used here); null for the defaults.</param>
    /// <exception cref="ArgumentException">The options are invalid (every problem is listed).</exception>
    public Supermask(Module model, SupermaskOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        options ??= new SupermaskOptions();
        options.Validate();
        Model = model;
        dynamicScaling = options.DynamicScaling;
        layers = [.. PrunableParameters.Select(model, options.Prunable)];
        using (DisposeScope.Begin())
        {
            original = model.StateDict().ToDictionary(e => e.Key, e => e.Value.Clone().DetachFromScope(), StringComparer.Ordinal);
        }

        var named = model.NamedParameters().ToList();
        var byName = named.ToDictionary(p => p.Name, p => p.Parameter, StringComparer.Ordinal);
        parameters = layers.Select(l => byName[l.Name]).ToArray();
        gradFlags = named.Select(p => (p.Parameter, p.Parameter.RequiresGrad)).ToArray();
        frozen = new Tensor[layers.Length];
        scores = new Tensor[layers.Length];
        try
        {
            if (options.WeightTransform is { } transform)
            {
                ApplyTransform(transform, options);
            }

            var masked = layers.Select(l => l.Name).ToHashSet(StringComparer.Ordinal);
            foreach (var (name, p) in named)
            {
                p.RequiresGrad = masked.Contains(name);
            }

            using var scope = DisposeScope.Begin();
            for (var i = 0; i < layers.Length; i++)
            {
                var p = parameters[i];
                frozen[i] = p.Detach().Clone().DetachFromScope();
                scores[i] = Tensor.Full(p.Shape, options.InitialScore, p.DType, p.Device).RequiresGrad_().DetachFromScope();
            }
        }
        catch
        {
            Dispose();
            throw;
        }

        Scores = Enumerable.Range(0, layers.Length).ToDictionary(i => layers[i].Name, i => scores[i], StringComparer.Ordinal);
        FrozenWeights = Enumerable.Range(0, layers.Length).ToDictionary(i => layers[i].Name, i => frozen[i], StringComparer.Ordinal);
    }

    /// <summary>The network the supermask is bound to (borrowed).</summary>
    public Module Model { get; }

    /// <summary>The masked layers, in model order.</summary>
    public IReadOnlyList<PrunableLayer> Layers => layers;

    /// <summary>The trainable scores by layer name: leaf tensors that require gradients (borrowed; optimize them, do not dispose them).</summary>
    public IReadOnlyDictionary<string, Tensor> Scores { get; }

    /// <summary>The frozen weights W by layer name (borrowed; never modified).</summary>
    public IReadOnlyDictionary<string, Tensor> FrozenWeights { get; }

    /// <summary>The expected percentage of weights kept, 100 × Σσ(s) / n over all masked layers (Zhou et al.'s "[Est] percent of 1s").</summary>
    public double ExpectedPercentRemaining
    {
        get
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            using var scope = DisposeScope.Begin();
            double sum = 0;
            long n = 0;
            foreach (var s in scores)
            {
                sum += s.Detach().Sigmoid().To(ScalarType.Float64).Sum().ToDouble();
                n += s.NumEl;
            }

            return n == 0 ? 100 : 100 * sum / n;
        }
    }

    /// <summary>Draws one mask per layer, m ~ Bernoulli(σ(s)): 1 where a uniform draw from <paramref name="generator"/> is below σ(s).</summary>
    /// <param name="generator">The source of the draws (advanced by one uniform tensor per layer, in model order).</param>
    /// <returns>0/1 tensors by layer name, in the scores' type and device.</returns>
    public OrderedDictionary<string, Tensor> SampleMasks(Generator generator)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ObjectDisposedException.ThrowIf(disposed, this);
        var result = new OrderedDictionary<string, Tensor>(StringComparer.Ordinal);
        for (var i = 0; i < layers.Length; i++)
        {
            var s = scores[i];
            var u = Tensor.Rand(s.Shape, generator, s.DType, generator.Device).To(s.Device);
            result[layers[i].Name] = u.Lt(s.Detach().Sigmoid()).To(s.DType);
        }

        return result;
    }

    /// <summary>The rounded masks, 1 exactly where σ(s) &gt; 0.5.</summary>
    /// <returns>0/1 tensors by layer name, in the scores' type and device.</returns>
    public OrderedDictionary<string, Tensor> RoundedMasks()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var result = new OrderedDictionary<string, Tensor>(StringComparer.Ordinal);
        for (var i = 0; i < layers.Length; i++)
        {
            result[layers[i].Name] = scores[i].Detach().Sigmoid().Gt(0.5).To(scores[i].DType);
        }

        return result;
    }

    /// <summary>The rounded mask (σ(s) &gt; 0.5) as a <see cref="Mask"/>.</summary>
    /// <returns>A new mask, owned by the caller.</returns>
    public Mask ToMask()
    {
        using var scope = DisposeScope.Begin();
        return Mask.Create(RoundedMasks(), layers);
    }

    /// <summary>
    /// One forward and backward pass with the given masks: the network computes with W_eff = W ⊙ m (× n / Σm with dynamic
    /// scaling) and each score's <see cref="Tensor.Grad"/> is set to ∂L/∂s through the straight-through estimator (replacing any
    /// previous gradient). The frozen weights do not change.
    /// </summary>
    /// <param name="images">A batch of inputs.</param>
    /// <param name="labels">The batch's class labels.</param>
    /// <param name="masks">A 0/1 mask per layer, e.g. from <see cref="SampleMasks"/> (borrowed).</param>
    /// <returns>The batch's mean cross-entropy loss.</returns>
    public double ComputeGradients(Tensor images, Tensor labels, IReadOnlyDictionary<string, Tensor> masks)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(masks);
        ObjectDisposedException.ThrowIf(disposed, this);
        CheckMasks(masks);
        using var scope = DisposeScope.Begin();
        var effective = new Tensor[layers.Length];
        for (var i = 0; i < layers.Length; i++)
        {
            var p = scores[i].Sigmoid();
            var m = masks[layers[i].Name].To(p.DType, p.Device);
            var straightThrough = m.Add(p.Sub(p.Detach()));
            effective[i] = EffectiveWeights(frozen[i], straightThrough);
            using var noGrad = Autograd.NoGrad();
            parameters[i].CopyFrom_(effective[i].Detach());
        }

        var loss = Functional.CrossEntropy(Model.Forward(images), labels);
        var grads = Autograd.Grad([loss], parameters);
        Tensor? surrogate = null;
        for (var i = 0; i < layers.Length; i++)
        {
            var term = effective[i].Mul(grads[i]!).Sum();
            surrogate = surrogate is null ? term : surrogate.Add(term);
        }

        foreach (var s in scores)
        {
            s.Grad = null;
        }

        surrogate?.Backward();
        return loss.ToDouble();
    }

    /// <summary>Evaluates the network with the given masks (evaluation mode, no gradients).</summary>
    /// <param name="data">The data.</param>
    /// <param name="masks">A 0/1 mask per layer (borrowed).</param>
    /// <param name="batchSize">The evaluation batch size.</param>
    /// <param name="device">Where the batches go; CPU when omitted.</param>
    /// <returns>The accuracy and loss.</returns>
    public SupermaskEvaluation Evaluate(ImageDataset data, IReadOnlyDictionary<string, Tensor> masks, int batchSize = SupermaskOptions.DefaultEvaluationBatchSize, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(masks);
        ObjectDisposedException.ThrowIf(disposed, this);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        CheckMasks(masks);
        using (DisposeScope.Begin())
        {
            using var noGrad = Autograd.NoGrad();
            for (var i = 0; i < layers.Length; i++)
            {
                parameters[i].CopyFrom_(EffectiveWeights(frozen[i], masks[layers[i].Name].To(frozen[i].DType, frozen[i].Device)));
            }
        }

        return NetworkEvaluation.Evaluate(Model, data, batchSize, device ?? Device.Cpu);
    }

    /// <summary>Evaluates the network with the rounded masks, 1 exactly where σ(s) &gt; 0.5.</summary>
    /// <param name="data">The data.</param>
    /// <param name="batchSize">The evaluation batch size.</param>
    /// <param name="device">Where the batches go; CPU when omitted.</param>
    /// <returns>The accuracy and loss.</returns>
    public SupermaskEvaluation EvaluateRounded(ImageDataset data, int batchSize = SupermaskOptions.DefaultEvaluationBatchSize, Device? device = null)
    {
        using var scope = DisposeScope.Begin();
        return Evaluate(data, RoundedMasks(), batchSize, device);
    }

    /// <summary>Evaluates the network with <paramref name="samples"/> masks sampled from a generator seeded with <paramref name="seed"/> (one mask per sample for the whole dataset).</summary>
    /// <param name="data">The data.</param>
    /// <param name="samples">The number of sampled masks, at least 1.</param>
    /// <param name="seed">The seed of the samples: the same seed and scores give the same evaluations.</param>
    /// <param name="batchSize">The evaluation batch size.</param>
    /// <param name="device">Where the batches go; CPU when omitted.</param>
    /// <returns>One evaluation per sample, and their mean.</returns>
    public SupermaskSampledEvaluation EvaluateSampled(
        ImageDataset data, int samples, ulong seed, int batchSize = SupermaskOptions.DefaultEvaluationBatchSize, Device? device = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 1);
        using var generator = new Generator(seed);
        var results = new List<SupermaskEvaluation>(samples);
        for (var k = 0; k < samples; k++)
        {
            using var scope = DisposeScope.Begin();
            results.Add(Evaluate(data, SampleMasks(generator), batchSize, device));
        }

        return new SupermaskSampledEvaluation(results);
    }

    /// <summary>Restores the network's state dict and gradient flags, and releases the scores and frozen weights. Safe to call more than once.</summary>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        foreach (var (p, flag) in gradFlags)
        {
            p.RequiresGrad = flag;
        }

        Model.LoadStateDict(original);
        foreach (var t in original.Values.Concat(frozen).Concat(scores))
        {
            t?.Dispose();
        }
    }

    private Tensor EffectiveWeights(Tensor weights, Tensor mask)
    {
        var w = weights.Mul(mask);
        return dynamicScaling ? w.Mul(mask.Sum().Clamp(min: 1).Reciprocal().Mul(mask.NumEl)) : w;
    }

    private void CheckMasks(IReadOnlyDictionary<string, Tensor> masks)
    {
        var errors = new List<string>();
        foreach (var layer in layers)
        {
            if (!masks.TryGetValue(layer.Name, out var m))
            {
                errors.Add($"There is no mask for the layer '{layer.Name}'; give a mask for every layer of the supermask.");
            }
            else if (!m.Shape.SequenceEqual(layer.Shape))
            {
                errors.Add($"The mask of '{layer.Name}' has shape {Mask.ShapeText(m.Shape)} but the layer has shape {Mask.ShapeText(layer.Shape)}; give each layer a mask of its shape.");
            }
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("The masks do not fit the supermask." + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "- " + e)), nameof(masks));
        }
    }

    private void ApplyTransform(ITicketTransform transform, SupermaskOptions options)
    {
        using var scope = DisposeScope.Begin();
        var seed = SupermaskSeeds.Derive(options.Seed, "weights");
        using var generator = new Generator(seed);
        using var dense = Mask.Dense(layers, parameters.Length > 0 ? parameters[0].Device : Device.Cpu);
        using var ticket = new Ticket(dense, original);
        var context = TicketWeights.Context(layers, original, original, generator, seed, options.ModelFactory, nameof(SupermaskOptions), transform.Name);
        using var transformed = transform.Apply(ticket, context);
        Model.LoadStateDict(TicketWeights.Effective(transformed));
    }
}
