using LotteryTickets.Datasets;
using LotteryTickets.Datasets.Loading;
using LotteryTickets.Training;
using static TorchSharp.torch;

namespace LotteryTickets.Analysis.Instability;

/// <summary>
/// Evaluates a network with the <see cref="Training.Trainer"/>'s own evaluation (<see cref="ModelEvaluation"/>), in
/// batches of the evaluation batch size, so the numbers at α = 0 and α = 1 are the networks' own evaluations bit for bit.
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
        return ModelEvaluation.Evaluate(model, loader, options.Loss);
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
