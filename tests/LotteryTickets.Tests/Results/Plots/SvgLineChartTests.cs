using System.Globalization;
using System.Xml.Linq;
using LotteryTickets.Results.Plots;

namespace LotteryTickets.Tests.Results.Plots;

/// <summary>
/// The SVG that OxyPlot draws for a <see cref="LineChart"/>, read back from its elements: each series is a polyline of
/// stroke width 2 in its palette colour (its legend swatch has no line join), each error bar three polylines of width 1.2
/// (the bar and its caps) in that colour, and every label a text element.
/// </summary>
public class SvgLineChartTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static LineChart LogChart(params ChartSeries[] series) => new()
    {
        Title = "Accuracy vs weights remaining",
        XTitle = "% weights remaining",
        YTitle = "test accuracy",
        XScale = XAxisScale.LogDecreasing,
        Series = series,
    };

    private static ChartSeries Series(string name, params double[] xs) =>
        new(name, xs.Select((x, i) => new ChartPoint(x, 0.9 + (0.01 * i), 0.89 + (0.01 * i), 0.91 + (0.01 * i))).ToList());

    private static XElement Render(LineChart chart) => XDocument.Parse(SvgLineChart.Render(chart)).Root!;

    private static string Rgb(int series)
    {
        var hex = SvgLineChart.Palette[series];
        return string.Create(CultureInfo.InvariantCulture, $"rgb({Convert.ToInt32(hex[1..3], 16)},{Convert.ToInt32(hex[3..5], 16)},{Convert.ToInt32(hex[5..7], 16)})");
    }

    private static IEnumerable<XElement> Polylines(XElement root, int series, string width) =>
        root.Descendants(Svg + "polyline").Where(p => ((string?)p.Attribute("style") ?? string.Empty).Contains($"stroke:{Rgb(series)};stroke-width:{width};stroke-linejoin", StringComparison.Ordinal));

    /// <summary>The screen points of a series' line, in the order of its data (increasing x).</summary>
    private static List<(double X, double Y)> LinePoints(XElement root, int series) =>
        [.. ((string)Polylines(root, series, "2").Single().Attribute("points")!).Split(' ').Select(p => p.Split(','))
            .Select(p => (double.Parse(p[0], CultureInfo.InvariantCulture), double.Parse(p[1], CultureInfo.InvariantCulture)))];

    private static List<string> Texts(XElement root) => [.. root.Descendants(Svg + "text").Select(t => t.Value)];

    [Test]
    public void TheOutputIsAnSvgDocumentWithOneLinePerSeriesAndAnErrorBarPerPoint()
    {
        var root = Render(LogChart(Series("main", 100, 80, 64, 51.2), Series("reinit", 100, 80, 64, 51.2)));

        Assert.Multiple(() =>
        {
            Assert.That(root.Name, Is.EqualTo(Svg + "svg"));
            Assert.That(LinePoints(root, 0), Has.Count.EqualTo(4));
            Assert.That(LinePoints(root, 1), Has.Count.EqualTo(4));
            Assert.That(Polylines(root, 0, "1.2").Count(), Is.EqualTo(4 * 3), "a bar and two caps per point");
            Assert.That(Polylines(root, 1, "1.2").Count(), Is.EqualTo(4 * 3));
            Assert.That(Polylines(root, 2, "2"), Is.Empty, "two series use two colours");
        });
    }

    [Test]
    public void TheSameChartGivesTheSameBytesInEveryCulture()
    {
        var chart = LogChart(Series("main", 100, 80, 64, 51.2), Series("zufällig", 100, 80, 64, 51.2));
        var first = SvgLineChart.Render(chart);
        var previous = CultureInfo.CurrentCulture;
        string german;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            german = SvgLineChart.Render(chart);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }

        Assert.Multiple(() =>
        {
            Assert.That(SvgLineChart.Render(chart), Is.EqualTo(first));
            Assert.That(german, Is.EqualTo(first));
            Assert.That(first, Does.StartWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<svg ").And.EndWith("</svg>\n"));
            Assert.That(first, Does.Not.Contain("\r"));
        });
    }

    [Test]
    public void TheXPositionDecreasesWithPercentRemainingAndEqualRatiosAreEqualDistances()
    {
        var points = LinePoints(Render(LogChart(Series("main", 100, 80, 64, 51.2, 40.96))), 0);
        var steps = points.Zip(points.Skip(1), (a, b) => a.X - b.X).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(steps, Is.All.GreaterThan(0), "100 is on the left, smaller percentages to the right");
            Assert.That(steps, Is.All.EqualTo(steps[0]).Within(0.01), "each level keeps 80%, so the steps are equal on a log axis");
        });
    }

    [Test]
    public void DecadesAreEqualDistancesApartAndLabelled()
    {
        var root = Render(LogChart(Series("main", 100, 10, 1)));
        var points = LinePoints(root, 0);

        Assert.Multiple(() =>
        {
            Assert.That(points[0].X - points[1].X, Is.EqualTo(points[1].X - points[2].X).Within(0.01));
            Assert.That(Texts(root), Is.SupersetOf(new[] { "100", "10", "1" }));
        });
    }

    [Test]
    public void HigherValuesAreDrawnHigherAndTheYAxisCoversTheErrorBars()
    {
        var root = Render(LogChart(Series("main", 100, 50, 25)));
        var ys = LinePoints(root, 0).Select(p => p.Y).ToList();
        var barEnds = Polylines(root, 0, "1.2")
            .SelectMany(p => ((string)p.Attribute("points")!).Split(' '))
            .Select(p => double.Parse(p.Split(',')[1], CultureInfo.InvariantCulture))
            .ToList();

        Assert.Multiple(() =>
        {
            Assert.That(ys, Is.Ordered.Ascending, "in order of x (25, 50, 100) the values fall (0.92, 0.91, 0.90), and the screen's y grows downwards");
            Assert.That(barEnds.Min(), Is.GreaterThan(0).And.LessThan(ys.Min()));
            Assert.That(barEnds.Max(), Is.LessThan(480).And.GreaterThan(ys.Max()));
        });
    }

    [Test]
    public void TitlesAxisTitlesAndLegendLabelsArePresent()
    {
        var texts = Texts(Render(LogChart(Series("main", 100, 50), Series("reinit", 100, 50))));

        Assert.That(texts, Is.SupersetOf(new[] { "Accuracy vs weights remaining", "% weights remaining", "test accuracy", "main", "reinit" }));
    }

    [Test]
    public void MarkupInLabelsIsEscaped()
    {
        var chart = LogChart(Series("a<b & \"c\"", 100, 50)) with { Title = "<script>alert(1)</script>" };

        var text = SvgLineChart.Render(chart);

        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Not.Contain("<script>"));
            Assert.That(Texts(XDocument.Parse(text).Root!), Is.SupersetOf(new[] { "a<b & \"c\"", "<script>alert(1)</script>" }));
        });
    }

    [Test]
    public void PointsWithoutErrorBarsDrawNone()
    {
        var chart = LogChart(new ChartSeries("main", [new ChartPoint(100, 0.9), new ChartPoint(50, 0.9, 0.9, 0.9)]));

        Assert.That(Polylines(Render(chart), 0, "1.2"), Is.Empty);
    }

    [Test]
    public void AnAsymmetricErrorBarSpansItsEnds()
    {
        var chart = LogChart(new ChartSeries("main", [new ChartPoint(100, 0.5, 0.1, 0.6), new ChartPoint(50, 1)]));
        var root = Render(chart);
        var bar = Polylines(root, 0, "1.2")
            .Select(p => ((string)p.Attribute("points")!).Split(' ').Select(q => q.Split(',')).ToList())
            .Single(p => p[0][0] == p[1][0]);
        var (low, high) = (double.Parse(bar[0][1], CultureInfo.InvariantCulture), double.Parse(bar[1][1], CultureInfo.InvariantCulture));
        var line = LinePoints(root, 0);

        // In order of x: (50, 1), then (100, 0.5) with its bar from 0.1 to 0.6; the screen's y grows downwards.
        var (top, point) = (line[0], line[1]);
        var pixelsPerUnit = (point.Y - top.Y) / 0.5;
        Assert.Multiple(() =>
        {
            Assert.That(Math.Min(low, high), Is.EqualTo(point.Y - (0.1 * pixelsPerUnit)).Within(0.01));
            Assert.That(Math.Max(low, high), Is.EqualTo(point.Y + (0.4 * pixelsPerUnit)).Within(0.01));
        });
    }

    [Test]
    public void ALinearXAxisIncreasesFromLeftToRight()
    {
        var chart = new LineChart
        {
            Title = "t",
            XTitle = "training iteration",
            YTitle = "test accuracy",
            Series = [new ChartSeries("level 0", [new ChartPoint(0, 0.1), new ChartPoint(1000, 0.9), new ChartPoint(500, 0.8)])],
        };
        var xs = LinePoints(Render(chart), 0).Select(p => p.X).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(xs, Is.Ordered.Ascending);
            Assert.That(xs[1] - xs[0], Is.EqualTo(xs[2] - xs[1]).Within(0.01));
        });
    }

    [Test]
    public void ALogAxisRejectsValuesThatAreNotPositive()
    {
        Assert.That(
            () => SvgLineChart.Render(LogChart(Series("main", 100, 0))),
            Throws.ArgumentException.With.Message.Contains("every x must be positive"));
    }

    [Test]
    public void AChartWithoutFinitePointsIsRejected()
    {
        Assert.That(
            () => SvgLineChart.Render(LogChart(new ChartSeries("main", [new ChartPoint(100, double.NaN)]))),
            Throws.ArgumentException.With.Message.Contains("has no points with finite values"));
    }
}
