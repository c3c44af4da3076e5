using LotteryTickets.Datasets;
using LotteryTickets.Datasets.Loading;
using TorchSharp;
using static TorchSharp.torch;

namespace LotteryTickets.Analysis.Instability;

/// <summary>
/// Evaluates a network as <see cref="Training.Trainer.Evaluate"/> does — evaluation mode, no gradients, the data in
/// order in batches of the evaluation batch size, the summed cross-entropy and the correct count accumulated batch by
/// batch in the same order and types — so the numbers at α = 0 and α = 1 are the networks' own evaluations bit for bit.
/// Releases, on <see cref="Dispose"/>, the data it preloaded on the device (data preloaded before stays).
/// </summary>
internal sealed class PathEvaluator : IDisposable
{
    private readonly Device device;
    private readonly InterpolationOptions options;
    private readonly List<ImageDataset> preloadedHere = [];

    public PathEvaluator(Device device, InterpolationOptions options)
    {
        this.device = device;
        this.options = options;
    }

    public (double Loss, double Accuracy) Evaluate(nn.Module<Tensor, Tensor> model, ImageDataset data)
    {
        Track(data, options.PreloadData);
        var loader = new DataLoader(data, new DataLoaderOptions { BatchSize = options.EvaluationBatchSize, Shuffle = false, Device = device, Preload = options.PreloadData });
        var wasTraining = model.training;
        model.eval();
        try
        {
            using var noGrad = torch.no_grad();
            double lossSum = 0;
            long correct = 0;
            long count = 0;
            loader.Position = LoaderPosition.Start;
            for (var b = 0; b < loader.BatchesPerEpoch; b++)
            {
                using var scope = torch.NewDisposeScope();
                var batch = loader.Next();
                var logits = model.call(batch.Images);
                lossSum += nn.functional.cross_entropy(logits, batch.Labels, reduction: nn.Reduction.Sum).ToDouble();
                correct += logits.argmax(1).eq(batch.Labels).sum().ToInt64();
                count += batch.Count;
            }

            return (lossSum / count, (double)correct / count);
        }
        finally
        {
            model.train(wasTraining);
        }
    }

    public void RecomputeBatchNorm(nn.Module<Tensor, Tensor> model, ImageDataset data)
    {
        Track(data, options.PreloadData);
        BatchNormStatistics.Recompute(model, data, options.BatchNormBatches, options.BatchNormBatchSize, options.BatchNormSeed, options.PreloadData);
    }

    public void Dispose()
    {
        foreach (var data in preloadedHere)
        {
            data.ReleasePreloaded(device);
        }

        preloadedHere.Clear();
    }

    private void Track(ImageDataset data, bool preload)
    {
        if (preload && !preloadedHere.Contains(data) && !data.IsPreloaded(device))
        {
            preloadedHere.Add(data);
        }
    }
}
