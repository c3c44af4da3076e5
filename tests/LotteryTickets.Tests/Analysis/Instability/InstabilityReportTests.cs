using LotteryTickets.Analysis.Instability;
using LotteryTickets.Results.Plots;
using LotteryTickets.Tests.Training;

namespace LotteryTickets.Tests.Analysis.Instability;

public class InstabilityReportTests
{
    private static InterpolationPath Path(double middle, double end = 0.2) => new(
    [
        new InterpolationPoint(0, 0.5, 0.1),
        new InterpolationPoint(0.5, 1.5, middle),
        new InterpolationPoint(1, 0.7, end),
    ]);

    private static List<InstabilityResult> Results() =>
    [
        new(0, 0, 100, "iteration:0", Path(0.45)),
        new(1, 0, 100, "iteration:0", Path(0.35)),
        new(0, 3, 51.2, "iteration:0", Path(0.15)),
        new(0, 0, 100, "iteration:5", Path(0.25)),
        new(0, 3, 51.2, "iteration:5", Path(0.15)),
    ];

    [Test]
    public void ThePathsBarriersAreTheMaximumAboveTheMeanOfTheEnds()
    {
        var path = Path(0.45);
        Assert.That(path.ErrorBarrier, Is.EqualTo(0.45 - 0.15).Within(1e-15));
        Assert.That(path.LossBarrier, Is.EqualTo(1.5 - 0.6).Within(1e-15));
        Assert.That(path.MeanEndpointError, Is.EqualTo(0.15).Within(1e-15));
        Assert.That(path.TrainErrorBarrier, Is.Null);
        Assert.Throws<ArgumentException>(() => new InterpolationPath([new InterpolationPoint(0, 1, 0), new InterpolationPoint(0.5, 1, 0)]));
    }

    [Test]
    public void TheBarrierAboveTheLineAndTheEndGapSayWhatTheBarrierIsMadeOf()
    {
        var bump = Path(0.45);
        var apart = Path(0.15);
        var tilted = new InterpolationPath([new InterpolationPoint(0, 0, 0.1), new InterpolationPoint(0.25, 0, 0.2), new InterpolationPoint(1, 0, 0.5)]);

        Assert.That(bump.LinearErrorBarrier, Is.EqualTo(0.45 - 0.15).Within(1e-15));
        Assert.That(bump.EndpointGap, Is.EqualTo(0.1).Within(1e-15));

        // The highest error at an end: the paper's barrier is half the gap, nothing lies above the line.
        Assert.That(apart.ErrorBarrier, Is.EqualTo(0.05).Within(1e-15));
        Assert.That(apart.LinearErrorBarrier, Is.Zero);
        Assert.That(apart.EndpointGap / 2, Is.EqualTo(apart.ErrorBarrier).Within(1e-15));

        // Below the ends' mean but above the line: the line at α = 0.25 is 0.1 + 0.25 · 0.4 = 0.2.
        Assert.That(tilted.LinearErrorBarrier, Is.EqualTo(0).Within(1e-15));
        var above = new InterpolationPath([new InterpolationPoint(0, 0, 0.1), new InterpolationPoint(0.25, 0, 0.25), new InterpolationPoint(1, 0, 0.5)]);
        Assert.That(above.LinearErrorBarrier, Is.EqualTo(0.05).Within(1e-15));
        Assert.That(above.ErrorBarrier, Is.EqualTo(0.2).Within(1e-15));
    }

    [Test]
    public void APathRoundTripsThroughJsonAndIsWrittenAtomicallyWithTheSameBytes()
    {
        var path = new InterpolationPath(
        [
            new InterpolationPoint(0, 0.1, 0.25, 0.05, 0.125),
            new InterpolationPoint(1 / 3.0, double.NaN, 0.5, 0.3, 0.2),
            new InterpolationPoint(1, 0.2, 0.375, 0.07, 0.0),
        ]);
        var json = InterpolationPathJson.ToJson(path);
        using var folder = new TemporaryFolder();
        var file = System.IO.Path.Combine(folder.Path, "path.json");

        InterpolationPathJson.Save(path, file);
        var read = InterpolationPathJson.Read(file);

        Assert.That(File.ReadAllText(file), Is.EqualTo(json));
        Assert.That(read.Points, Is.EqualTo(path.Points));
        Assert.That(InterpolationPathJson.ToJson(read), Is.EqualTo(json));
        Assert.That(json, Does.Contain("\"schema\": \"lottery-tickets.instability-path/1\""));
        Assert.That(json, Does.Contain("\"alpha\": 0.3333333333333333"));
        Assert.That(json, Does.Contain("\"loss\": \"NaN\""));
        Assert.That(Directory.GetFiles(folder.Path), Has.Length.EqualTo(1), "no temporary file is left");
        Assert.Throws<InvalidDataException>(() => InterpolationPathJson.Parse(json.Replace("instability-path/1", "metrics/1", StringComparison.Ordinal)));
    }

    [Test]
    public void APathAsCsvHasOneRowPerPoint()
    {
        Assert.That(InterpolationPathCsv.ToCsv(Path(0.45)), Is.EqualTo("alpha,loss,error\n0,0.5,0.1\n0.5,1.5,0.45\n1,0.7,0.2\n"));
    }

