using LotteryTickets.Masks;
using LotteryTickets.Serialization;
using static TorchSharp.torch;

namespace LotteryTickets.Pruning;

/// <summary>
/// What a gradual run found: the final mask and the weights to start from (the state dict saved at the rewind
/// point, the initialization by default). Training it means loading <see cref="StartWeights"/>, zeroing the pruned
/// weights (<see cref="ApplyTo"/>) and training with the mask held (e.g. <see cref="MaskedModel"/>).
/// </summary>
/// <remarks>
/// The ticket owns its mask and tensors (they belong to no dispose scope) and releases them in
/// <see cref="Dispose"/>. <see cref="StartWeights"/> holds every parameter and buffer, unmasked (pruned weights
/// keep their saved values, for transforms that need them).
/// </remarks>
public sealed class GradualPruningTicket : IDisposable
{
    private readonly OrderedDictionary<string, Tensor> startWeights;
    private bool disposed;

    internal GradualPruningTicket(Mask mask, OrderedDictionary<string, Tensor> startWeights, long startIteration)
    {
        Mask = mask;
        this.startWeights = startWeights;
        StartIteration = startIteration;
    }

    /// <summary>The final mask (owned by the ticket).</summary>
    public Mask Mask { get; }

    /// <summary>The full state dict to start from, unmasked (owned by the ticket; do not dispose or modify the tensors).</summary>
    public IReadOnlyDictionary<string, Tensor> StartWeights
    {
        get
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            return startWeights;
        }
    }

    /// <summary>The iteration at which the start weights were saved (0 for the initialization).</summary>
    public long StartIteration { get; }

    /// <summary>Loads <see cref="StartWeights"/> into <paramref name="model"/> (strictly) and sets its pruned weights to +0.0.</summary>
    /// <param name="model">A model of the architecture the ticket was found in.</param>
    /// <exception cref="StateDictMismatchException">The model's state dict does not match.</exception>
    /// <exception cref="ArgumentException">The mask does not fit the model.</exception>
    public void ApplyTo(nn.Module model)
    {
        ArgumentNullException.ThrowIfNull(model);
        ObjectDisposedException.ThrowIf(disposed, this);
        using var masked = new MaskedModel(model, Mask);
        StateDicts.Load(model, startWeights, strict: true);
        masked.ApplyToWeights();
    }

    /// <summary>Releases the mask and the start weights. Safe to call more than once.</summary>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        Mask.Dispose();
        foreach (var t in startWeights.Values)
        {
            t.Dispose();
        }
    }
}
