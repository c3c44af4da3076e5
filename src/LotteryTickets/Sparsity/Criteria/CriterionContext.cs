using LotteryTickets.Masks;
using static TorchSharp.torch;

namespace LotteryTickets.Criteria;

/// <summary>
/// What a mask criterion may look at: the prunable layers, the weights at initialization (or at
/// the rewind point) and after training, the current mask, optionally gradients, and a seeded
/// generator. Weight dictionaries are keyed by state-dict name (a model's <c>state_dict()</c>, a
/// safetensors file); they are borrowed, never modified or disposed.
/// </summary>
public sealed class CriterionContext
{
    /// <summary>A context for <paramref name="currentMask"/>'s layers.</summary>
    /// <param name="currentMask">The mask so far (borrowed); <see cref="Mask.Dense(IReadOnlyList{PrunableLayer}, Device?)"/> before the first pruning.</param>
    /// <param name="generator">The source of randomness for random scores and tie-breaking (borrowed).</param>
    public CriterionContext(Mask currentMask, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(currentMask);
        ArgumentNullException.ThrowIfNull(generator);
        CurrentMask = currentMask;
        Generator = generator;
    }

    /// <summary>The layers to score, in model order (those of <see cref="CurrentMask"/>).</summary>
    public IReadOnlyList<PrunableLayer> Layers => CurrentMask.Layers;

    /// <summary>The mask so far.</summary>
    public Mask CurrentMask { get; }

    /// <summary>The source of randomness; advanced by random criteria and by the pruner's tie-breaking.</summary>
    public Generator Generator { get; }

    /// <summary>The weights the ticket starts from: at initialization (Frankle &amp; Carbin) or at the rewind point.</summary>
    /// <value>The default value is <see langword="null"/> (criteria that need them fail with a message).</value>
    public IReadOnlyDictionary<string, Tensor>? InitialWeights { get; init; }

    /// <summary>The weights at the end of training.</summary>
    /// <value>The default value is <see langword="null"/> (criteria that need them fail with a message).</value>
    public IReadOnlyDictionary<string, Tensor>? FinalWeights { get; init; }

    /// <summary>Gradients of the loss with respect to the weights, for gradient-based criteria.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public IReadOnlyDictionary<string, Tensor>? Gradients { get; init; }

    /// <summary>The initial weights of <paramref name="layer"/> (borrowed).</summary>
    /// <param name="criterion">The asking criterion's name, for the error message.</param>
    /// <param name="layer">The layer's state-dict name.</param>
    /// <exception cref="InvalidOperationException">The context has no such initial weights, or their shape differs from the layer's.</exception>
    public Tensor Initial(string criterion, string layer) => Require(InitialWeights, "initial weights", nameof(InitialWeights), criterion, layer);

    /// <summary>The trained weights of <paramref name="layer"/> (borrowed).</summary>
    /// <param name="criterion">The asking criterion's name, for the error message.</param>
    /// <param name="layer">The layer's state-dict name.</param>
    /// <exception cref="InvalidOperationException">The context has no such final weights, or their shape differs from the layer's.</exception>
    public Tensor Final(string criterion, string layer) => Require(FinalWeights, "final weights", nameof(FinalWeights), criterion, layer);

    /// <summary>The gradient of <paramref name="layer"/> (borrowed).</summary>
    /// <param name="criterion">The asking criterion's name, for the error message.</param>
    /// <param name="layer">The layer's state-dict name.</param>
    /// <exception cref="InvalidOperationException">The context has no such gradient, or its shape differs from the layer's.</exception>
    public Tensor Gradient(string criterion, string layer) => Require(Gradients, "gradients", nameof(Gradients), criterion, layer);

    private Tensor Require(IReadOnlyDictionary<string, Tensor>? source, string what, string property, string criterion, string layer)
    {
        if (source is null)
        {
            throw new InvalidOperationException(
                $"The criterion '{criterion}' needs the {what}, but the context has none; set '{property}' on the CriterionContext.");
        }

        if (!source.TryGetValue(layer, out var t))
        {
            throw new InvalidOperationException(
                $"The criterion '{criterion}' needs the {what} of '{layer}', but '{property}' has no tensor of that name; pass the model's full state dict.");
        }

        var shape = CurrentMask.Layers.First(l => l.Name == layer).Shape;
        if (!t.shape.SequenceEqual(shape))
        {
            throw new InvalidOperationException(
                $"The {what} of '{layer}' have shape {Mask.ShapeText(t.shape)} but the layer has shape {Mask.ShapeText(shape)}; pass weights of the same model.");
        }

        return t;
    }
}
