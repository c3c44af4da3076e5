using LotteryTickets.Datasets;
using LotteryTickets.Masks;
using LotteryTickets.Tickets;
using TorchSharp;
using TorchSharp.Modules;
using LotteryTickets.Serialization;
using static TorchSharp.torch;

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
/// its state dict (and every parameter's <c>requires_grad</c>) is restored on <see cref="Dispose"/>. Biases and other
/// parameters stay at their initial (or transformed) values. Any module works: the masked weights are written into the
/// parameters, the network's own backward pass gives ∂L/∂W_eff, and a second, elementwise backward pass carries it to the scores.</para>
/// <para>Ownership: the supermask owns its scores and frozen weights (exposed borrowed); methods returning tensors return new
/// ones, owned by the current dispose scope if one is open, else by the caller.</para>
/// </remarks>
public sealed class Supermask : IDisposable
{
    private readonly PrunableLayer[] layers;
    private readonly Tensor[] parameters;
    private readonly Tensor[] frozen;
    private readonly Parameter[] scores;
    private readonly Dictionary<string, Tensor> original;
    private readonly (Parameter Parameter, bool RequiresGrad)[] gradFlags;
    private readonly bool dynamicScaling;
    private bool disposed;

    /// <summary>Binds a supermask to <paramref name="model"/>'s current weights (transformed by <see cref="SupermaskOptions.WeightTransform"/> when set).</summary>
    /// <param name="model">The network (borrowed; restored on <see cref="Dispose"/>).</param>
    /// <param name="options">The options (the score initialization, dynamic scaling, weight transform, prunable weights and seed are used here); null for the defaults.</param>
    /// <exception cref="ArgumentException">The options are invalid (every problem is listed).</exception>
    public Supermask(nn.Module<Tensor, Tensor> model, SupermaskOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        options ??= new SupermaskOptions();
        options.Validate();
        Model = model;
        dynamicScaling = options.DynamicScaling;
        layers = [.. PrunableParameters.Select(model, options.Prunable)];
        using (NewDisposeScope())
        {
            original = model.state_dict().ToDictionary(e => e.Key, e => e.Value.detach().clone().DetachFromDisposeScope(), StringComparer.Ordinal);
        }

        var named = model.named_parameters().ToList();
        var byName = named.ToDictionary(p => p.name, p => p.parameter, StringComparer.Ordinal);
        parameters = layers.Select(l => (Tensor)byName[l.Name]).ToArray();
        gradFlags = named.Select(p => (p.parameter, p.parameter.requires_grad)).ToArray();
        frozen = new Tensor[layers.Length];
        scores = new Parameter[layers.Length];
        try
        {
            if (options.WeightTransform is { } transform)
            {
                ApplyTransform(transform, options);
            }

            var masked = layers.Select(l => l.Name).ToHashSet(StringComparer.Ordinal);
            foreach (var (name, p) in named)
            {
                p.requires_grad = masked.Contains(name);
            }

            using var scope = NewDisposeScope();
            for (var i = 0; i < layers.Length; i++)
            {
                var p = parameters[i];
                frozen[i] = p.detach().clone().DetachFromDisposeScope();
                scores[i] = (Parameter)new Parameter(full(p.shape, options.InitialScore, p.dtype, p.device), requires_grad: true).DetachFromDisposeScope();
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
    public nn.Module<Tensor, Tensor> Model { get; }

    /// <summary>The masked layers, in model order.</summary>
    public IReadOnlyList<PrunableLayer> Layers => layers;

    /// <summary>The trainable scores by layer name: leaf tensors that require gradients (borrowed; optimize them, e.g. <c>torch.optim.SGD(Scores.Values, …)</c>, do not dispose them).</summary>
    public IReadOnlyDictionary<string, Parameter> Scores { get; }

    /// <summary>The frozen weights W by layer name (borrowed; never modified).</summary>
    public IReadOnlyDictionary<string, Tensor> FrozenWeights { get; }

    /// <summary>The expected percentage of weights kept, 100 × Σσ(s) / n over all masked layers (Zhou et al.'s "[Est] percent of 1s").</summary>
    public double ExpectedPercentRemaining
    {
        get
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            using var scope = NewDisposeScope();
            double sum = 0;
            long n = 0;
            foreach (var s in scores)
            {
                sum += s.detach().sigmoid().to(ScalarType.Float64).sum().ToDouble();
                n += s.numel();
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
            var u = rand(s.shape, s.dtype, generator.device, generator: generator).to(s.device);
            result[layers[i].Name] = u.lt(s.detach().sigmoid()).to(s.dtype);
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
            result[layers[i].Name] = scores[i].detach().sigmoid().gt(0.5).to(scores[i].dtype);
        }

        return result;
    }

    /// <summary>The rounded mask (σ(s) &gt; 0.5) as a <see cref="Mask"/>.</summary>
    /// <returns>A new mask, owned by the caller.</returns>
    public Mask ToMask()
    {
        using var scope = NewDisposeScope();
        return Mask.Create(RoundedMasks(), layers);
    }

    /// <summary>
    /// One forward and backward pass with the given masks: the network computes with W_eff = W ⊙ m (× n / Σm with dynamic
    /// scaling) and each score's gradient (<c>grad</c>) is set to ∂L/∂s through the straight-through estimator (replacing any
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
        using var scope = NewDisposeScope();
        using var enableGrad = enable_grad();
        var effective = new Tensor[layers.Length];
        for (var i = 0; i < layers.Length; i++)
        {
            var p = scores[i].sigmoid();
            var m = masks[layers[i].Name].to(p.dtype, p.device);
            var straightThrough = m.add(p.sub(p.detach()));
            effective[i] = EffectiveWeights(frozen[i], straightThrough);
            using var noGrad = no_grad();
            parameters[i].copy_(effective[i].detach());
        }

        var loss = nn.functional.cross_entropy(Model.call(images), labels);
        foreach (var s in scores)
        {
            s.grad = null;
        }

        if (parameters.Length > 0)
        {
            var grads = autograd.grad([loss], parameters);
            Tensor? surrogate = null;
            for (var i = 0; i < layers.Length; i++)
            {
                var term = effective[i].mul(grads[i]).sum();
                surrogate = surrogate is null ? term : surrogate.add(term);
            }

            surrogate!.backward();
        }

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
        using (NewDisposeScope())
        {
            using var noGrad = no_grad();
            for (var i = 0; i < layers.Length; i++)
            {
                parameters[i].copy_(EffectiveWeights(frozen[i], masks[layers[i].Name].to(frozen[i].dtype, frozen[i].device)));
            }
        }

        return NetworkEvaluation.Evaluate(Model, data, batchSize, device ?? CPU);
    }

    /// <summary>Evaluates the network with the rounded masks, 1 exactly where σ(s) &gt; 0.5.</summary>
    /// <param name="data">The data.</param>
    /// <param name="batchSize">The evaluation batch size.</param>
    /// <param name="device">Where the batches go; CPU when omitted.</param>
    /// <returns>The accuracy and loss.</returns>
    public SupermaskEvaluation EvaluateRounded(ImageDataset data, int batchSize = SupermaskOptions.DefaultEvaluationBatchSize, Device? device = null)
    {
        using var scope = NewDisposeScope();
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
            using var scope = NewDisposeScope();
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
            p.requires_grad = flag;
        }

        StateDicts.Load(Model, original);
        foreach (var t in original.Values.Concat(frozen).Concat(scores))
        {
            t?.Dispose();
        }
    }

    private Tensor EffectiveWeights(Tensor weights, Tensor mask)
    {
        var w = weights.mul(mask);
        return dynamicScaling ? w.mul(mask.sum().clamp(min: 1).reciprocal().mul(mask.numel())) : w;
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
            else if (!m.shape.SequenceEqual(layer.Shape))
            {
                errors.Add($"The mask of '{layer.Name}' has shape {Mask.ShapeText(m.shape)} but the layer has shape {Mask.ShapeText(layer.Shape)}; give each layer a mask of its shape.");
            }
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("The masks do not fit the supermask." + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "- " + e)), nameof(masks));
        }
    }

    private void ApplyTransform(ITicketTransform transform, SupermaskOptions options)
    {
        using var scope = NewDisposeScope();
        var seed = SupermaskSeeds.Derive(options.Seed, "weights");
        using var generator = new Generator(seed);
        using var dense = Mask.Dense(layers, parameters.Length > 0 ? parameters[0].device : CPU);
        using var ticket = new Ticket(dense, original);
        var context = TicketWeights.Context(layers, original, original, generator, seed, options.ModelFactory, nameof(SupermaskOptions), transform.Name);
        using var transformed = transform.Apply(ticket, context);
        StateDicts.Load(Model, TicketWeights.Effective(transformed));
    }
}
