using System.Text.Json.Nodes;
using LotteryTickets.Torch.Nn;

namespace LotteryTickets.Torch.Tests.Nn;

/// <summary>Default initialization against PyTorch's, from the same seed.</summary>
public class LayerDefaultsReferenceTests
{
    private const ulong Seed = 1234;
    private JsonObject reference = null!;

    [OneTimeSetUp]
    public void AskPyTorch()
    {
        var request = new JsonObject
        {
            ["cases"] = new JsonArray(new JsonObject
            {
                ["name"] = "lenet_fc1",
                ["op"] = "linear_init",
                ["args"] = new JsonObject { ["seed"] = Seed, ["in"] = 784, ["out"] = 300 },
            }),
        };
        reference = NnPython.Run(request)["lenet_fc1"]!.AsObject();
    }

    [Test]
    public void ALinearLayerFromASeededGeneratorHasPyTorchsBound()
    {
        using var generator = new Generator(Seed);
        using var layer = new Linear(784, 300, generator: generator);
        var bound = NnPython.Doubles(reference["bound"]!)[0];
        Assert.That(bound, Is.EqualTo(1 / Math.Sqrt(784)).Within(1e-15));
        var weights = layer.Weight.ToArray<float>();
        Assert.That(weights.Max(w => Math.Abs((double)w)), Is.LessThanOrEqualTo(bound).And.GreaterThan(bound * 0.999));
        Assert.That(layer.Bias!.ToArray<float>().Max(w => Math.Abs((double)w)), Is.LessThanOrEqualTo(bound));
    }

    [Test]
    public void ALinearLayerFromASeededGeneratorEqualsPyTorchsUnderTheSameSeed()
    {
        using var generator = new Generator(Seed);
        using var layer = new Linear(784, 300, generator: generator);
        var weights = layer.Weight.ToArray<float>().Select(w => (double)w).ToArray();

        // The first and last thousand weights exactly, and all of them through their sum.
        Assert.That(weights[..1000], Is.EqualTo(NnPython.Doubles(reference["weight_head"]!)));
        Assert.That(weights[^1000..], Is.EqualTo(NnPython.Doubles(reference["weight_tail"]!)));
        Assert.That(weights.Sum(), Is.EqualTo(NnPython.Doubles(reference["weight_sum"]!)[0]).Within(1e-9));
        Assert.That(layer.Bias!.ToArray<float>().Select(w => (double)w), Is.EqualTo(NnPython.Doubles(reference["bias"]!)));
    }
}
