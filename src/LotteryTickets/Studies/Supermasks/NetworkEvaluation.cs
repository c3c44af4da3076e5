using LotteryTickets.Datasets;
using LotteryTickets.Datasets.Loading;
using TorchSharp;
using static TorchSharp.torch;

namespace LotteryTickets.Supermasks;

/// <summary>Evaluates a model as it is (evaluation mode, no gradients) on a whole dataset, in order.</summary>
internal static class NetworkEvaluation
{
    public static SupermaskEvaluation Evaluate(nn.Module<Tensor, Tensor> model, ImageDataset data, int batchSize, Device device)
    {
        var wasTraining = model.training;
        model.eval();
        try
        {
            using var noGrad = no_grad();
            var loader = new DataLoader(data, new DataLoaderOptions { BatchSize = batchSize, Shuffle = false, Device = device });
            double lossSum = 0;
            long correct = 0;
            long count = 0;
            for (var b = 0; b < loader.BatchesPerEpoch; b++)
            {
                using var scope = NewDisposeScope();
                using var batch = loader.Next();
                var logits = model.call(batch.Images);
                lossSum += nn.functional.cross_entropy(logits, batch.Labels, reduction: nn.Reduction.Sum).ToDouble();
                correct += logits.argmax(1).eq(batch.Labels).sum().ToInt64();
                count += batch.Count;
            }

            return count == 0 ? new SupermaskEvaluation(double.NaN, double.NaN) : new SupermaskEvaluation((double)correct / count, lossSum / count);
        }
        finally
        {
            model.train(wasTraining);
        }
    }
}
