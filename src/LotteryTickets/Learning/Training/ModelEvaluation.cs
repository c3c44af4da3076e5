using LotteryTickets.Datasets.Loading;
using TorchSharp;
using static TorchSharp.torch;

namespace LotteryTickets.Training;

/// <summary>
/// The one evaluation of a network on a data set, shared by the <see cref="Trainer"/> and the analyses that must
/// reproduce its numbers bit for bit: evaluation mode, no gradients, the loader's batches in order from its start, the
/// summed cross-entropy (double) and the correct count (long) accumulated batch by batch.
/// </summary>
internal static class ModelEvaluation
{
    /// <summary>The mean cross-entropy and the accuracy of <paramref name="model"/> over one epoch of <paramref name="loader"/>.</summary>
    /// <param name="model">The network; its training mode is restored afterwards.</param>
    /// <param name="loader">An unshuffled loader; its position is reset to the start.</param>
    /// <returns>The mean loss and the accuracy.</returns>
    public static (double Loss, double Accuracy) Evaluate(nn.Module<Tensor, Tensor> model, DataLoader loader)
    {
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
}
