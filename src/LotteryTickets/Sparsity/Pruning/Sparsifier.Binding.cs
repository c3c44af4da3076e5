using LotteryTickets.Masks;
using TorchSharp;
using static TorchSharp.torch;

namespace LotteryTickets.Pruning;

/// <content>The binding of the mask to the model's current parameters, which follows <c>to(device)</c> and <c>to(dtype)</c>.</content>
public sealed partial class Sparsifier
{
    /// <summary>Binds the sparsifier to <paramref name="target"/> (the callback's model, given at training start).</summary>
    internal void Bind(nn.Module target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (!ReferenceEquals(model, target))
        {
            model = target;
            masked?.Dispose();
            masked = null;
        }

        Bound();
    }

    /// <summary>Puts <paramref name="next"/> (owned) in force in place of the current mask; the binding is rebuilt on next use.</summary>
    private void Replace(Mask next)
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
    private MaskedModel Bound()
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
