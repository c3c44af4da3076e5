using LotteryTickets.Datasets;
using LotteryTickets.Datasets.Loading;
using TorchSharp;
using TorchSharp.Modules;
using DataLoader = LotteryTickets.Datasets.Loading.DataLoader;
using static TorchSharp.torch;

namespace LotteryTickets.Analysis.Instability;

/// <summary>
/// Recomputes the running statistics of a network's batch-norm layers for its current weights, as is done for
/// interpolated networks, whose interpolated statistics describe neither network.
/// </summary>
/// <remarks>
/// Every <see cref="BatchNorm"/> layer that tracks running statistics is reset (mean 0, variance 1,
/// <c>num_batches_tracked</c> 0) and its momentum set to <see langword="null"/> for the pass, so the statistics become
/// the plain average over the batches (PyTorch's cumulative moving average); then the network runs forward in training
/// mode, without gradients, over the first <c>batches</c> batches of a shuffled epoch of the data, and the momenta and
/// training mode are restored. <c>num_batches_tracked</c> ends at the number of batches used. The same weights, data,
/// batch size and seed give the same statistics bit for bit on the CPU. Other random layers (dropout) draw as they
/// would in training; use networks without them, or seeded ones, for exact repeats.
/// </remarks>
public static class BatchNormStatistics
{
    /// <summary>The batch-norm layers of <paramref name="model"/> that track running statistics, in module order.</summary>
    /// <param name="model">The network.</param>
    /// <returns>The layers.</returns>
    public static IReadOnlyList<BatchNorm> Layers(nn.Module model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return [.. model.modules().Prepend(model).OfType<BatchNorm>().Where(b => b.track_running_stats)];
    }

    /// <summary>Recomputes the running statistics of every batch-norm layer of <paramref name="model"/> on <paramref name="data"/>.</summary>
    /// <param name="model">The network; its parameters are not changed.</param>
    /// <param name="data">The data (training data, normally).</param>
    /// <param name="batches">The number of batches, at least 1 (fewer when an epoch has fewer).</param>
    /// <param name="batchSize">The batch size.</param>
    /// <param name="seed">The seed of the shuffled order.</param>
    /// <param name="preload">
    /// Whether to cut the batches from the data set converted once on the device; what this call converts is released at
    /// its end (data the caller preloaded stays).
    /// </param>
    /// <returns>The number of batches used (0 when the network has no batch-norm layer).</returns>
    public static int Recompute(nn.Module<Tensor, Tensor> model, ImageDataset data, int batches, int batchSize, ulong seed = 0, bool preload = true)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(batches, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var layers = Layers(model);
        if (layers.Count == 0)
        {
            return 0;
        }

        var device = DeviceOf(model);
        var preloadedHere = preload && !data.IsPreloaded(device);
        var loader = new DataLoader(data, new DataLoaderOptions { BatchSize = batchSize, Shuffle = true, Seed = seed, Device = device, Preload = preload });
        var count = Math.Min(batches, loader.BatchesPerEpoch);
        var momenta = layers.Select(l => l.momentum).ToArray();
        var wasTraining = model.training;
        try
        {
            foreach (var layer in layers)
            {
                layer.reset_running_stats();
                layer.momentum = null;
            }

            model.train();
            using var noGrad = no_grad();
            for (var b = 0; b < count; b++)
            {
                using var scope = torch.NewDisposeScope();
                var batch = loader.Next();
                model.call(batch.Images);
            }
        }
        finally
        {
            for (var i = 0; i < layers.Count; i++)
            {
                layers[i].momentum = momenta[i];
            }

            model.train(wasTraining);
            if (preloadedHere)
            {
                // Data preloaded by the caller stays; what this call preloaded goes.
                data.ReleasePreloaded(device);
            }
        }

        return count;
    }

    internal static Device DeviceOf(nn.Module model) =>
        model.parameters().Select(p => p.device).FirstOrDefault() ?? model.buffers().Select(b => b.device).FirstOrDefault() ?? CPU;
}
