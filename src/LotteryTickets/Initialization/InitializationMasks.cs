using LotteryTickets.Masks;
using LotteryTickets.Pruning;
using LotteryTickets.Torch;

namespace LotteryTickets.Initialization;

/// <summary>Builds masks with given per-layer counts: at random positions, or at the largest magnitudes.</summary>
internal static class InitializationMasks
{
    /// <summary>A mask keeping <paramref name="counts"/> weights per layer at positions drawn from <paramref name="generator"/> (layer by layer, in model order).</summary>
    public static Mask Random(LayerKeepCounts counts, Generator generator, Device device) =>
        Build(counts, device, (layer, _) => Tensor.RandPerm(layer.Count, generator, ScalarType.Int64, generator.Device));

    /// <summary>A mask keeping, in each layer, the <paramref name="counts"/> weights of largest magnitude in <paramref name="weights"/> (ties to the lower flat index).</summary>
    public static Mask Largest(LayerKeepCounts counts, IReadOnlyDictionary<string, Tensor> weights, Device device) =>
        Build(counts, device, (layer, _) => weights[layer.Name].Detach().Reshape([-1]).Abs().ArgSort(0, descending: true, stable: true));

    private static Mask Build(LayerKeepCounts counts, Device device, Func<PrunableLayer, int, Tensor> order)
    {
        using var scope = DisposeScope.Begin();
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        for (var i = 0; i < counts.Layers.Count; i++)
        {
            var layer = counts.Layers[i];
            var ranking = order(layer, i);
            var flat = Tensor.Zeros([layer.Count], ScalarType.Float32, ranking.Device);
            if (counts.Counts[i] > 0)
            {
                flat.Scatter_(0, ranking.Narrow(0, 0, counts.Counts[i]), 1.0);
            }

            tensors[layer.Name] = flat.Reshape(layer.Shape).To(device);
        }

        return Mask.Create(tensors, counts.Layers);
    }
}
