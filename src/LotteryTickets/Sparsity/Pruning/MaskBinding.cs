using LotteryTickets.Masks;
using TorchSharp;
using static TorchSharp.torch;

namespace LotteryTickets.Pruning;

/// <summary>
/// A <see cref="Sparsifier"/>'s mask in force and its binding to the model's current parameters. The binding is checked
/// at each use and rebuilt, with the mask moved to the parameters' device, when the model's parameters were replaced
/// (<c>to(device)</c>, <c>to(dtype)</c>) since it was built, so the mask follows the model.
/// </summary>
/// <remarks>Ownership: the model is borrowed; the binding owns the mask and the <see cref="MaskedModel"/> built over it.</remarks>
internal sealed class MaskBinding : IDisposable
{
    private readonly PrunableLayer[] layers;
    private readonly Dictionary<string, int> layerIndex;
    private nn.Module? model;
    private Mask mask;
    private MaskedModel? masked;
    private Tensor[] bound = [];

    /// <summary>Creates the binding of a dense mask over <paramref name="layers"/> (distinct names), bound to no model yet.</summary>
    public MaskBinding(PrunableLayer[] layers)
    {
        this.layers = layers;
        layerIndex = layers.Select((l, i) => (l.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
        mask = Mask.Dense(layers);
    }

    /// <summary>The model the mask is applied to.</summary>
    /// <exception cref="InvalidOperationException">No model is bound yet.</exception>
    public nn.Module Model => model ?? throw new InvalidOperationException(
        "The sparsifier is not bound to a model; the gradual pruning callback binds it in OnTrainingStart, so run it inside Trainer.Run.");

    /// <summary>The mask in force (owned by the binding).</summary>
    public Mask Mask => mask;

    /// <summary>Makes <paramref name="target"/> the model, dropping the binding to an earlier one; its parameters are bound on next use.</summary>
    public void Bind(nn.Module target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (!ReferenceEquals(model, target))
        {
            model = target;
            masked?.Dispose();
            masked = null;
        }
    }

    /// <summary>Puts <paramref name="next"/> (owned) in force in place of the current mask; the binding is rebuilt on next use.</summary>
    public void Replace(Mask next)
    {
        masked?.Dispose();
        masked = null;
        mask.Dispose();
        mask = next;
    }

    /// <summary>
    /// The masking bound to the model's current parameters: rebuilt (and the mask moved to their device) when there is none
    /// or when the model's parameters were replaced (<c>to(device)</c>, <c>to(dtype)</c>) since it was built.
    /// </summary>
    /// <exception cref="InvalidOperationException">No model is bound, or the model lacks a pruned parameter.</exception>
    public MaskedModel Current()
    {
        var target = Model;
        var current = CurrentParameters(target);
        if (masked is not null && current.Length == bound.Length && current.Select((p, i) => ReferenceEquals(p, bound[i])).All(same => same))
        {
            return masked;
        }

        if (current.Length > 0 && !SameDevice(mask.Device, current[0].device))
        {
            var moved = mask.To(current[0].device);
            mask.Dispose();
            mask = moved;
        }

        masked?.Dispose();
        masked = null;
        masked = new MaskedModel(target, mask);
        bound = current;
        return masked;
    }

    /// <summary>Releases the mask and its masking.</summary>
    public void Dispose()
    {
        masked?.Dispose();
        mask.Dispose();
    }

    private Tensor[] CurrentParameters(nn.Module target)
    {
        var current = new Tensor[layers.Length];
        foreach (var (name, parameter) in target.named_parameters())
        {
            if (layerIndex.TryGetValue(name, out var i))
            {
                current[i] = parameter;
            }
        }

        var missing = layers.Where((l, i) => current[i] is null).Select(l => l.Name).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"The model no longer has the pruned parameter(s) {PrunableParameters.Quote(missing)}; prune the model the sparsifier was made for.");
        }

        return current;
    }

    private static bool SameDevice(Device a, Device b) => a.type == b.type && DeviceIndex(a) == DeviceIndex(b);

    private static int DeviceIndex(Device device) => device.type == DeviceType.CPU ? -1 : Math.Max(device.index, 0);
}
