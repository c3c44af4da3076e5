using LotteryTickets.Datasets;
using LotteryTickets.Datasets.Loading;
using LotteryTickets.Torch;
using LotteryTickets.Torch.Nn;

namespace LotteryTickets.Supermasks;

/// <summary>Evaluates a model as it is (evaluation mode, no gradients) on a whole dataset, in order.</summary>
internal static class NetworkEvaluation
{
    public static SupermaskEvaluation Evaluate(Module model, ImageDataset data, int batchSize, Device device)
    {
        var wasTraining = model.IsTraining;
        model.Eval();
        try
        {
            using var noGrad = Autograd.NoGrad();
            var loader = new DataLoader(data, new DataLoaderOptions { BatchSize = batchSize, Shuffle = false, Device = device });
            double lossSum = 0;
            long correct = 0;
            long count = 0;
            for (var b = 0; b < loader.BatchesPerEpoch; b++)
            {
                using var scope = DisposeScope.Begin();
                using var batch = loader.Next();
                var logits = model.Forward(batch.Images);
                lossSum += Functional.CrossEntropy(logits, batch.Labels, Reduction.Sum).ToDouble();
                correct += logits.ArgMax(1).Eq(batch.Labels).Sum().ToInt64();
                count += batch.Count;
            }

            return count == 0 ? new SupermaskEvaluation(double.NaN, double.NaN) : new SupermaskEvaluation((double)correct / count, lossSum / count);
        }
        finally
        {
            model.Train(wasTraining);
        }
    }
}
