using System.Globalization;
using System.Xml.Linq;
using LotteryTickets.Results.Plots;

namespace LotteryTickets.Tests.Results.Plots;

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

    private static IEnumerable<XElement> ByClass(XElement root, string name, string cssClass) =>
        root.Descendants(Svg + name).Where(e => (string?)e.Attribute("class") == cssClass);

    private static double Number(XElement e, string attribute) => double.Parse((string)e.Attribute(attribute)!, CultureInfo.InvariantCulture);

    [Test]
    public void TheOutputIsAnSvgDocumentWithOneLinePerSeriesAndOneMarkerAndErrorBarPerPoint()
    {
        var root = Render(LogChart(Series("main", 100, 80, 64, 51.2), Series("reinit", 100, 80, 64, 51.2)));
        var series = ByClass(root, "g", "series").ToList();

        Assert.Multiple(() =>
        {
            Assert.That(root.Name, Is.EqualTo(Svg + "svg"));
            Assert.That(series.Select(s => (string?)s.Attribute("data-name")), Is.EqualTo(new[] { "main", "reinit" }));
            Assert.That(series.Select(s => s.Elements(Svg + "polyline").Count()), Is.All.EqualTo(1));
            Assert.That(series.Select(s => ByClass(s, "circle", "marker").Count()), Is.All.EqualTo(4));
            Assert.That(series.Select(s => ByClass(s, "path", "error-bar").Count()), Is.All.EqualTo(4));
            Assert.That(series[0].Element(Svg + "polyline")!.Attribute("points")!.Value.Split(' '), Has.Length.EqualTo(4));
        });
    }

    [Test]
    public void TheXPositionDecreasesWithPercentRemainingAndEqualRatiosAreEqualDistances()
    {
        var root = Render(LogChart(Series("main", 100, 80, 64, 51.2, 40.96)));
        var markers = ByClass(root, "circle", "marker")
            .Select(m => (Percent: Number(m, "data-x"), X: Number(m, "cx")))
            .OrderByDescending(m => m.Percent)
            .ToList();
        var steps = markers.Zip(markers.Skip(1), (a, b) => b.X - a.X).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(steps, Is.All.GreaterThan(0), "100 is on the left, smaller percentages to the right");
            Assert.That(steps, Is.All.EqualTo(steps[0]).Within(0.02), "each level keeps 80%, so the steps are equal on a log axis");
        });
    }

    [Test]
    public void DecadesAreEqualDistancesApartAndTheTicksAreTheOneTwoFiveValues()
    {
        var root = Render(LogChart(Series("main", 100, 10, 1)));
        var x = ByClass(root, "circle", "marker").ToDictionary(m => Number(m, "data-x"), m => Number(m, "cx"));
        var tickLabels = root.Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "x-axis")
            .Elements(Svg + "text").Where(t => (string?)t.Attribute("class") == "tick-label").Select(t => t.Value);

        Assert.Multiple(() =>
        {
            Assert.That(x[10] - x[100], Is.EqualTo(x[1] - x[10]).Within(0.02));
            Assert.That(tickLabels, Is.EqualTo(new[] { "100", "50", "20", "10", "5", "2", "1" }));
        });
    }

    [Test]
    public void ANarrowLogRangeIsLabelledWithItsDataValues()
    {
        var root = Render(LogChart(Series("main", 100, 80, 64)));
        var tickLabels = ByClass(root.Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "x-axis"), "text", "tick-label").Select(t => t.Value);

        Assert.That(tickLabels, Is.EqualTo(new[] { "100", "80", "64" }));
    }

    [Test]
    public void ARangeHoldingOnlyTwoOneTwoFiveValuesIsLabelledWithItsDataValues()
    {
        // 100 → 21.1 holds only 100 and 50 of the 1-2-5 values: the levels themselves label the axis.
        var root = Render(LogChart(Series("main", 100, 80, 64.1, 51.3, 41.1, 32.9, 26.3, 21.1)));
        var tickLabels = ByClass(root.Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "x-axis"), "text", "tick-label").Select(t => t.Value);
        Assert.That(tickLabels, Is.EqualTo(new[] { "100", "80", "64.1", "51.3", "41.1", "32.9", "26.3", "21.1" }));
    }

    [Test]
    public void HigherValuesAreDrawnHigherOnTheYAxis()
    {
        var root = Render(LogChart(Series("main", 100, 50, 25)));
        var markers = ByClass(root, "circle", "marker").OrderBy(m => Number(m, "data-y")).Select(m => Number(m, "cy")).ToList();

        Assert.That(markers, Is.Ordered.Descending);
    }

    [Test]
    public void TheYAxisCoversTheErrorBarsWithNiceTicks()
    {
        var root = Render(LogChart(Series("main", 100, 50, 25)));
        var yAxis = root.Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "y-axis");
        var ticks = ByClass(yAxis, "text", "tick-label").Select(t => double.Parse(t.Value, CultureInfo.InvariantCulture)).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(ticks.Min(), Is.LessThanOrEqualTo(0.89));
            Assert.That(ticks.Max(), Is.GreaterThanOrEqualTo(0.93));
            Assert.That(ticks.Zip(ticks.Skip(1), (a, b) => b - a), Is.All.EqualTo(ticks[1] - ticks[0]).Within(1e-9));
            Assert.That(ByClass(yAxis, "text", "tick-label").Select(t => t.Value), Is.EqualTo(new[] { "0.89", "0.90", "0.91", "0.92", "0.93" }));
        });
    }

    [Test]
    public void TitlesAndLegendLabelsArePresent()
    {
        var root = Render(LogChart(Series("main", 100, 50), Series("reinit", 100, 50)));
        var texts = root.Descendants(Svg + "text").ToList();

        Assert.Multiple(() =>
        {
            Assert.That(texts.Where(t => (string?)t.Attribute("class") == "title").Select(t => t.Value), Is.EqualTo(new[] { "Accuracy vs weights remaining" }));
            Assert.That(texts.Where(t => (string?)t.Attribute("class") == "axis-title").Select(t => t.Value), Is.EquivalentTo(new[] { "% weights remaining", "test accuracy" }));
            Assert.That(texts.Where(t => (string?)t.Attribute("class") == "legend-label").Select(t => t.Value), Is.EqualTo(new[] { "main", "reinit" }));
            Assert.That(root.Element(Svg + "title")!.Value, Is.EqualTo("Accuracy vs weights remaining"));
        });
    }

    [Test]
    public void MarkupInLabelsIsEscaped()
    {
        var chart = LogChart(Series("a<b & \"c\"", 100, 50)) with { Title = "<script>alert(1)</script>" };

        var text = SvgLineChart.Render(chart);
        var root = XDocument.Parse(text).Root!;

        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Not.Contain("<script>"));
            Assert.That(ByClass(root, "text", "legend-label").Single().Value, Is.EqualTo("a<b & \"c\""));
            Assert.That(ByClass(root, "text", "title").Single().Value, Is.EqualTo("<script>alert(1)</script>"));
        });
    }

    [Test]
    public void PointsWithoutErrorBarsDrawNone()
    {
        var chart = LogChart(new ChartSeries("main", [new ChartPoint(100, 0.9), new ChartPoint(50, 0.9, 0.9, 0.9)]));

        Assert.That(ByClass(Render(chart), "path", "error-bar"), Is.Empty);
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
        var root = Render(chart);
        var xs = ByClass(root, "circle", "marker").OrderBy(m => Number(m, "data-x")).Select(m => Number(m, "cx")).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(xs, Is.Ordered.Ascending);
            Assert.That(xs[1] - xs[0], Is.EqualTo(xs[2] - xs[1]).Within(0.02));
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
