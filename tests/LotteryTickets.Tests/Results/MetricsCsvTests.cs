using System.Globalization;
using LotteryTickets.Results;

namespace LotteryTickets.Tests.Results;

public class MetricsCsvTests
{
    private static readonly RunMetrics Metrics = new(
    [
        new Evaluation(0, 2.302585, 0.1, 2.31, 0.0987),
        new Evaluation(100, 0.25, 0.95, 0.27, 0.9512, 0.31),
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
    public void MetricsSurviveARoundTripExactly()
    {
        var tricky = new RunMetrics([new Evaluation(0, 1.0 / 3, 0.1, double.NaN, 0.2, 0.1 + 0.2)]);

        var back = MetricsCsv.Parse(MetricsCsv.ToCsv(tricky));

        Assert.Multiple(() =>
        {
            Assert.That(back.Evaluations[0].ValidationLoss, Is.EqualTo(1.0 / 3));
            Assert.That(back.Evaluations[0].TrainLoss, Is.EqualTo(0.1 + 0.2));
            Assert.That(back.Evaluations[0].TestLoss, Is.NaN);
            Assert.That(MetricsCsv.Parse(MetricsCsv.ToCsv(Metrics)).Evaluations, Is.EqualTo(Metrics.Evaluations));
        });
    }

    [Test]
    public void ColumnsAreFoundByNameSoOrderAndExtraColumnsDoNotMatter()
    {
        var csv = "testAccuracy,iteration,note,testLoss,validationAccuracy,validationLoss,trainLoss\r\n0.5,10,\"a, b\",1,0.6,0.9,\r\n";

        var metrics = MetricsCsv.Parse(csv);

        Assert.That(metrics.Evaluations, Is.EqualTo(new[] { new Evaluation(10, 0.9, 0.6, 1, 0.5) }));
    }

    [Test]
    public void ARowShiftedByADecimalCommaIsCaughtByTheAccuracyRange()
    {
        var csv = "iteration,trainLoss,validationLoss,validationAccuracy,testLoss,testAccuracy\n0,,1,0.5,1,0.5\n100,,0,95,0.5,1,0.5\n";

        Assert.That(
            () => MetricsCsv.Parse(csv, "m.csv"),
            Throws.InstanceOf<InvalidDataException>()
                .With.Message.StartsWith("The metrics in 'm.csv' are invalid")
                .And.Message.Contains("Evaluation 1 has 'ValidationAccuracy' 95; accuracies are fractions in [0, 1]."));
    }

    [Test]
    public void AMissingColumnIsNamed()
    {
        Assert.That(
            () => MetricsCsv.Parse("iteration,validationLoss\n0,1\n", "m.csv"),
            Throws.InstanceOf<InvalidDataException>().With.Message.StartsWith("The CSV 'm.csv' has no column 'trainLoss'"));
    }

    [Test]
    public void AnUnparsableCellNamesTheLineAndColumn()
    {
        var csv = "iteration,trainLoss,validationLoss,validationAccuracy,testLoss,testAccuracy\n0,,1,0.5,1,0.5\n100,,0;5,0.5,1,0.5\n";

        Assert.That(
            () => MetricsCsv.Parse(csv, "m.csv"),
            Throws.InstanceOf<InvalidDataException>().With.Message.EqualTo(
                "The CSV 'm.csv' has '0;5' in column 'validationLoss' on line 3; a number in the invariant culture (e.g. 0.9812) was expected."));
    }
}
