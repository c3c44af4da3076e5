using LotteryTickets.Masks;
using LotteryTickets.Torch;
using LotteryTickets.Torch.Nn;
using LotteryTickets.Training;

namespace LotteryTickets.Tickets;

/// <summary>
/// Trains a ticket's subnetwork: built on <see cref="MaskedModel"/>, it sets the pruned weights when training starts,
/// zeroes their gradients after every backward pass and sets them again after every optimizer step, so that the
/// network computes W ⊙ m + (1 − m) ⊙ W_frozen throughout — W_frozen being the ticket's
/// <see cref="Ticket.PrunedValues"/>, or zeros when it has none.
/// </summary>
/// <remarks>
/// Ownership: the model, mask and pruned values are borrowed; the callback owns copies of the pruned values on the
/// parameters' devices and releases them (and its <see cref="MaskedModel"/>) on <see cref="Dispose"/>.
/// </remarks>
public sealed class TicketMaskingCallback : ITrainingCallback, IDisposable
{
    private readonly MaskedModel masked;
    private readonly (Tensor Parameter, Tensor Pruned, Tensor Values)[] frozen;
    private bool disposed;

    /// <summary>Binds a mask (and optional pruned values) to a model's parameters; changes no weight until <see cref="Apply"/> or training starts.</summary>
    /// <param name="model">The model (borrowed).</param>
    /// <param name="mask">The mask (borrowed).</param>
    /// <param name="prunedValues">The values of pruned positions by layer name, or <see langword="null"/> for zeros (copied).</param>
    /// <exception cref="ArgumentException">The mask does not fit the model, or pruned values are missing or mis-shaped.</exception>
    public TicketMaskingCallback(Module model, Mask mask, IReadOnlyDictionary<string, Tensor>? prunedValues = null)
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
            var parameters = model.NamedParameters().ToDictionary(p => p.Name, p => p.Parameter, StringComparer.Ordinal);
            using var scope = DisposeScope.Begin();
            var list = new List<(Tensor, Tensor, Tensor)>();
            foreach (var layer in mask.Layers)
            {
                if (!prunedValues.TryGetValue(layer.Name, out var values) || !values.Shape.SequenceEqual(layer.Shape))
                {
                    throw new ArgumentException(
                        $"The pruned values have no tensor of shape {Mask.ShapeText(layer.Shape)} for the masked layer '{layer.Name}'; give one per masked layer.",
                        nameof(prunedValues));
                }

                var p = parameters[layer.Name];
                list.Add((
                    p,
                    mask[layer.Name].To(p.Device).Eq(0).DetachFromScope(),
                    values.Detach().To(p.DType, p.Device, copy: true).DetachFromScope()));
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

        using var scope = DisposeScope.Begin();
        using var noGrad = Autograd.NoGrad();
        foreach (var (p, pruned, values) in frozen)
        {
            p.CopyFrom_(Tensor.Where(pruned, values, p.Detach()));
        }
    }

    /// <inheritdoc />
    public void OnTrainingStart(TrainingState state) => Apply();

    /// <inheritdoc />
    public void OnAfterBackward(TrainingState state) => masked.MaskGradients();

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
