using System.Xml.Linq;
using LotteryTickets.Results;
using LotteryTickets.Storage;
using LotteryTickets.Tests.TestSupport;
using LotteryTickets.Experiments;

namespace LotteryTickets.Tests.Storage;

public class ReportWriterTests
{
    [Test]
    public void TheReportHoldsTheTablesAndAValidSvgForEachFigure()
    {
        using var output = new TemporaryFolder();
        RunRecord[] runs =
        [
            SampleResults.Record(0, 0, "main", 100, 0.97, 0.96),
            SampleResults.Record(1, 0, "main", 200, 0.96, 0.95),
            SampleResults.Record(0, 1, "main", 100, 0.975, 0.97),
            SampleResults.Record(0, 1, "reinit", 300, 0.95, 0.94),
        ];

        var written = ReportWriter.Write(output.Path, runs);

        Assert.Multiple(() =>
        {
            Assert.That(written.Select(Path.GetFileName), Is.EqualTo(new[]
            {
                "results.csv", "results.md", "runs.csv", "accuracy-vs-remaining.svg", "early-stop-vs-remaining.svg",
                "accuracy-vs-iteration-main.svg", "accuracy-vs-iteration-reinit.svg",
            }));
            Assert.That(written.Where(p => p.EndsWith(".svg", StringComparison.Ordinal)).Select(p => XDocument.Load(p).Root!.Name.LocalName), Is.All.EqualTo("svg"));
            Assert.That(File.ReadAllText(written[1]), Does.StartWith("| level | branch |"));
            Assert.That(File.ReadAllLines(written[2]), Has.Length.EqualTo(5));
        });
    }

    [Test]
    public void AReportWithoutRunsIsRejected()
    {
        using var output = new TemporaryFolder();

        Assert.That(() => ReportWriter.Write(output.Path, []), Throws.ArgumentException.With.Message.StartsWith("There are no finished runs to report"));
    }
}
