namespace LotteryTickets.Results;

/// <summary>
/// One evaluation of a network during a training run: the loss and accuracy on the validation and test sets
/// after <see cref="Iteration"/> training iterations, and optionally the running training loss.
/// </summary>
/// <remarks>
/// Accuracies are fractions in [0, 1]. A diverged run may report <see cref="double.NaN"/> or infinite losses;
/// they are stored as they are and never chosen as the minimum validation loss (see <see cref="RunMetrics"/>).
/// </remarks>
/// <param name="Iteration">The number of training iterations (optimizer steps) done before this evaluation; 0 is at initialization.</param>
/// <param name="ValidationLoss">The mean loss on the validation set.</param>
/// <param name="ValidationAccuracy">The accuracy on the validation set, a fraction in [0, 1].</param>
/// <param name="TestLoss">The mean loss on the test set.</param>
/// <param name="TestAccuracy">The accuracy on the test set, a fraction in [0, 1].</param>
/// <param name="TrainLoss">The training loss around this iteration, or <see langword="null"/> when not recorded.</param>
public sealed record Evaluation(
    int Iteration,
    double ValidationLoss,
    double ValidationAccuracy,
    double TestLoss,
    double TestAccuracy,
    double? TrainLoss = null);
