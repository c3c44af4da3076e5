namespace LotteryTickets.Results.Plots;

/// <summary>One line of a chart: a name for the legend and its points.</summary>
/// <param name="Name">The legend label.</param>
/// <param name="Points">The points; they are joined in order of x.</param>
public sealed record ChartSeries(string Name, IReadOnlyList<ChartPoint> Points);
