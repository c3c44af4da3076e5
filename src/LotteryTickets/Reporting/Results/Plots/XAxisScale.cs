namespace LotteryTickets.Results.Plots;

/// <summary>How a chart's x axis maps values to positions.</summary>
public enum XAxisScale
{
    /// <summary>Linear, increasing from left to right (e.g. training iterations).</summary>
    Linear,

    /// <summary>
    /// Logarithmic and decreasing from left to right (e.g. % weights remaining, 100 → 1, as in Frankle &amp; Carbin's
    /// figures): equal ratios are equal distances. Values must be positive.
    /// </summary>
    LogDecreasing,
}
