using LotteryTickets.Masks;
using LotteryTickets.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace LotteryTickets.Tickets;

/// <summary>
/// Trains a ticket's subnetwork: built on <see cref="MaskedModel"/>, it sets the pruned weights when training starts
/// and again after every optimizer step, so that the network computes W ⊙ m + (1 − m) ⊙ W_frozen throughout —
/// W_frozen being the ticket's <see cref="Ticket.PrunedValues"/>, or +0.0 when it has none.
/// </summary>
/// <remarks>
/// Gradients are not multiplied by the mask: every supported optimizer updates each weight from its own gradient and
/// state only, so the kept weights follow the same trajectory either way, and whatever the step writes into a pruned
/// position is overwritten right after it. Pruned weights that are zeroed are +0.0 bit for bit (never −0.0).
/// Ownership: the model, mask and pruned values are borrowed; the callback owns copies of the pruned values on the
/// parameters' devices and releases them (and its <see cref="MaskedModel"/>) on <see cref="Dispose"/>.
/// </remarks>
public sealed class TicketMaskingCallback : ITrainingCallback, IDisposable
{
    private readonly MaskedModel masked;
    private readonly (Tensor Parameter, Tensor Pruned, Tensor Values)[] frozen;
    private bool disposed;

    /// <summary>Binds a mask (and optional pruned values) to a model's parameters; changes no weight until <see cref="Apply"/> or training starts.</summary>
    /// <param name="model">The model (borrowed); the mask's layers name its parameters as <c>named_parameters()</c> does.</param>
    /// <param name="mask">The mask (borrowed).</param>
    /// <param name="prunedValues">The values of pruned positions by layer name, or <see langword="null"/> for zeros (copied).</param>
    /// <exception cref="ArgumentException">The mask does not fit the model, or pruned values are missing or mis-shaped.</exception>
    public TicketMaskingCallback(nn.Module model, Mask mask, IReadOnlyDictionary<string, Tensor>? prunedValues = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(mask);
        masked = new MaskedModel(model, mask);
        if (prunedValues is null)
        {
            frozen = [];
            return;
        }

        try
        {
            var parameters = model.named_parameters().ToDictionary(p => p.name, p => (Tensor)p.parameter, StringComparer.Ordinal);
            using var scope = torch.NewDisposeScope();
            var list = new List<(Tensor, Tensor, Tensor)>();
            foreach (var layer in mask.Layers)
            {
                if (!prunedValues.TryGetValue(layer.Name, out var values) || !values.shape.SequenceEqual(layer.Shape))
                {
                    throw new ArgumentException(
                        $"The pruned values have no tensor of shape {Mask.ShapeText(layer.Shape)} for the masked layer '{layer.Name}'; give one per masked layer.",
                        nameof(prunedValues));
                }

                var p = parameters[layer.Name];
                list.Add((
                    p,
                    mask[layer.Name].to(p.device).eq(0).DetachFromDisposeScope(),
                    values.detach().to(p.dtype, p.device, copy: true).DetachFromDisposeScope()));
            }

            frozen = [.. list];
        }
        catch
        {
            masked.Dispose();
            throw;
        }
    }

    /// <summary>The mask applied.</summary>
    public Mask Mask => masked.Mask;

    /// <summary>Whether pruned positions hold given values rather than zeros.</summary>
    public bool FreezesPrunedValues => frozen.Length > 0;

    /// <summary>Sets every pruned weight to its frozen value (or +0.0), in place, outside autograd.</summary>
    public void Apply()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        masked.ApplyToWeights();
        if (frozen.Length == 0)
        {
            return;
        }

        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        foreach (var (p, pruned, values) in frozen)
        {
            p.copy_(torch.where(pruned, values, p.detach()));
        }
    }

    /// <inheritdoc />
    public void OnTrainingStart(TrainingState state) => Apply();

    /// <inheritdoc />
    public void OnAfterOptimizerStep(TrainingState state) => Apply();

    /// <summary>Releases the callback's copies. Safe to call more than once.</summary>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        masked.Dispose();
        foreach (var (_, pruned, values) in frozen)
        {
            pruned.Dispose();
            values.Dispose();
        }
    }
}
