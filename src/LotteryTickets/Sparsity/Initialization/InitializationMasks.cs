using LotteryTickets.Masks;
using static TorchSharp.torch;

namespace LotteryTickets.Initialization;

/// <summary>Builds masks with given per-layer counts: at random positions, or at the largest magnitudes.</summary>
internal static class InitializationMasks
{
    /// <summary>A mask keeping <paramref name="counts"/> weights per layer at positions drawn from <paramref name="generator"/> (layer by layer, in model order).</summary>
    public static Mask Random(LayerKeepCounts counts, Generator generator, Device device) =>
        Build(counts, device, layer => randperm(layer.Count, dtype: ScalarType.Int64, device: generator.device, generator: generator));

    /// <summary>A mask keeping, in each layer, the <paramref name="counts"/> weights of largest magnitude in <paramref name="weights"/> (ties to the lower flat index).</summary>
    public static Mask Largest(LayerKeepCounts counts, IReadOnlyDictionary<string, Tensor> weights, Device device) =>
        Build(counts, device, layer => weights[layer.Name].detach().reshape(-1).abs().sort(0, descending: true, stable: true).Indices);

    private static Mask Build(LayerKeepCounts counts, Device device, Func<PrunableLayer, Tensor> order)
    {
        using var scope = NewDisposeScope();
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        for (var i = 0; i < counts.Layers.Count; i++)
        {
            var layer = counts.Layers[i];
            var ranking = order(layer);
            var flat = zeros([layer.Count], ScalarType.Float32, ranking.device);
            if (counts.Counts[i] > 0)
            {
                flat.index_fill_(0, ranking.narrow(0, 0, counts.Counts[i]), 1.0);
            }

            tensors[layer.Name] = flat.reshape(layer.Shape).to(device);
        }

        return Mask.Create(tensors, counts.Layers);
    }
}
