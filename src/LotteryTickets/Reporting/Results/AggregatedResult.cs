namespace LotteryTickets.Results;

/// <summary>The results of one (level, branch) over all its trials.</summary>
/// <param name="Level">The pruning level.</param>
/// <param name="Branch">The branch name.</param>
/// <param name="Trials">The trials aggregated, in increasing order.</param>
/// <param name="PercentWeightsRemaining">The percentage of weights remaining.</param>
/// <param name="EarlyStopIteration">The iteration of minimum validation loss.</param>
/// <param name="ValidationAccuracyAtEarlyStop">The validation accuracy at the early-stop iteration.</param>
/// <param name="TestAccuracyAtEarlyStop">The test accuracy at the early-stop iteration.</param>
/// <param name="FinalTestAccuracy">The test accuracy at the end of training.</param>
public sealed record AggregatedResult(
    int Level,
    string Branch,
    IReadOnlyList<int> Trials,
    SummaryStatistics PercentWeightsRemaining,
    SummaryStatistics EarlyStopIteration,
    SummaryStatistics ValidationAccuracyAtEarlyStop,
    SummaryStatistics TestAccuracyAtEarlyStop,
    SummaryStatistics FinalTestAccuracy);
