using System.Globalization;
using LotteryTickets.Results;
using LotteryTickets.Training;

namespace LotteryTickets.Tests.Results;

public class MetricsCsvTests
{
    private static readonly RunMetrics Metrics = new(
    [
        new EvaluationRecord(0, null, 2.302585, 0.1, 2.31, 0.0987),
        new EvaluationRecord(100, 0.31, 0.25, 0.95, 0.27, 0.9512),
    ]);

    [Test]
    public void TheHeaderAndRowsAreInTheDocumentedFormat()
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("fr-FR");

            Assert.That(MetricsCsv.ToCsv(Metrics), Is.EqualTo(
                "iteration,trainLoss,validationLoss,validationAccuracy,testLoss,testAccuracy\n" +
                "0,,2.302585,0.1,2.31,0.0987\n" +
                "100,0.31,0.25,0.95,0.27,0.9512\n"));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Test]
    public void NumbersAreWrittenInTheirShortestRoundTripFormAndNonFiniteOnesByName()
    {
        var tricky = new RunMetrics([new EvaluationRecord(0, 0.1 + 0.2, 1.0 / 3, 0.1, double.NaN, 0.2), new EvaluationRecord(5, 5e-324, double.PositiveInfinity, 0, -0.0, 1)]);

        var rows = MetricsCsv.ToCsv(tricky).Split('\n');

        Assert.Multiple(() =>
        {
            Assert.That(rows[1], Is.EqualTo("0,0.30000000000000004,0.3333333333333333,0.1,NaN,0.2"));
            Assert.That(rows[2], Is.EqualTo("5,5E-324,Infinity,0,-0,1"));
            Assert.That(double.Parse(rows[1].Split(',')[2], CultureInfo.InvariantCulture), Is.EqualTo(1.0 / 3), "the text reads back to the same double");
        });
    }
}
