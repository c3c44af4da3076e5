using System.Xml.Linq;
using LotteryTickets.Results;
using LotteryTickets.Results.Plots;
using LotteryTickets.Tests.TestSupport;

namespace LotteryTickets.Tests.Results.Plots;

public class ResultsPlotsTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static readonly RunRecord[] Runs =
    [
        .. Enumerable.Range(0, 4).SelectMany(level => new[]
        {
            SampleResults.Record(0, level, "main", 100, 0.97 + (0.002 * level), 0.96),
            SampleResults.Record(1, level, "main", 200, 0.96 + (0.002 * level), 0.95),
            SampleResults.Record(0, level, "reinit", 300, 0.95 - (0.01 * level), 0.94),
            SampleResults.Record(1, level, "reinit", 300, 0.94 - (0.01 * level), 0.93),
        }),
    ];

    private static readonly IReadOnlyList<AggregatedResult> Aggregated = ResultsAggregator.Aggregate(Runs);

    [Test]
    public void TheAccuracyFigureHasOneLinePerBranchWithMainFirstOnADecreasingLogAxis()
    {
        var chart = ResultsPlots.TestAccuracyVsWeightsRemaining(Aggregated);

        Assert.Multiple(() =>
        {
            Assert.That(chart.XScale, Is.EqualTo(XAxisScale.LogDecreasing));
            Assert.That(chart.XTitle, Is.EqualTo("% weights remaining"));
            Assert.That(chart.Series.Select(s => s.Name), Is.EqualTo(new[] { "main", "reinit" }));
            Assert.That(chart.Series[0].Points.Select(p => p.X), Is.EqualTo(new[] { 100, 80, 64, 51.2 }).Within(1e-9));
            Assert.That(chart.Series[0].Points[0].Y, Is.EqualTo(0.965).Within(1e-12));
            Assert.That(chart.Title, Does.Contain("2 trials").And.Contain("± std"));
        });
    }

    [Test]
    public void AOneTrialFigureNamesNoErrorBars()
    {
        var oneTrial = ResultsAggregator.Aggregate(Runs.Where(r => r.Key.Trial == 0));

        Assert.Multiple(() =>
        {
            Assert.That(ResultsPlots.TestAccuracyVsWeightsRemaining(oneTrial).Title, Does.EndWith("(1 trial)").And.Not.Contain("±"));
            Assert.That(ResultsPlots.EarlyStopIterationVsWeightsRemaining(oneTrial, ErrorBarKind.ConfidenceInterval).Title, Does.EndWith("(1 trial)").And.Not.Contain("CI"));
        });
    }

    [Test]
    public void StandardDeviationBarsSpanOneStdAroundTheMean()
    {
        var point = ResultsPlots.TestAccuracyVsWeightsRemaining(Aggregated).Series[0].Points[0];
        var std = Math.Sqrt(2) * 0.005;

        Assert.Multiple(() =>
        {
            Assert.That(point.ErrorLow, Is.EqualTo(0.965 - std).Within(1e-12));
            Assert.That(point.ErrorHigh, Is.EqualTo(0.965 + std).Within(1e-12));
        });
    }

    [Test]
    public void ConfidenceIntervalBarsUseStudentT()
    {
        var chart = ResultsPlots.TestAccuracyVsWeightsRemaining(Aggregated, ErrorBarKind.ConfidenceInterval);
        var point = chart.Series[0].Points[0];
        var halfWidth = 12.706204736174707 * (Math.Sqrt(2) * 0.005) / Math.Sqrt(2);

        Assert.Multiple(() =>
        {
            Assert.That(point.ErrorHigh! - point.Y, Is.EqualTo(halfWidth).Within(1e-9));
            Assert.That(chart.Title, Does.Contain("95% CI"));
        });
    }

    [Test]
    public void WithoutErrorBarsNoneAreDrawn()
    {
        var svg = XDocument.Parse(SvgLineChart.Render(ResultsPlots.TestAccuracyVsWeightsRemaining(Aggregated, ErrorBarKind.None))).Root!;

        Assert.That(Strokes(svg, "1.2"), Is.Empty);
    }

    [Test]
    public void TheEarlyStopFigureDrawsEveryLevelOfEveryBranchWithErrorBarsWhereTrialsDiffer()
    {
        var svg = XDocument.Parse(SvgLineChart.Render(ResultsPlots.EarlyStopIterationVsWeightsRemaining(Aggregated))).Root!;
        var lines = Strokes(svg, "2").ToList();

        Assert.Multiple(() =>
        {
            Assert.That(lines.Select(l => l.Colour), Is.EqualTo(new[] { "rgb(31,119,180)", "rgb(255,127,14)" }), "main, then reinit");
            Assert.That(lines.Select(l => ((string)l.Line.Attribute("points")!).Split(' ').Length), Is.All.EqualTo(4));
            Assert.That(Strokes(svg, "1.2").Count(b => b.Colour == "rgb(31,119,180)"), Is.EqualTo(4 * 3), "main's trials stop at 100 and 200: a bar and two caps per level");
            Assert.That(Strokes(svg, "1.2").Count(b => b.Colour == "rgb(255,127,14)"), Is.Zero, "reinit's trials both stop at 300");
            Assert.That(svg.Descendants(Svg + "text").Select(t => t.Value), Is.SupersetOf(new[] { "main", "reinit", ResultsPlots.PercentRemainingTitle }));
        });
    }

    // Polylines of the given stroke width in a series colour (lines are 2 wide, error bars 1.2; legend swatches have no line join).
    private static IEnumerable<(XElement Line, string Colour)> Strokes(XElement svg, string width) =>
        svg.Descendants(Svg + "polyline")
            .Select(p => (Line: p, Style: (string?)p.Attribute("style") ?? string.Empty))
            .Where(p => p.Style.Contains($";stroke-width:{width};stroke-linejoin", StringComparison.Ordinal) && p.Style.Contains("stroke:rgb(", StringComparison.Ordinal))
            .Select(p => (p.Line, p.Style[(p.Style.IndexOf("stroke:", StringComparison.Ordinal) + 7)..p.Style.IndexOf(";stroke-width", StringComparison.Ordinal)]));

    [Test]
    public void TheTrainingCurveHasOneLinePerLevelLabelledWithItsSparsity()
    {
        var chart = ResultsPlots.TestAccuracyVsIteration(Runs);

        Assert.Multiple(() =>
        {
            Assert.That(chart.XScale, Is.EqualTo(XAxisScale.Linear));
            Assert.That(chart.Series.Select(s => s.Name), Is.EqualTo(new[] { "level 0 (100%)", "level 1 (80%)", "level 2 (64%)", "level 3 (51.2%)" }));
            Assert.That(chart.Series[0].Points.Select(p => p.X), Is.EqualTo(new[] { 0, 100, 200, 300, 400, 500 }));
            Assert.That(chart.Series[0].Points[1].Y, Is.EqualTo((0.97 + 0.5) / 2).Within(1e-12));
        });
    }

    [Test]
    public void TheTrainingCurveOfAnUnknownBranchIsRejected()
    {
        Assert.That(
            () => ResultsPlots.TestAccuracyVsIteration(Runs, "nope"),
            Throws.ArgumentException.With.Message.Contains("No run belongs to the branch 'nope'"));
    }
}
