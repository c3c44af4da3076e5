using TorchSharp;
using static TorchSharp.torch;

namespace LotteryTickets.Masks;

/// <summary>
/// The invariants of a <see cref="Mask"/>, checked on the tensors it is built from: every tensor names a layer,
/// every layer has a tensor of its shape, and values are 0 or 1 only; every violation is reported at once.
/// </summary>
internal static class MaskInvariants
{
    /// <summary>
    /// Float32 copies of <paramref name="tensors"/> (each on its own device), one per layer in the order of
    /// <paramref name="layers"/>, owned by the caller and in no dispose scope.
    /// </summary>
    /// <exception cref="ArgumentException">Some tensor breaks an invariant; the message lists every violation.</exception>
    public static Tensor[] CheckedCopies(IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyList<PrunableLayer> layers)
    {
        var errors = new List<string>();
        var known = layers.Select(l => l.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var name in tensors.Keys)
        {
            if (!known.Contains(name))
            {
                errors.Add(
                    $"The mask tensor '{name}' names no prunable layer; the prunable layers are {PrunableParameters.Quote(layers.Select(l => l.Name))}. Remove it or add the layer.");
            }
        }

        var copies = new Tensor[layers.Count];
        using var scope = NewDisposeScope();
        try
        {
            for (var i = 0; i < layers.Count; i++)
            {
                var layer = layers[i];
                if (!tensors.TryGetValue(layer.Name, out var t))
                {
                    errors.Add(
                        $"The mask has no tensor for the prunable layer '{layer.Name}'; give every prunable layer a mask tensor (Mask.Dense gives all ones).");
                    continue;
                }

                if (!t.shape.SequenceEqual(layer.Shape))
                {
                    errors.Add(
                        $"The mask tensor '{layer.Name}' has shape {Mask.ShapeText(t.shape)} but the layer has shape {Mask.ShapeText(layer.Shape)}; give it the layer's shape.");
                    continue;
                }

                var copy = t.detach().to(ScalarType.Float32, t.device, copy: true).DetachFromDisposeScope();
                copies[i] = copy;
                var bad = CountNonBinary(copy, out var first);
                if (bad > 0)
                {
                    errors.Add(
                        $"The mask tensor '{layer.Name}' holds {bad} value(s) other than 0 and 1 (the first is {first.ToString(System.Globalization.CultureInfo.InvariantCulture)}); a mask may hold only 0 and 1. Threshold or round it before building the mask.");
                }
            }

            if (errors.Count > 0)
            {
                throw new ArgumentException("The mask is invalid." + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "- " + e)), nameof(tensors));
            }

            return copies;
        }
        catch
        {
            foreach (var c in copies)
            {
                c?.Dispose();
            }

            throw;
        }
    }

    private static long CountNonBinary(Tensor t, out double first)
    {
        using var scope = NewDisposeScope();
        var bad = t.ne(0).logical_and(t.ne(1));
        var count = bad.count_nonzero().ToInt64();
        first = count == 0 ? 0 : t.masked_select(bad).narrow(0, 0, 1).ToDouble();
        return count;
    }
}