    [Test]
    public void TheTableShowsTheMeanInstabilityWithAConfidenceIntervalOnlyForSeveralTrials()
    {
        var rows = InstabilityRow.Aggregate(Results());

        var markdown = InstabilityTable.ToMarkdown(rows);
        var csv = InstabilityTable.ToCsv(rows);

        var lines = markdown.Split('\n');
        Assert.That(lines[0], Is.EqualTo(
            "| level | % remaining | rewind      | trials | instability, % (mean ± 95% CI) | above the line, % | end gap, %   | loss barrier (mean) | error at α = 0, % | error at α = 1, % |"));
        Assert.That(lines[2], Is.EqualTo(
            "|     0 |         100 | iteration:0 |      2 |                  25.00 ± 63.53 |     25.00 ± 63.53 | 10.00 ± 0.00 |              0.9000 |             10.00 |             20.00 |"));
        Assert.That(lines[4], Does.StartWith("|     3 |        51.2 | iteration:0 |      1 |                           5.00 |              0.00 |        10.00 |"));
        Assert.That(lines, Has.Length.EqualTo(7));
        Assert.That(csv.Split('\n')[0], Is.EqualTo(string.Join(",", InstabilityTable.CsvColumns)));
        Assert.That(csv.Split('\n')[1], Does.StartWith("0,100,main,iteration:0,,2,0.24999999999999997,0.07071067811865478,"));
    }

    [Test]
    public void TheCopiesOwnErrorsAreShownWhenTheyDifferFromThePathsEnds()
    {
        var results = Results().Select(r => r with { CopyAOwnError = r.Path.First.Error, CopyBOwnError = r.Path.Last.Error }).ToList();
        Assert.That(InstabilityTable.ToMarkdown(InstabilityRow.Aggregate(results)), Does.Not.Contain("own error"), "no batch norm: the ends are the copies");

        results[0] = results[0] with { CopyAOwnError = 0.125 };
        var rows = InstabilityRow.Aggregate(results);
        var markdown = InstabilityTable.ToMarkdown(rows).Split('\n');

        Assert.That(markdown[0], Does.EndWith("| copy A own error, % | copy B own error, % |"));
        Assert.That(markdown[2], Does.EndWith("|               11.25 |               20.00 |"));
        Assert.That(InstabilityTable.ToCsv(rows).Split('\n')[1], Does.EndWith(",0.1,0.2,0.1125,0.2"));
    }

    [Test]
    public void ThePerTrialTableHasOneRowPerTrialWithTheBarriersParts()
    {
        var results = Results();
        results[1] = results[1] with { MaskRewind = "iteration:0", CopyAOwnError = 0.1, CopyBOwnError = 0.2 };

        var csv = InstabilityTrialTable.ToCsv(results).Split('\n');
        var markdown = InstabilityTrialTable.ToMarkdown(results).Split('\n');

        Assert.That(csv[0], Is.EqualTo(string.Join(",", InstabilityTrialTable.CsvColumns)));
        Assert.That(csv[1], Is.EqualTo("0,0,100,main,iteration:0,,0.3,0.3,0.1,0.9,0.1,0.2,,"));
        Assert.That(csv[2], Does.StartWith("1,0,100,main,iteration:0,iteration:0,"));
        Assert.That(csv[2], Does.EndWith(",0.1,0.2"));
        Assert.That(csv, Has.Length.EqualTo(results.Count + 2));
        Assert.That(markdown[2], Does.Contain("| plan's            |     0 |          30.00 |             30.00 |      10.00 |"));
        Assert.That(markdown, Has.Length.EqualTo(results.Count + 3));
    }

    [Test]
    public void TheFiguresHaveOneLinePerRewindPointAndOnePerLevel()
    {
        var rows = InstabilityRow.Aggregate(Results());
        var instability = InstabilityPlots.InstabilityVsWeightsRemaining(rows);
        var along = InstabilityPlots.ErrorAlongPath(Results(), "iteration:0", [0, 3]);

        var svg = SvgLineChart.Render(instability);
        var alongSvg = SvgLineChart.Render(along);
        File.WriteAllText(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "instability-vs-remaining.svg"), svg);
        File.WriteAllText(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "instability-error-along-path.svg"), alongSvg);

        Assert.That(instability.Series.Select(s => s.Name), Is.EqualTo(new[] { "rewind iteration:0", "rewind iteration:5" }));
        Assert.That(instability.Series[0].Points[0].Y, Is.EqualTo(25).Within(1e-9));
        Assert.That(instability.Series[0].Points[0].HasErrorBar, Is.True);
        Assert.That(instability.XScale, Is.EqualTo(XAxisScale.LogDecreasing));
        Assert.That(svg, Does.Contain("Instability vs weights remaining (2 trials; error bars 95% CI)"));
        Assert.That(svg, Does.Contain("rewind iteration:5"));
        Assert.That(svg, Does.Contain("% weights remaining"));
        Assert.That(along.Series.Select(s => s.Name), Is.EqualTo(new[] { "level 0 (100%)", "level 3 (51.2%)" }));
        Assert.That(along.Series[0].Points.Select(p => p.Y), Is.EqualTo(new[] { 10, 40, 20 }).Within(1e-9));
        Assert.That(alongSvg, Does.Contain("level 3 (51.2%)"));
        Assert.That(alongSvg, Does.Contain(InstabilityPlots.AlphaTitle));
    }
}
