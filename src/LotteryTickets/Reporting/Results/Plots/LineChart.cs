namespace LotteryTickets.Results.Plots;

/// <summary>A line chart to render with <see cref="SvgLineChart"/>: series, axis titles, a title and the x scale.</summary>
public sealed record LineChart
{
    /// <summary>The chart title.</summary>
    public required string Title { get; init; }

    /// <summary>The x axis title.</summary>
    public required string XTitle { get; init; }

    /// <summary>The y axis title.</summary>
    public required string YTitle { get; init; }

    /// <summary>The series, one line each, in legend order.</summary>
    public required IReadOnlyList<ChartSeries> Series { get; init; }

    /// <summary>How x values map to positions.</summary>
    /// <value>The default value is <see cref="XAxisScale.Linear"/>.</value>
    public XAxisScale XScale { get; init; } = XAxisScale.Linear;

    /// <summary>The image width in pixels.</summary>
    /// <value>The default value is 760.</value>
    public int Width { get; init; } = 760;

    /// <summary>The image height in pixels.</summary>
    /// <value>The default value is 480.</value>
    public int Height { get; init; } = 480;
}
