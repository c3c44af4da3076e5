using LotteryTickets.Masks;

namespace LotteryTickets.OwnLoop;

/// <summary>What the sample's two phases found.</summary>
/// <param name="GradualAccuracy">The test accuracy of the gradually pruned network.</param>
/// <param name="GradualSparsity">Its mask's per-layer counts.</param>
/// <param name="GradualRevivedWeights">The largest number of pruned weights that were not +0.0 after any optimizer step (0: the wrapper kept them all at +0.0).</param>
/// <param name="Levels">Per IMP round: the level, the percentage of weights remaining and the test accuracy at the end of the round.</param>
public sealed record OwnLoopReport(double GradualAccuracy, SparsityReport GradualSparsity, long GradualRevivedWeights, IReadOnlyList<(int Level, double PercentRemaining, double Accuracy)> Levels);
