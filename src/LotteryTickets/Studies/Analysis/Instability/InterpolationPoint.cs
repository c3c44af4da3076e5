namespace LotteryTickets.Analysis.Instability;

/// <summary>One evaluated point θ(α) = (1 − α)·θ₁ + α·θ₂ of an <see cref="InterpolationPath"/>.</summary>
/// <param name="Alpha">α in [0, 1]: 0 is the first network, 1 the second.</param>
/// <param name="Loss">The mean cross-entropy loss on the evaluation set.</param>
/// <param name="Error">The error on the evaluation set, 1 − accuracy, in [0, 1].</param>
/// <param name="TrainLoss">The mean cross-entropy loss on the training set, when one was evaluated.</param>
/// <param name="TrainError">The error on the training set, when one was evaluated.</param>
public sealed record InterpolationPoint(double Alpha, double Loss, double Error, double? TrainLoss = null, double? TrainError = null);
