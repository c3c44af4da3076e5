namespace LotteryTickets.Results;

/// <summary>One run's results in one flat row, the unit that <see cref="ResultsAggregator"/> aggregates over trials.</summary>
/// <param name="Trial">The trial.</param>
/// <param name="Level">The pruning level.</param>
/// <param name="Branch">The branch name.</param>
/// <param name="PercentWeightsRemaining">The percentage of prunable weights remaining, 0 to 100.</param>
/// <param name="EarlyStopIteration">The iteration of minimum validation loss.</param>
/// <param name="ValidationAccuracyAtEarlyStop">The validation accuracy there.</param>
/// <param name="TestAccuracyAtEarlyStop">The test accuracy there.</param>
/// <param name="FinalTestAccuracy">The test accuracy at the end of training.</param>
public sealed record RunSummary(
    int Trial,
    int Level,
    string Branch,
    double PercentWeightsRemaining,
    int EarlyStopIteration,
    double ValidationAccuracyAtEarlyStop,
    double TestAccuracyAtEarlyStop,
    double FinalTestAccuracy)
{
    /// <summary>The run's key.</summary>
    public RunKey Key => new(Trial, Level, Branch);
}
