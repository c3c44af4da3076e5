using LotteryTickets.Datasets.Loading;
using TorchSharp;
using static TorchSharp.torch;

namespace LotteryTickets.Training;

/// <summary>
/// The one evaluation of a network on a data set, shared by the <see cref="Trainer"/> and the analyses that must
/// reproduce its numbers bit for bit: evaluation mode, no gradients, the loader's batches in order from its start, the
/// summed loss (double; cross-entropy unless another <see cref="LossKind"/> is given) and the correct count (long, the
/// largest output's class) accumulated batch by batch.
/// </summary>
internal static class ModelEvaluation
{
    /// <summary>The mean loss and the accuracy of <paramref name="model"/> over one epoch of <paramref name="loader"/>.</summary>
    /// <param name="model">The network; its training mode is restored afterwards.</param>
    /// <param name="loader">An unshuffled loader; its position is reset to the start.</param>
    /// <param name="loss">The loss to report.</param>
    /// <returns>The mean loss and the accuracy.</returns>
    public static (double Loss, double Accuracy) Evaluate(nn.Module<Tensor, Tensor> model, DataLoader loader, LossKind loss = LossKind.CrossEntropy)
    {
        var wasTraining = model.training;
        model.eval();
        try
        {
            using var noGrad = torch.no_grad();
            double lossSum = 0;
            long correct = 0;
            long count = 0;
            long classes = 0;
            loader.Position = LoaderPosition.Start;
            for (var b = 0; b < loader.BatchesPerEpoch; b++)
            {
                using var scope = torch.NewDisposeScope();
                var batch = loader.Next();
                var logits = model.call(batch.Images);
                lossSum += LossFunctions.Sum(loss, logits, batch.Labels).ToDouble();
                classes = logits.shape[^1];
                correct += logits.argmax(1).eq(batch.Labels).sum().ToInt64();
                count += batch.Count;
            }

            return (lossSum / LossFunctions.Divisor(loss, count, classes), (double)correct / count);
        }
        finally
        {
            model.train(wasTraining);
        }
    }
}
