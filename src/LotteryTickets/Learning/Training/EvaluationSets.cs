using LotteryTickets.Datasets;
using LotteryTickets.Datasets.Loading;
using DataLoader = LotteryTickets.Datasets.Loading.DataLoader;
using static TorchSharp.torch;

namespace LotteryTickets.Training;

/// <summary>The validation and test sets a <see cref="Trainer"/> evaluates on, in fixed order, in evaluation batches on its device.</summary>
internal sealed class EvaluationSets
{
    private readonly DataLoader validation;
    private readonly DataLoader test;
    private readonly LossKind loss;

    /// <summary>Loaders of <paramref name="validation"/> and <paramref name="test"/> as <paramref name="options"/> ask for.</summary>
    public EvaluationSets(ImageDataset validation, ImageDataset test, TrainingOptions options)
    {
        this.validation = Loader(validation, options);
        this.test = Loader(test, options);
        loss = options.Loss;
    }

    /// <summary>Evaluates <paramref name="model"/> on both sets (evaluation mode, no gradients).</summary>
    public EvaluationRecord Evaluate(nn.Module<Tensor, Tensor> model, long iteration, double? trainingLoss)
    {
        var (vLoss, vAccuracy) = ModelEvaluation.Evaluate(model, validation, loss);
        var (tLoss, tAccuracy) = ModelEvaluation.Evaluate(model, test, loss);
        return new EvaluationRecord(iteration, trainingLoss, vLoss, vAccuracy, tLoss, tAccuracy);
    }

    private static DataLoader Loader(ImageDataset dataset, TrainingOptions options) =>
        new(dataset, new DataLoaderOptions { BatchSize = options.EvaluationBatchSize, Shuffle = false, Device = options.Device, Preload = options.PreloadData });
}
