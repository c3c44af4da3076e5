namespace LotteryTickets.Training;

/// <summary>
/// One evaluation during training: after <paramref name="Iteration"/> optimizer steps, the mean
/// training loss since the previous evaluation and the loss and accuracy on the validation and
/// test sets (model in evaluation mode, no gradients).
/// </summary>
/// <param name="Iteration">The number of optimizer steps taken before the evaluation.</param>
/// <param name="TrainLoss">The mean training-batch loss over the steps since the previous evaluation; <see langword="null"/> when there were none (iteration 0).</param>
/// <param name="ValidationLoss">The mean cross-entropy over the validation set.</param>
/// <param name="ValidationAccuracy">The fraction of validation samples classified correctly, in [0, 1].</param>
/// <param name="TestLoss">The mean cross-entropy over the test set.</param>
/// <param name="TestAccuracy">The fraction of test samples classified correctly, in [0, 1].</param>
public sealed record EvaluationRecord(
    long Iteration,
    double? TrainLoss,
    double ValidationLoss,
    double ValidationAccuracy,
    double TestLoss,
    double TestAccuracy);
