using System.Globalization;
using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Legends;
using OxyPlot.Series;

namespace LotteryTickets.Results.Plots;

/// <summary>
/// Renders a <see cref="LineChart"/> as a standalone SVG document with OxyPlot (<see cref="PlotModel"/> exported by
/// OxyPlot's managed <see cref="SvgExporter"/>, text measured with its built-in font metrics): the same chart always
/// gives the same bytes, on every machine and in every culture.
/// </summary>
/// <remarks>
/// <para>Conventions: a white background; the title on top; light grid lines at the major ticks; the x axis below and
/// the y axis on the left, each with a title; the legend outside the plot area on the right, one entry per series in the
/// given order. Each series is a line through its points in order of x with a circle marker per point, and a vertical
/// error bar with caps per point that has one (<see cref="ChartPoint.HasErrorBar"/>), in the series' colour. Points
/// with a non-finite x or y are left out.</para>
/// <para>Log x axis (<see cref="XAxisScale.LogDecreasing"/>): the largest value is on the left; positions are linear in
/// log(x), so equal ratios are equal distances. The y axis range always includes the error bars.</para>
/// </remarks>
public static class SvgLineChart
{
    /// <summary>The colours given to series in order (the Tableau 10 palette), repeating after ten.</summary>
    public static IReadOnlyList<string> Palette { get; } =
        ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

    // Room between tick labels and axis titles: viewers substitute wider fonts for Arial (DejaVu Sans on Linux) than
    // the metrics the layout is measured with.
    private const double TitleDistance = 10;

    private static readonly OxyColor Grid = OxyColor.Parse("#e0e0e0");

    /// <summary>Renders <paramref name="chart"/> as SVG text.</summary>
    /// <param name="chart">The chart.</param>
    /// <returns>The SVG document as text, UTF-8, with an XML declaration.</returns>
    /// <exception cref="ArgumentException">The chart has no finite points, a log axis has a value that is not positive, or the size is too small.</exception>
    public static string Render(LineChart chart)
    {
        var model = ToPlotModel(chart);
        var svg = SvgExporter.ExportToString(model, chart.Width, chart.Height, isDocument: false, textMeasurer: new SvgTextMeasurer(), useVerticalTextAlignmentWorkaround: true);
        return svg.ReplaceLineEndings("\n").TrimEnd('\n') + "\n";
    }

