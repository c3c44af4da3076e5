namespace LotteryTickets.Supermasks;

/// <summary>One cell of the accuracy-at-initialization table: a criterion at a sparsity, evaluated with no training.</summary>
/// <param name="Criterion">The mask criterion's name.</param>
/// <param name="Sparsity">The target sparsity the mask was pruned to (fraction of the prunable weights pruned).</param>
/// <param name="PercentRemaining">The percentage of prunable weights the evaluated mask keeps (100 × kept / total).</param>
/// <param name="TestAccuracy">The accuracy of the masked network at initialization, a fraction in [0, 1].</param>
/// <param name="TestLoss">The mean cross-entropy loss of the masked network at initialization.</param>
public sealed record AccuracyAtInitializationRow(string Criterion, double Sparsity, double PercentRemaining, double TestAccuracy, double TestLoss);
