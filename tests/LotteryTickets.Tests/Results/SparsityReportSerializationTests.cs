using System.Text.Json;
using LotteryTickets.Results;
using LotteryTickets.Masks;

namespace LotteryTickets.Tests.Results;

public class SparsityReportSerializationTests
{
    private static readonly SparsityReport Report = new(
        [new LayerSparsity("fc1.weight", 235200, 188160), new LayerSparsity("fc,\"odd\"", 1000, 900)]);

    [Test]
    public void TheJsonHoldsGlobalAndPerLayerCountsUnderCamelCaseNames()
    {
        using var document = JsonDocument.Parse(SparsityReportJson.ToJson(Report));
        var root = document.RootElement;

        Assert.Multiple(() =>
        {
            Assert.That(root.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "schema", "total", "remaining", "percentRemaining", "layers" }));
            Assert.That(root.GetProperty("total").GetInt64(), Is.EqualTo(236200));
            Assert.That(root.GetProperty("remaining").GetInt64(), Is.EqualTo(189060));
            Assert.That(root.GetProperty("layers")[0].EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "name", "total", "remaining", "percentRemaining" }));
            Assert.That(root.GetProperty("layers")[0].GetProperty("percentRemaining").GetDouble(), Is.EqualTo(80.0));
        });
    }

    [Test]
    public void TheReportSurvivesAJsonRoundTrip()
    {
        var back = SparsityReportJson.Parse(SparsityReportJson.ToJson(Report));

        Assert.That(back.Layers, Is.EqualTo(Report.Layers));
    }

    [Test]
    public void TheCsvQuotesNamesWithQuotesAndCommas()
    {
        Assert.That(
            SparsityReportCsv.ToCsv(Report),
            Is.EqualTo("name,total,remaining,percentRemaining\nfc1.weight,235200,188160,80\n\"fc,\"\"odd\"\"\",1000,900,90\n"));
    }

    [Test]
    public void InconsistentCountsInAFileAreReportedAsInvalidData()
    {
        var json = """{ "schema": "lottery-tickets.sparsity/1", "layers": [ { "name": "a", "total": 1, "remaining": 2 } ] }""";

        Assert.That(
            () => SparsityReportJson.Parse(json, "s.json"),
            Throws.InstanceOf<InvalidDataException>().With.Message.Contains("The sparsity report in 's.json' is invalid").And.Message.Contains("'a'"));
    }
}