    /// <summary>The OxyPlot model of <paramref name="chart"/>, to show in an OxyPlot view or export in another format.</summary>
    /// <param name="chart">The chart.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentException">The chart has no finite points, a log axis has a value that is not positive, or the size is too small.</exception>
    public static PlotModel ToPlotModel(LineChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        if (chart.Width < 370 || chart.Height < 210)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The chart '{chart.Title}' is {chart.Width}×{chart.Height} pixels; it must be at least 370×210."),
                nameof(chart));
        }

        var series = chart.Series
            .Select(s => s with { Points = s.Points.Where(p => double.IsFinite(p.Y) && double.IsFinite(p.X)).OrderBy(p => p.X).ToList() })
            .ToList();
        if (!series.Any(s => s.Points.Count > 0))
        {
            throw new ArgumentException($"The chart '{chart.Title}' has no points with finite values to draw.", nameof(chart));
        }

        if (chart.XScale == XAxisScale.LogDecreasing && series.Any(s => s.Points.Any(p => p.X <= 0)))
        {
            throw new ArgumentException(
                $"The chart '{chart.Title}' has an x value of 0 or less on a log axis; every x must be positive.", nameof(chart));
        }

        var model = new PlotModel
        {
            Title = chart.Title,
            Culture = CultureInfo.InvariantCulture,
            TitleFontSize = 16,
            DefaultFont = "Arial",
            DefaultFontSize = 12,
            Background = OxyColors.White,
            PlotAreaBorderThickness = new OxyThickness(1, 0, 0, 1),
        };
        model.Legends.Add(new Legend
        {
            LegendPlacement = LegendPlacement.Outside,
            LegendPosition = LegendPosition.RightTop,
            LegendOrientation = LegendOrientation.Vertical,
            LegendBorderThickness = 0,
        });
        model.Axes.Add(XAxis(chart, series));
        model.Axes.Add(YAxis(chart, series));

        for (var i = 0; i < series.Count; i++)
        {
            var colour = OxyColor.Parse(Palette[i % Palette.Count]);
            var bars = new ScatterErrorSeries
            {
                MarkerType = MarkerType.None,
                ErrorBarColor = colour,
                ErrorBarStrokeThickness = 1.2,
                ErrorBarStopWidth = 4,
                RenderInLegend = false,
            };

            // A bar from ErrorLow to ErrorHigh: OxyPlot draws ErrorY / 2 either side of the bar's middle (the marker is the
            // line's, at y).
            bars.Points.AddRange(series[i].Points.Where(p => p.HasErrorBar).Select(p =>
                new ScatterErrorPoint(p.X, (p.ErrorLow!.Value + p.ErrorHigh!.Value) / 2, 0, p.ErrorHigh.Value - p.ErrorLow.Value)));
            var line = new LineSeries
            {
                Title = series[i].Name,
                Color = colour,
                StrokeThickness = 2,
                MarkerType = MarkerType.Circle,
                MarkerSize = 3.5,
                MarkerFill = colour,
            };
            line.Points.AddRange(series[i].Points.Select(p => new DataPoint(p.X, p.Y)));
            model.Series.Add(bars);
            model.Series.Add(line);
        }

        return model;
    }

    // The y range covers the points and their error bars, with 4% of it to spare either side.
    private static LinearAxis YAxis(LineChart chart, List<ChartSeries> series)
    {
        var values = series.SelectMany(s => s.Points)
            .SelectMany(p => p.HasErrorBar ? [p.Y, p.ErrorLow!.Value, p.ErrorHigh!.Value] : new[] { p.Y })
            .Where(double.IsFinite)
            .ToList();
        var (low, high) = (values.Min(), values.Max());
        var pad = high > low ? (high - low) * 0.04 : Math.Max(Math.Abs(low) * 0.05, 1e-3);
        return new LinearAxis
        {
            Position = AxisPosition.Left,
            Title = chart.YTitle,
            Minimum = low - pad,
            Maximum = high + pad,
            MajorGridlineStyle = LineStyle.Solid,
            MajorGridlineColor = Grid,
            AxisTitleDistance = TitleDistance,
        };
    }

    // One x value (a gradual plan's single level) gets a range around it, so its point sits in the middle.
    private static Axis XAxis(LineChart chart, List<ChartSeries> series)
    {
        var xs = series.SelectMany(s => s.Points).Select(p => p.X).ToList();
        var single = xs.Min() == xs.Max() ? xs[0] : (double?)null;
        if (chart.XScale == XAxisScale.LogDecreasing)
        {
            var log = new LogarithmicAxis
            {
                Position = AxisPosition.Bottom,
                Title = chart.XTitle,
                StartPosition = 1,
                EndPosition = 0,
                MajorGridlineStyle = LineStyle.Solid,
                MajorGridlineColor = Grid,
                AxisTitleDistance = TitleDistance,
                MinimumPadding = 0.04,
                MaximumPadding = 0.04,
            };
            if (single is { } x)
            {
                (log.Minimum, log.Maximum) = (x / 2, x * 2);
            }

            return log;
        }

        var linear = new LinearAxis
        {
            Position = AxisPosition.Bottom,
            Title = chart.XTitle,
            MajorGridlineStyle = LineStyle.Solid,
            MajorGridlineColor = Grid,
            AxisTitleDistance = TitleDistance,
            MinimumPadding = 0.02,
            MaximumPadding = 0.02,
        };
        if (single is { } value)
        {
            var pad = Math.Max(Math.Abs(value) * 0.5, 1);
            (linear.Minimum, linear.Maximum) = (value - pad, value + pad);
        }

        return linear;
    }
}
