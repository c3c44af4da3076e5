using System.Text.Json.Nodes;

namespace LotteryTickets.Torch.Tests.Reference;

/// <summary>The comparison behind the PyTorch reference tests tells real differences from rounding.</summary>
public class ReferenceValueTests
{
    private static ReferenceValue Python(string dtype, long[] shape, params double[] data) =>
        ReferenceValue.FromJson(new JsonObject
        {
            ["tensor"] = new JsonObject
            {
                ["dtype"] = dtype,
                ["shape"] = new JsonArray(shape.Select(s => (JsonNode)JsonValue.Create(s)).ToArray()),
                ["data"] = new JsonArray(data.Select(d => dtype == "int64" ? (JsonNode)JsonValue.Create((long)d) : ReferenceJson.Float(d)).ToArray()),
            },
        });

    [Test]
    public void EqualFloat64ValuesMatchAndOneInABillionDoesNot()
    {
        using var scope = DisposeScope.Begin();
        var t = Tensor.FromArray(new[] { 1.0, double.NaN, -3.5 });
        Assert.That(ReferenceValue.Difference(Python("float64", [3], 1.0, double.NaN, -3.5), ReferenceValue.FromResult(t)), Is.Null);
        Assert.That(
            ReferenceValue.Difference(Python("float64", [3], 1.0, double.NaN, -3.5 * (1 + 1e-9)), ReferenceValue.FromResult(t)),
            Does.Contain("element 2"));
    }

    [Test]
    public void ADifferentDtypeShapeOrIntegerIsADifference()
    {
        using var scope = DisposeScope.Begin();
        var t = Tensor.FromArray(new long[] { 1, 2, 3, 4 }, 2, 2);
        Assert.That(ReferenceValue.Difference(Python("int64", [2, 2], 1, 2, 3, 4), ReferenceValue.FromResult(t)), Is.Null);
        Assert.That(ReferenceValue.Difference(Python("float64", [2, 2], 1, 2, 3, 4), ReferenceValue.FromResult(t)), Does.Contain("dtype"));
        Assert.That(ReferenceValue.Difference(Python("int64", [4], 1, 2, 3, 4), ReferenceValue.FromResult(t)), Does.Contain("shape"));
        Assert.That(ReferenceValue.Difference(Python("int64", [2, 2], 1, 2, 3, 5), ReferenceValue.FromResult(t)), Does.Contain("element 3"));
    }
}
