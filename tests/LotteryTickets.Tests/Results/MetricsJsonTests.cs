using System.Globalization;
using System.Text.Json;
using LotteryTickets.Results;
using LotteryTickets.Training;

namespace LotteryTickets.Tests.Results;

public class MetricsJsonTests
{
    private static readonly RunMetrics Metrics = new(
    [
        new EvaluationRecord(0, null, 2.302585, 0.1, 2.31, 0.0987),
        new EvaluationRecord(100, 0.31, 0.25, 0.95, 0.27, 0.9512),
        new EvaluationRecord(200, 0.12, 0.3, 0.94, 0.33, 0.9433),
    ]);

    [Test]
    public void MetricsSurviveARoundTripExactly()
    {
        var back = MetricsJson.Parse(MetricsJson.ToJson(Metrics));

        Assert.That(back.Evaluations, Is.EqualTo(Metrics.Evaluations));
    }

    [Test]
    public void PropertyNamesAreStableCamelCase()
    {
        using var document = JsonDocument.Parse(MetricsJson.ToJson(Metrics));
        var root = document.RootElement;

        Assert.Multiple(() =>
        {
            Assert.That(root.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "schema", "evaluations", "earlyStop", "finalIteration", "finalTestAccuracy" }));
            Assert.That(root.GetProperty("schema").GetString(), Is.EqualTo("lottery-tickets.metrics/1"));
            Assert.That(
                root.GetProperty("evaluations")[0].EnumerateObject().Select(p => p.Name),
                Is.EqualTo(new[] { "iteration", "trainLoss", "validationLoss", "validationAccuracy", "testLoss", "testAccuracy" }));
            Assert.That(root.GetProperty("evaluations")[0].GetProperty("trainLoss").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(root.GetProperty("earlyStop").GetProperty("iteration").GetInt32(), Is.EqualTo(100));
            Assert.That(root.GetProperty("earlyStop").GetProperty("testAccuracy").GetDouble(), Is.EqualTo(0.9512));
            Assert.That(root.GetProperty("finalTestAccuracy").GetDouble(), Is.EqualTo(0.9433));
        });
    }

    [Test]
    public void NumbersAreWrittenInTheInvariantCultureWhateverTheCurrentCulture()
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            var json = MetricsJson.ToJson(Metrics);

            Assert.That(json, Does.Contain("\"testAccuracy\": 0.9512"));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Test]
    public void NonFiniteLossesAreWrittenAsNamedStringsAndReadBack()
    {
        var diverged = new RunMetrics([new EvaluationRecord(0, null, 1, 0.1, 1, 0.1), new EvaluationRecord(10, double.NegativeInfinity, double.NaN, 0.1, double.PositiveInfinity, 0.1)]);

        var json = MetricsJson.ToJson(diverged);
        var back = MetricsJson.Parse(json);

        Assert.Multiple(() =>
        {
            Assert.That(json, Does.Contain("\"validationLoss\": \"NaN\"").And.Contain("\"testLoss\": \"Infinity\"").And.Contain("\"trainLoss\": \"-Infinity\""));
            Assert.That(back.Evaluations[1].ValidationLoss, Is.NaN);
            Assert.That(back.Evaluations[1].TestLoss, Is.EqualTo(double.PositiveInfinity));
            Assert.That(back.Evaluations[1].TrainLoss, Is.EqualTo(double.NegativeInfinity));
        });
    }

    [Test]
    public void AFileWithAnotherSchemaIsRejectedNamingBoth()
    {
        Assert.That(
            () => MetricsJson.Parse("""{ "schema": "other/2", "evaluations": [] }""", "run/metrics.json"),
            Throws.InstanceOf<InvalidDataException>().With.Message.EqualTo(
                "The JSON 'run/metrics.json' has schema 'other/2'; this reader understands 'lottery-tickets.metrics/1'."));
    }

    [Test]
    public void MalformedJsonIsReportedAsInvalidDataNamingTheSource()
    {
        Assert.That(
            () => MetricsJson.Parse("{ not json", "x/metrics.json"),
            Throws.InstanceOf<InvalidDataException>().With.Message.StartsWith("The JSON 'x/metrics.json' is malformed"));
    }

    [Test]
    public void AMissingPropertyIsNamed()
    {
        Assert.That(
            () => MetricsJson.Parse("""{ "schema": "lottery-tickets.metrics/1", "evaluations": [ { "iteration": 0, "validationLoss": 1, "validationAccuracy": 0.5, "testLoss": 1 } ] }"""),
            Throws.InstanceOf<InvalidDataException>().With.Message.Contains("'testAccuracy'").And.Message.StartsWith("The JSON 'metrics.json' is not a valid 'lottery-tickets.metrics/1' file"));
    }

    [Test]
    public void AnIterationBeyondThe32BitRangeIsReportedAsInvalidData()
    {
        Assert.That(
            () => MetricsJson.Parse("""{ "schema": "lottery-tickets.metrics/1", "evaluations": [ { "iteration": 3000000000, "validationLoss": 1, "validationAccuracy": 0.5, "testLoss": 1, "testAccuracy": 0.5 } ] }"""),
            Throws.InstanceOf<InvalidDataException>().With.Message.Contains("System.Int32").And.Message.Contains("$.evaluations[0].iteration"));
    }

    [Test]
    public void AMissingTrainLossReadsAsNotRecorded()
    {
        var metrics = MetricsJson.Parse("""{ "schema": "lottery-tickets.metrics/1", "evaluations": [ { "iteration": 0, "validationLoss": 1, "validationAccuracy": 0.5, "testLoss": 1, "testAccuracy": 0.5 } ] }""");

        Assert.That(metrics.Evaluations[0].TrainLoss, Is.Null);
    }
}
