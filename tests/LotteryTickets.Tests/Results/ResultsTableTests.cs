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
            "|     1 | main   |      1 |          80 |                      100 ± 0 |                     0.9850 ± 0.0000 |             0.9800 ± 0.0000 |\n" +
            "|     1 | reinit |      1 |          80 |                      200 ± 0 |                     0.9000 ± 0.0000 |             0.8900 ± 0.0000 |\n"));
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
