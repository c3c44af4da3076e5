using System.Text.Json.Nodes;
using LotteryTickets.Torch.Interop;
using LotteryTickets.Torch.Tests.Support;

namespace LotteryTickets.Torch.Tests.Reference;

/// <summary>
/// Each op of the binding gives what PyTorch gives on the same inputs. PyTorch runs once for the
/// whole fixture (<c>Python/reference_ops.py</c>); each case is then one test.
/// </summary>
[TestFixture]
public class TorchReferenceTests
{
    private Dictionary<string, JsonNode> results = [];

    public static IEnumerable<TestCaseData> CaseNames() =>
        ReferenceCases.ByName.Keys.Order(StringComparer.Ordinal).Select(n => new TestCaseData(n).SetArgDisplayNames(n));

    [OneTimeSetUp]
    public void ComputeTheReferenceWithPyTorch()
    {
        var request = new JsonObject
        {
            ["cases"] = new JsonArray(ReferenceCases.ByName.Values.Select(c => (JsonNode)c.ToJson()).ToArray()),
        };
        var response = PythonReference.RunJson(PythonReference.Script("reference_ops.py"), request);
        results = response["results"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!);
    }

    [TestCaseSource(nameof(CaseNames))]
    public void TheBindingGivesWhatPyTorchGives(string name)
    {
        var c = ReferenceCases.ByName[name];
        Assert.That(results, Does.ContainKey(name), $"PyTorch returned no result for '{name}'.");
        var reference = results[name];
        Assert.That(reference["ok"]!.GetValue<bool>(), Is.True, () => $"PyTorch failed on '{name}': {reference["error"]}\n{reference["trace"]}");

        using var scope = DisposeScope.Begin();
        var inputs = c.Inputs.Select(i => i.ToTensor()).ToArray();
        var actual = ReferenceValue.FromResult(c.Compute(inputs));
        var expected = ReferenceValue.FromJson(reference["value"]!);
        var difference = ReferenceValue.Difference(expected, actual);
        Assert.That(difference, Is.Null, difference);
    }

    [Test]
    public void EveryUnaryOpCodeHasAReferenceCase() =>
        Assert.That(ReferenceCases.UnaryOps.Keys, Is.EquivalentTo(Enum.GetValues<UnaryOp>()));

    [Test]
    public void EveryBinaryOpCodeHasAReferenceCase() =>
        Assert.That(ReferenceCases.BinaryOps.Keys, Is.EquivalentTo(Enum.GetValues<BinaryOp>()));

    [Test]
    public void EveryReductionCodeHasAReferenceCase() =>
        Assert.That(ReferenceCases.CoveredReductions, Is.EquivalentTo(Enum.GetValues<ReduceOp>()));
}
