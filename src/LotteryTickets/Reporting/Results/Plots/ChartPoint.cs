namespace LotteryTickets.Results.Plots;

/// <summary>One point of a chart series, with an optional vertical error bar from <see cref="ErrorLow"/> to <see cref="ErrorHigh"/>.</summary>
/// <param name="X">The x value.</param>
/// <param name="Y">The y value.</param>
/// <param name="ErrorLow">The lower end of the error bar (a y value), or <see langword="null"/> for no bar.</param>
/// <param name="ErrorHigh">The upper end of the error bar (a y value), or <see langword="null"/> for no bar.</param>
public sealed record ChartPoint(double X, double Y, double? ErrorLow = null, double? ErrorHigh = null)
{
    /// <summary>Whether the point has an error bar of non-zero length.</summary>
    public bool HasErrorBar => ErrorLow is { } low && ErrorHigh is { } high && high > low;
}
