using TorchSharp;
using static TorchSharp.torch;

namespace LotteryTickets.Masks;

/// <summary>
/// Set algebra and comparison of two <see cref="Mask"/>s over the same layers: element-wise combinations,
/// the Jaccard overlap of the kept weights, and equality of content. The other mask's tensors are moved to
/// the device of the first mask's.
/// </summary>
internal static class MaskAlgebra
{
    /// <summary>A new mask with <paramref name="mask"/>'s layers, <paramref name="op"/> applied layer by layer.</summary>
    /// <exception cref="ArgumentException">The masks cover different layers or shapes.</exception>
    public static Mask Combine(Mask mask, Mask other, Func<Tensor, Tensor, Tensor> op)
    {
        CheckCompatible(mask, other);
        using var scope = NewDisposeScope();
        var result = new Tensor[mask.Count];
        for (var i = 0; i < result.Length; i++)
        {
            var a = mask.TensorAt(i);
            result[i] = op(a, other.TensorAt(i).to(a.device));
        }

        return Mask.FromOwned(mask.Layers, result);
    }

    /// <summary>The Jaccard overlap |A ∩ B| / |A ∪ B| of the kept weights, per layer and over all layers.</summary>
    /// <exception cref="ArgumentException">The masks cover different layers or shapes.</exception>
    public static MaskOverlap Jaccard(Mask mask, Mask other)
    {
        CheckCompatible(mask, other);
        using var scope = NewDisposeScope();
        var result = new LayerOverlap[mask.Count];
        for (var i = 0; i < result.Length; i++)
        {
            var a = mask.TensorAt(i);
            var b = other.TensorAt(i).to(a.device);
            var intersection = a.mul(b).count_nonzero().ToInt64();
            var union = a.maximum(b).count_nonzero().ToInt64();
            result[i] = new LayerOverlap(mask.Layers[i].Name, intersection, union);
        }

        return new MaskOverlap(result);
    }

    /// <summary>Whether both masks have the same layer names, in the same order, with the same shapes and values.</summary>
    public static bool ContentEquals(Mask mask, Mask? other)
    {
        if (other is null || other.Count != mask.Count)
        {
            return false;
        }

        using var scope = NewDisposeScope();
        for (var i = 0; i < mask.Count; i++)
        {
            var (layer, otherLayer) = (mask.Layers[i], other.Layers[i]);
            if (layer.Name != otherLayer.Name || !layer.Shape.SequenceEqual(otherLayer.Shape))
            {
                return false;
            }

            var a = mask.TensorAt(i);
            if (!a.eq(other.TensorAt(i).to(a.device)).all().item<bool>())
            {
                return false;
            }
        }

        return true;
    }

    private static void CheckCompatible(Mask mask, Mask other)
    {
        ObjectDisposedException.ThrowIf(mask.IsDisposed, mask);
        ArgumentNullException.ThrowIfNull(other);
        ObjectDisposedException.ThrowIf(other.IsDisposed, other);
        var same = other.Count == mask.Count
            && mask.Layers.Zip(other.Layers).All(p => p.First.Name == p.Second.Name && p.First.Shape.SequenceEqual(p.Second.Shape));
        if (!same)
        {
            throw new ArgumentException(
                $"The masks cover different layers: this one has {Describe(mask.Layers)}, the other {Describe(other.Layers)}. Combine masks of the same model.",
                nameof(other));
        }
    }

    private static string Describe(IEnumerable<PrunableLayer> layers) =>
        PrunableParameters.Quote(layers.Select(l => l.Name + " " + Mask.ShapeText(l.Shape)));
}
