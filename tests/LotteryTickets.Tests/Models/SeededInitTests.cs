using LotteryTickets.Datasets;
using LotteryTickets.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.init;

namespace LotteryTickets.Tests.Models;

public sealed class SeededInitTests
{
    [Test]
    public void GainsAndFansFollowPyTorchsFormulas()
    {
        Assert.That(SeededInit.CalculateGain(NonlinearityType.ReLU), Is.EqualTo(Math.Sqrt(2.0)));
        Assert.That(SeededInit.CalculateGain(NonlinearityType.Tanh), Is.EqualTo(5.0 / 3));
        Assert.That(SeededInit.CalculateGain(NonlinearityType.Conv2D), Is.EqualTo(1));
        Assert.That(SeededInit.CalculateGain(NonlinearityType.LeakyReLU), Is.EqualTo(Math.Sqrt(2.0 / (1 + (0.01 * 0.01)))));
        Assert.That(SeededInit.CalculateGain(NonlinearityType.LeakyReLU, Math.Sqrt(5)), Is.EqualTo(Math.Sqrt(1.0 / 3)).Within(1e-15));

        using var scope = NewDisposeScope();
        Assert.That(SeededInit.CalculateFanInAndFanOut(empty(16, 3, 5, 5)), Is.EqualTo((75L, 400L)));
        Assert.That(SeededInit.CalculateFanInAndFanOut(empty(10, 784)), Is.EqualTo((784L, 10L)));
        var e = Assert.Throws<ArgumentException>(() => SeededInit.CalculateFanInAndFanOut(empty(10)));
        Assert.That(e!.Message, Does.StartWith("The fan-in and fan-out of a tensor of shape [10] cannot be computed"));
    }

    [Test]
    public void TheLayerDefaultsDrawWeightThenBiasWithinOneOverRootFanIn()
    {
        using var scope = NewDisposeScope();
        using var layer = nn.Linear(400, 30);
        using var generator = new Generator(3);
        SeededInit.ResetParameters(layer, generator);
        var bound = 1 / Math.Sqrt(400);
        Assert.That(layer.weight.abs().max().ToDouble(), Is.LessThanOrEqualTo(bound));
        Assert.That(layer.weight.abs().max().ToDouble(), Is.GreaterThan(0.95 * bound));
        Assert.That(layer.bias!.abs().max().ToDouble(), Is.LessThanOrEqualTo(bound));

        // The same stream, drawn by hand: the weight first, then the bias.
        using var again = new Generator(3);
        var weight = empty(30, 400).uniform_(-bound * Math.Sqrt(3.0) * Math.Sqrt(1.0 / 3), bound * Math.Sqrt(3.0) * Math.Sqrt(1.0 / 3), again);
        var bias = empty(30).uniform_(-bound, bound, again);
        Assert.That(layer.weight.allclose(weight, 0, 1e-7), Is.True);
        Assert.That(layer.bias!.IsSameAs(bias), Is.True);
        Assert.That(layer.weight.requires_grad, Is.True, "parameters stay leaves that require gradients");
    }

    [Test]
    public void TheGlobalGeneratorSeededLikeAGeneratorGivesTheSameWeights()
    {
        using var scope = NewDisposeScope();
        using var a = nn.Conv2d(3, 8, 3);
        using var b = nn.Conv2d(3, 8, 3);
        using var generator = new Generator(17);
        SeededInit.ResetParameters(a, generator);
        manual_seed(17);
        SeededInit.ResetParameters(b, null);
        Assert.That(a.weight.IsSameAs(b.weight), Is.True);
        Assert.That(a.bias!.IsSameAs(b.bias!), Is.True);
    }

    [Test]
    public void ModulesAreVisitedDepthFirstInRegistrationOrderAsPyTorchsModules()
    {
        using var model = new ResNet(8, new SampleShape(3, 8, 8), widthMultiplier: 0.25);
        var visited = SeededInit.ModulesDepthFirst(model).Select(m => m.GetType().Name).ToList();
        Assert.That(visited, Is.EqualTo(new[]
        {
            "ResNet", "Conv2d", "BatchNorm2d",
            "Sequential", "BasicBlock", "Conv2d", "BatchNorm2d", "Conv2d", "BatchNorm2d",
            "Sequential", "BasicBlock", "Conv2d", "BatchNorm2d", "Conv2d", "BatchNorm2d", "Sequential", "Conv2d", "BatchNorm2d",
            "Sequential", "BasicBlock", "Conv2d", "BatchNorm2d", "Conv2d", "BatchNorm2d", "Sequential", "Conv2d", "BatchNorm2d",
            "Linear",
        }));
    }

    [Test]
    public void KaimingNormalHasTheHeStandardDeviation()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(5);
        var w = SeededInit.KaimingNormal_(empty(256, 128, 3, 3), mode: FanInOut.FanOut, nonlinearity: NonlinearityType.ReLU, generator: generator);
        Assert.That(w.std().ToDouble(), Is.EqualTo(Math.Sqrt(2.0 / (256 * 9))).Within(1).Percent);
        Assert.That(SeededInit.KaimingNormal_(empty(0, 3)).numel(), Is.Zero, "a tensor without elements is left as it is");
    }
}
