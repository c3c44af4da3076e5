using System.Globalization;
using LotteryTickets.Results;
using LotteryTickets.Tests.TestSupport;

namespace LotteryTickets.Tests.Results;

public class ResultsTableTests
{
    private static readonly IReadOnlyList<AggregatedResult> Aggregated = ResultsAggregator.Aggregate(
    [
        SampleResults.Record(0, 1, "reinit", 200, 0.9, 0.89),
        SampleResults.Record(0, 0, "main", 100, 0.98, 0.97),
        SampleResults.Record(1, 0, "main", 300, 0.96, 0.95),
        SampleResults.Record(0, 1, "main", 100, 0.985, 0.98),
    ]);

    [Test]
    public void TheMarkdownTableHasAlignedColumnsSortedByLevelThenBranch()
    {
        var markdown = ResultsTable.ToMarkdown(Aggregated.Reverse());

        Assert.That(markdown, Is.EqualTo(
            "| level | branch | trials | % remaining | early-stop iter (mean ± std) | test acc at early stop (mean ± std) | final test acc (mean ± std) |\n" +
            "| ----: | ------ | -----: | ----------: | ---------------------------: | ----------------------------------: | --------------------------: |\n" +
            "|     0 | main   |      2 |         100 |                    200 ± 141 |                     0.9700 ± 0.0141 |             0.9600 ± 0.0141 |\n" +
            "|     1 | main   |      1 |          80 |                          100 |                              0.9850 |                      0.9800 |\n" +
            "|     1 | reinit |      1 |          80 |                          200 |                              0.9000 |                      0.8900 |\n"));
    }

    [Test]
    public void AOneTrialRowShowsJustTheMeanWhileSeveralTrialsWithoutSpreadKeepTheirZeroStd()
    {
        var oneTrial = ResultsTable.ToMarkdown(ResultsAggregator.Aggregate([SampleResults.Record(0, 0, "main", 100, 0.871, 0.86)]));
        var twoEqualTrials = ResultsTable.ToMarkdown(ResultsAggregator.Aggregate(
            [SampleResults.Record(0, 0, "main", 100, 0.871, 0.86), SampleResults.Record(1, 0, "main", 100, 0.871, 0.86)]));
        var oneTrialRow = oneTrial.Split('\n')[2];

        Assert.Multiple(() =>
        {
            Assert.That(oneTrialRow, Does.Not.Contain("±"));
            Assert.That(oneTrialRow, Does.Contain(" 0.8710 |").And.Contain(" 0.8600 |").And.Contain(" 100 |"));
            Assert.That(twoEqualTrials.Split('\n')[2], Does.Contain(" 0.8710 ± 0.0000 |").And.Contain(" 100 ± 0 |"));
        });
    }

    [Test]
    public void TheCsvOfOneTrialKeepsNumericStdAndIntervalCells()
    {
        var lines = ResultsTable.ToCsv(ResultsAggregator.Aggregate([SampleResults.Record(0, 0, "main", 100, 0.871, 0.86)])).TrimEnd('\n').Split('\n');
        var header = lines[0].Split(',');
        var row = lines[1].Split(',');
        string Cell(string column) => row[Array.IndexOf(header, column)];

        Assert.Multiple(() =>
        {
            Assert.That(Cell("trials"), Is.EqualTo("1"));
            Assert.That(Cell("testAccuracyAtEarlyStopStd"), Is.EqualTo("0"));
            Assert.That(Cell("testAccuracyAtEarlyStopCiLow"), Is.EqualTo(Cell("testAccuracyAtEarlyStopMean")));
            Assert.That(Cell("testAccuracyAtEarlyStopCiHigh"), Is.EqualTo(Cell("testAccuracyAtEarlyStopMean")));
        });
    }

    [Test]
    public void EveryMarkdownLineHasTheSameLength()
    {
        var lines = ResultsTable.ToMarkdown(Aggregated).TrimEnd('\n').Split('\n');

        Assert.That(lines.Select(l => l.Length).Distinct().Count(), Is.EqualTo(1));
    }

    [Test]
    public void TheCsvTableHasMeanStdAndIntervalColumnsInTheInvariantCulture()
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            var lines = ResultsTable.ToCsv(Aggregated).TrimEnd('\n').Split('\n');
            var header = lines[0].Split(',');
            var firstRow = lines[1].Split(',');
            string Cell(string column) => firstRow[Array.IndexOf(header, column)];

            Assert.Multiple(() =>
            {
                Assert.That(lines, Has.Length.EqualTo(4));
                Assert.That(header.Take(7), Is.EqualTo(new[] { "level", "branch", "trials", "percentRemainingMean", "percentRemainingStd", "percentRemainingCiLow", "percentRemainingCiHigh" }));
                Assert.That(header, Has.Length.EqualTo(3 + (5 * 4)));
                Assert.That(Cell("branch"), Is.EqualTo("main"));
                Assert.That(Cell("earlyStopIterationMean"), Is.EqualTo("200"));
                Assert.That(double.Parse(Cell("testAccuracyAtEarlyStopMean"), CultureInfo.InvariantCulture), Is.EqualTo(0.97).Within(1e-12));
                Assert.That(lines.Skip(1).Select(l => l.Split(',')[1]), Is.EqualTo(new[] { "main", "main", "reinit" }));
            });
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Test]
    public void ThePerRunCsvHasOneRowPerRun()
    {
        var runs = new[] { SampleResults.Record(1, 0, "main", 300, 0.96, 0.95).Summarize(), SampleResults.Record(0, 0, "main", 100, 0.98, 0.97).Summarize() };

        Assert.That(ResultsTable.ToCsv(runs), Is.EqualTo(
            "trial,level,branch,percentRemaining,earlyStopIteration,validationAccuracyAtEarlyStop,testAccuracyAtEarlyStop,finalTestAccuracy\n" +
            "0,0,main,100,100,0.9,0.98,0.97\n" +
            "1,0,main,100,300,0.9,0.96,0.95\n"));
    }
}
