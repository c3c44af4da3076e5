using System.Globalization;
using System.Xml.Linq;

namespace LotteryTickets.Results.Plots;

/// <summary>
/// Renders a <see cref="LineChart"/> as a standalone SVG document, written by hand with <see cref="System.Xml.Linq"/>
/// (so every label is escaped and the output is well-formed XML).
/// </summary>
/// <remarks>
/// <para>Conventions: a white background; the title on top; the plot area with light grid lines at the ticks; the
/// x axis below and the y axis on the left, each with tick labels and a title; the legend on the right, one entry per
/// series in the given order. Each series is a <c>&lt;g class="series"&gt;</c> holding one <c>&lt;polyline class="line"&gt;</c>
/// through its points in order of x, one <c>&lt;circle class="marker"&gt;</c> per point (with <c>data-x</c> and
/// <c>data-y</c> attributes holding the values) and one <c>&lt;path class="error-bar"&gt;</c> per point that has an error
/// bar (a vertical line with caps). Points with a non-finite y are left out.</para>
/// <para>Log x axis (<see cref="XAxisScale.LogDecreasing"/>): the largest value is on the left; positions are linear in
/// log(x), so equal ratios are equal distances; ticks are the 1-2-5 values of each decade within the data range
/// (100, 50, 20, 10, 5, 2, 1, …), or the data values themselves when the range holds fewer than three of those.
/// Linear axes use ticks at 1, 2 or 5 × 10^k steps, and the y range always includes the error bars.</para>
/// </remarks>
public static class SvgLineChart
{
    private const double MarginLeft = 80;
    private const double MarginRight = 190;
    private const double MarginTop = 50;
    private const double MarginBottom = 60;
    private const double MarkerRadius = 3.5;
    private const double CapHalfWidth = 4;

    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    /// <summary>The colours given to series in order (the Tableau 10 palette), repeating after ten.</summary>
    public static IReadOnlyList<string> Palette { get; } =
        ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

    /// <summary>Renders <paramref name="chart"/> as SVG text.</summary>
    /// <param name="chart">The chart.</param>
    /// <returns>The SVG document as text, UTF-8, with an XML declaration.</returns>
    /// <exception cref="ArgumentException">The chart has no finite points, a log axis has a value that is not positive, or the size is too small.</exception>
    public static string Render(LineChart chart)
    {
        var document = ToDocument(chart);
        return document.Declaration + "\n" + document.Root!.ToString() + "\n";
    }

