namespace LotteryTickets.Supermasks;

/// <summary>The accuracy and mean cross-entropy loss of a masked network on a dataset, with no training.</summary>
/// <param name="Accuracy">The fraction of samples classified correctly, in [0, 1] (NaN for an empty dataset).</param>
/// <param name="Loss">The mean cross-entropy loss (NaN for an empty dataset).</param>
public sealed record SupermaskEvaluation(double Accuracy, double Loss);
