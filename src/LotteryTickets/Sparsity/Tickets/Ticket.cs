using LotteryTickets.Masks;
using TorchSharp;
using static TorchSharp.torch;

namespace LotteryTickets.Tickets;

/// <summary>
/// A subnetwork to train: a mask, the weights training starts from (a full state dict: every parameter and
/// buffer), and optionally the values pruned positions hold during training. Without those values pruned
/// weights are zero (Frankle &amp; Carbin); with them the network trains W ⊙ m + (1 − m) ⊙ W_frozen, the pruned
/// positions frozen at the given values (Zhou et al.'s "mask-0 freeze").
/// </summary>
/// <remarks>
/// Ownership: a ticket owns copies of everything it is built from (no <see cref="DisposeScope"/> holds them)
/// and releases them on <see cref="Dispose"/>; the dictionaries and the mask it exposes are borrowed. A
/// <see cref="ITicketTransform"/> returns a new ticket, which its caller owns.
/// </remarks>
public sealed class Ticket : IDisposable
{
    private readonly Dictionary<string, Tensor> weights;
    private readonly Dictionary<string, Tensor>? prunedValues;
    private bool disposed;

    /// <summary>Builds a ticket from copies of <paramref name="mask"/>, <paramref name="weights"/> and <paramref name="prunedValues"/>.</summary>
    /// <param name="mask">The mask (copied; the caller keeps the original).</param>
    /// <param name="weights">The weights to start from, by state-dict name; must hold every masked layer with its shape (copied).</param>
    /// <param name="prunedValues">
    /// The values of pruned positions during training, by layer name (one tensor per masked layer, with its shape; values at kept
    /// positions are ignored), or <see langword="null"/> for zeros (copied).
    /// </param>
    /// <exception cref="ArgumentException">A masked layer has no weights (or pruned values), or a shape differs; every problem is listed.</exception>
    public Ticket(Mask mask, IReadOnlyDictionary<string, Tensor> weights, IReadOnlyDictionary<string, Tensor>? prunedValues = null)
    {
        ArgumentNullException.ThrowIfNull(mask);
        ArgumentNullException.ThrowIfNull(weights);
        var errors = new List<string>();
        Check(mask, weights, "weights", errors);
        if (prunedValues is not null)
        {
            Check(mask, prunedValues, "pruned values", errors);
            foreach (var name in prunedValues.Keys.Where(n => !mask.Contains(n)))
            {
                errors.Add($"The pruned values hold a tensor '{name}' that names no masked layer; give pruned values for masked layers only.");
            }
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("The ticket is invalid." + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "- " + e)));
        }

        Mask = mask.Clone();
        this.weights = Copy(weights);
        this.prunedValues = prunedValues is null ? null : Copy(prunedValues);
    }

    /// <summary>The mask (borrowed from the ticket: do not dispose it).</summary>
    public Mask Mask { get; }

    /// <summary>The weights training starts from, by state-dict name (borrowed: do not dispose or modify them).</summary>
    public IReadOnlyDictionary<string, Tensor> Weights
    {
        get
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            return weights;
        }
    }

    /// <summary>The values pruned positions hold during training, by layer name, or <see langword="null"/> for zeros (borrowed).</summary>
    public IReadOnlyDictionary<string, Tensor>? PrunedValues
    {
        get
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            return prunedValues;
        }
    }

    /// <summary>A copy of this ticket with another mask (same layers), keeping the weights and pruned values.</summary>
    /// <param name="mask">The new mask (copied).</param>
    /// <returns>A new ticket; the caller owns it.</returns>
    public Ticket WithMask(Mask mask) => new(mask, Weights, PrunedValues);

    /// <summary>A copy of this ticket with other starting weights, keeping the mask and pruned values.</summary>
    /// <param name="weights">The new weights (copied).</param>
    /// <returns>A new ticket; the caller owns it.</returns>
    public Ticket WithWeights(IReadOnlyDictionary<string, Tensor> weights) => new(Mask, weights, PrunedValues);

    /// <summary>A copy of this ticket whose pruned positions hold <paramref name="prunedValues"/> (null for zeros).</summary>
    /// <param name="prunedValues">The new pruned values (copied), or <see langword="null"/>.</param>
    /// <returns>A new ticket; the caller owns it.</returns>
    public Ticket WithPrunedValues(IReadOnlyDictionary<string, Tensor>? prunedValues) => new(Mask, Weights, prunedValues);

    /// <summary>Releases the ticket's tensors. Safe to call more than once.</summary>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        Mask.Dispose();
        foreach (var t in weights.Values.Concat(prunedValues?.Values ?? Enumerable.Empty<Tensor>()))
        {
            t.Dispose();
        }
    }

    private static void Check(Mask mask, IReadOnlyDictionary<string, Tensor> tensors, string what, List<string> errors)
    {
        foreach (var layer in mask.Layers)
        {
            if (!tensors.TryGetValue(layer.Name, out var t))
            {
                errors.Add($"The {what} have no tensor for the masked layer '{layer.Name}'; give the model's full state dict.");
            }
            else if (!t.shape.SequenceEqual(layer.Shape))
            {
                errors.Add($"The {what} of '{layer.Name}' have shape {Mask.ShapeText(t.shape)} but the layer has shape {Mask.ShapeText(layer.Shape)}; use tensors of the same model.");
            }
        }
    }

    private static Dictionary<string, Tensor> Copy(IReadOnlyDictionary<string, Tensor> source)
    {
        var copy = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        using var scope = torch.NewDisposeScope();
        foreach (var (name, tensor) in source)
        {
            copy[name] = tensor.detach().clone().DetachFromDisposeScope();
        }

        return copy;
    }
}