    /// <summary>Renders <paramref name="chart"/> as an SVG XML document.</summary>
    /// <param name="chart">The chart.</param>
    /// <returns>The document.</returns>
    /// <exception cref="ArgumentException">The chart has no finite points, a log axis has a value that is not positive, or the size is too small.</exception>
    public static XDocument ToDocument(LineChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        if (chart.Width < MarginLeft + MarginRight + 100 || chart.Height < MarginTop + MarginBottom + 100)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The chart '{chart.Title}' is {chart.Width}×{chart.Height} pixels; it must be at least 370×210."),
                nameof(chart));
        }

        var series = chart.Series
            .Select(s => s with { Points = s.Points.Where(p => double.IsFinite(p.Y) && double.IsFinite(p.X)).OrderBy(p => p.X).ToList() })
            .ToList();
        var points = series.SelectMany(s => s.Points).ToList();
        if (points.Count == 0)
        {
            throw new ArgumentException($"The chart '{chart.Title}' has no points with finite values to draw.", nameof(chart));
        }

        if (chart.XScale == XAxisScale.LogDecreasing && points.Any(p => p.X <= 0))
        {
            throw new ArgumentException(
                $"The chart '{chart.Title}' has an x value of 0 or less on a log axis; every x must be positive.", nameof(chart));
        }

        var left = MarginLeft;
        var right = chart.Width - MarginRight;
        var top = MarginTop;
        var bottom = chart.Height - MarginBottom;

        // X mapping.
        var xValues = points.Select(p => p.X).ToList();
        var xMin = xValues.Min();
        var xMax = xValues.Max();
        Func<double, double> xPosition;
        double[] xTicks;
        Func<double, string> xLabel;
        if (chart.XScale == XAxisScale.LogDecreasing)
        {
            var logMax = Math.Log(xMax);
            var logMin = Math.Log(xMin);
            var span = logMax - logMin;
            var pad = span > 0 ? span * 0.04 : Math.Log(2);
            logMax += pad;
            logMin -= pad;
            xPosition = x => left + ((logMax - Math.Log(x)) / (logMax - logMin) * (right - left));
            xTicks = AxisTicks.Log(xMin, xMax, xValues);
            xLabel = AxisTicks.LogLabel;
        }
        else
        {
            var (low, high, ticks, decimals) = AxisTicks.Linear(xMin, xMax);
            xPosition = x => left + ((x - low) / (high - low) * (right - left));
            xTicks = ticks;
            xLabel = v => AxisTicks.LinearLabel(v, decimals);
        }

        // Y mapping, including the error bars.
        var yValues = points.SelectMany(p => p.HasErrorBar ? new[] { p.Y, p.ErrorLow!.Value, p.ErrorHigh!.Value } : new[] { p.Y })
            .Where(double.IsFinite)
            .ToList();
        var (yLow, yHigh, yTicks, yDecimals) = AxisTicks.Linear(yValues.Min(), yValues.Max());
        double YPosition(double y) => bottom - ((y - yLow) / (yHigh - yLow) * (bottom - top));

        var root = new XElement(
            Svg + "svg",
            new XAttribute("width", chart.Width),
            new XAttribute("height", chart.Height),
            new XAttribute("viewBox", string.Create(CultureInfo.InvariantCulture, $"0 0 {chart.Width} {chart.Height}")),
            new XAttribute("font-family", "sans-serif"),
            new XAttribute("font-size", "12"),
            new XElement(Svg + "title", chart.Title),
            new XElement(Svg + "rect", Attr("class", "background"), Attr("x", 0), Attr("y", 0), Attr("width", chart.Width), Attr("height", chart.Height), Attr("fill", "white")),
            Text("title", chart.Width / 2.0, MarginTop / 2.0 + 5, chart.Title, "middle", ("font-size", "16"), ("font-weight", "bold")));

        var grid = new XElement(Svg + "g", Attr("class", "grid"), Attr("stroke", "#e0e0e0"), Attr("stroke-width", 1));
        var xAxis = new XElement(Svg + "g", Attr("class", "x-axis"));
        xAxis.Add(Line("axis-line", left, bottom, right, bottom, "black"));
        foreach (var tick in xTicks)
        {
            var x = xPosition(tick);
            grid.Add(Line("grid-line", x, top, x, bottom, null));
            xAxis.Add(Line("tick", x, bottom, x, bottom + 5, "black"));
            xAxis.Add(Text("tick-label", x, bottom + 18, xLabel(tick), "middle"));
        }

        xAxis.Add(Text("axis-title", (left + right) / 2, chart.Height - 15, chart.XTitle, "middle"));

        var yAxis = new XElement(Svg + "g", Attr("class", "y-axis"));
        yAxis.Add(Line("axis-line", left, top, left, bottom, "black"));
        foreach (var tick in yTicks)
        {
            var y = YPosition(tick);
            grid.Add(Line("grid-line", left, y, right, y, null));
            yAxis.Add(Line("tick", left - 5, y, left, y, "black"));
            yAxis.Add(Text("tick-label", left - 8, y + 4, AxisTicks.LinearLabel(tick, yDecimals), "end"));
        }

        var yTitleX = 20.0;
        var yTitleY = (top + bottom) / 2;
        yAxis.Add(Text("axis-title", yTitleX, yTitleY, chart.YTitle, "middle", ("transform", Invariant($"rotate(-90 {yTitleX} {yTitleY})"))));
        root.Add(grid, xAxis, yAxis);

        var legend = new XElement(Svg + "g", Attr("class", "legend"));
        for (var i = 0; i < series.Count; i++)
        {
            var s = series[i];
            var colour = Palette[i % Palette.Count];
            var group = new XElement(Svg + "g", Attr("class", "series"), Attr("data-name", s.Name), Attr("stroke", colour), Attr("fill", colour));
            group.Add(new XElement(
                Svg + "polyline",
                Attr("class", "line"),
                Attr("fill", "none"),
                Attr("stroke-width", 2),
                Attr("points", string.Join(" ", s.Points.Select(p => Invariant($"{Round(xPosition(p.X))},{Round(YPosition(p.Y))}"))))));
            foreach (var p in s.Points.Where(p => p.HasErrorBar))
            {
                var x = Round(xPosition(p.X));
                var low = Round(YPosition(p.ErrorLow!.Value));
                var high = Round(YPosition(p.ErrorHigh!.Value));
                group.Add(new XElement(
                    Svg + "path",
                    Attr("class", "error-bar"),
                    Attr("fill", "none"),
                    Attr("stroke-width", 1.2),
                    Attr("d", Invariant($"M{x},{low} V{high} M{Round(x - CapHalfWidth)},{low} H{Round(x + CapHalfWidth)} M{Round(x - CapHalfWidth)},{high} H{Round(x + CapHalfWidth)}"))));
            }

            foreach (var p in s.Points)
            {
                group.Add(new XElement(
                    Svg + "circle",
                    Attr("class", "marker"),
                    Attr("cx", Round(xPosition(p.X))),
                    Attr("cy", Round(YPosition(p.Y))),
                    Attr("r", MarkerRadius),
                    Attr("data-x", p.X.ToString("R", CultureInfo.InvariantCulture)),
                    Attr("data-y", p.Y.ToString("R", CultureInfo.InvariantCulture))));
            }

            root.Add(group);

            var entryY = top + 10 + (i * 20);
            var entryX = right + 20;
            legend.Add(new XElement(
                Svg + "g",
                Attr("class", "legend-entry"),
                Attr("data-name", s.Name),
                Line("legend-line", entryX, entryY, entryX + 24, entryY, colour, 2),
                new XElement(Svg + "circle", Attr("cx", entryX + 12), Attr("cy", entryY), Attr("r", MarkerRadius), Attr("fill", colour)),
                Text("legend-label", entryX + 32, entryY + 4, s.Name, "start")));
        }

        root.Add(legend);
        return new XDocument(new XDeclaration("1.0", "utf-8", null), root);
    }

    private static XAttribute Attr(string name, object value) =>
        new(name, value is double d ? Round(d).ToString("R", CultureInfo.InvariantCulture) : Convert.ToString(value, CultureInfo.InvariantCulture)!);

    private static double Round(double value) => Math.Round(value, 2);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static XElement Line(string cssClass, double x1, double y1, double x2, double y2, string? stroke, double width = 1)
    {
        var line = new XElement(Svg + "line", Attr("class", cssClass), Attr("x1", x1), Attr("y1", y1), Attr("x2", x2), Attr("y2", y2));
        if (stroke is not null)
        {
            line.Add(Attr("stroke", stroke), Attr("stroke-width", width));
        }

        return line;
    }

    private static XElement Text(string cssClass, double x, double y, string content, string anchor, params (string Name, string Value)[] extra)
    {
        var text = new XElement(Svg + "text", Attr("class", cssClass), Attr("x", x), Attr("y", y), Attr("text-anchor", anchor), content);
        foreach (var (name, value) in extra)
        {
            text.Add(new XAttribute(name, value));
        }

        return text;
    }
}
