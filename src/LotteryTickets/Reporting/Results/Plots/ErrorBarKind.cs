namespace LotteryTickets.Results.Plots;

/// <summary>What the vertical error bars of a results chart show.</summary>
public enum ErrorBarKind
{
    /// <summary>No error bars.</summary>
    None,

    /// <summary>Mean ± the sample standard deviation over trials.</summary>
    StandardDeviation,

    /// <summary>The confidence interval for the mean (95% by default, see <see cref="SummaryStatistics"/>).</summary>
    ConfidenceInterval,
}
