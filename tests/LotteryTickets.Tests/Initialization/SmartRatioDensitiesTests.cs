using LotteryTickets.Initialization;
using LotteryTickets.Pruning;
using LotteryTickets.Masks;

namespace LotteryTickets.Tests.Initialization;

public class SmartRatioDensitiesTests
{
    /// <summary>
    /// Su et al.'s smart ratio written out independently of the library, following their SmartRatio.py: ratios
    /// (L−l+1)²+(L−l+1) (÷ l² unless residual), linear layers at ⌊0.3·n⌋, k from the rest of the target, then clipping at
    /// 1 with the surplus carried into the following layers until it is used up.
    /// </summary>
    private static double[] Expected(IReadOnlyList<PrunableLayer> layers, long target, bool residual, double linearRatio = 0.3)
    {
        var count = layers.Count;
        var ratio = new double[count];
        for (var i = 0; i < count; i++)
        {
            var k = i + 1;
            ratio[count - k] = (k * k) + k;
        }

        var linearKept = layers.Where(l => l.Kind == LayerKind.Linear).Sum(l => Math.Floor(linearRatio * l.Count));
        double test = 0;
        for (var i = 0; i < count; i++)
        {
            if (layers[i].Kind != LayerKind.Linear)
            {
                test += residual ? layers[i].Count * ratio[i] : layers[i].Count * ratio[i] / ((i + 1) * (i + 1));
            }
        }

        var scale = (target - linearKept) / test;
        var density = new double[count];
        for (var i = 0; i < count; i++)
        {
            density[i] = layers[i].Kind == LayerKind.Linear
                ? Math.Floor(linearRatio * layers[i].Count) / layers[i].Count
                : residual ? ratio[i] * scale : ratio[i] * scale / ((i + 1) * (i + 1));
        }

        double extra = 0;
        for (var i = 0; i < count; i++)
        {
            if (layers[i].Kind == LayerKind.Linear)
            {
                continue;
            }

            if (density[i] >= 1)
            {
                extra += (density[i] - 1) * layers[i].Count;
                density[i] = 1;
            }
            else
            {
                var rest = (1 - density[i]) * layers[i].Count;
                if (rest >= extra)
                {
                    density[i] += extra / layers[i].Count;
                    extra = 0;
                }
                else
                {
                    extra -= rest;
                    density[i] = 1;
                }
            }

            if (extra == 0)
            {
                break;
            }
        }

        return density;
    }

    [TestCase(false, 300)]
    [TestCase(false, 500)]
    [TestCase(false, 900)]
    [TestCase(true, 300)]
    [TestCase(true, 700)]
    [TestCase(true, 1000)]
    public void DensitiesEqualSuEtAlsFormula(bool residual, long target)
    {
        var rule = new SmartRatioDensities(new SmartRatioOptions { Residual = residual });

        var result = rule.Allocate(TestLayers.ConvNet, target);

        Assert.That(result.Densities, Is.EqualTo(Expected(TestLayers.ConvNet, target, residual)).Within(1e-12));
        Assert.That(result.Counts.Sum(), Is.EqualTo(target));
    }

    [Test]
    public void WithoutClippingTheConvolutionDensitiesFollowTheRatios()
    {
        // L = 4: r = 20, 12, 6 for the convolutions; non-residual divides by 1, 4, 9. Linear keeps ⌊0.3·320⌋ = 96.
        var plain = new SmartRatioDensities().Allocate(TestLayers.ConvNet, 250);
        var residual = new SmartRatioDensities(new SmartRatioOptions { Residual = true }).Allocate(TestLayers.ConvNet, 250);

        var k = (250 - 96) / ((108 * 20.0) + (288 * 3.0) + (576 * 6.0 / 9));
        Assert.That(plain.Densities, Is.EqualTo(new[] { 20 * k, 3 * k, 6.0 / 9 * k, 0.3 }).Within(1e-12));
        var kr = (250 - 96) / ((108 * 20.0) + (288 * 12.0) + (576 * 6.0));
        Assert.That(residual.Densities, Is.EqualTo(new[] { 20 * kr, 12 * kr, 6 * kr, 0.3 }).Within(1e-12));
        Assert.That(plain.CountOf("fc.weight"), Is.EqualTo(96));
        Assert.That(residual.CountOf("fc.weight"), Is.EqualTo(96));
    }

    [Test]
    public void ALayerAboveOneIsClippedAndItsSurplusFillsTheNextLayers()
    {
        // Non-residual, target 900: k = 804 / 3408, so conv1's 20k = 4.72 is clipped; its surplus 3.72·108 = 401.5 weights
        // goes to conv2 (3k = 0.708, room 84.2), which fills up, and the rest to conv3.
        var result = new SmartRatioDensities().Allocate(TestLayers.ConvNet, 900);

        var k = 804 / 3408.0;
        var surplus = ((20 * k) - 1) * 108 - ((1 - (3 * k)) * 288);
        Assert.That(result.Densities[0], Is.EqualTo(1));
        Assert.That(result.Densities[1], Is.EqualTo(1));
        Assert.That(result.Densities[2], Is.EqualTo((6.0 / 9 * k) + (surplus / 576)).Within(1e-12));
        Assert.That(result.Counts, Is.EqualTo(new long[] { 108, 288, 408, 96 }));
    }

    [Test]
    public void LinearLayersKeepTheirOwnRatio()
    {
        var result = new SmartRatioDensities(new SmartRatioOptions { LinearKeepRatio = 0.5 }).Allocate(TestLayers.ConvNet, 400);

        Assert.That(result.CountOf("fc.weight"), Is.EqualTo(160));
        Assert.That(result.Densities, Is.EqualTo(Expected(TestLayers.ConvNet, 400, residual: false, linearRatio: 0.5)).Within(1e-12));
    }

    [Test]
    public void ASurplusLeftWhenEveryConvolutionIsDenseGoesToTheLinearLayers()
    {
        // The convolutions hold 972 weights and the linear layer keeps 96: a target of 1200 leaves 132 for the linear layer.
        var result = new SmartRatioDensities().Allocate(TestLayers.ConvNet, 1200);

        Assert.That(result.Counts, Is.EqualTo(new long[] { 108, 288, 576, 228 }));
    }

    [Test]
    public void ANetworkWithoutConvolutionsFillsItsLinearLayersInOrder()
    {
        PrunableLayer[] mlp = [new("fc1.weight", [25, 64], LayerKind.Linear, false), new("fc2.weight", [20, 25], LayerKind.Linear, false), new("fc3.weight", [4, 20], LayerKind.Linear, true)];

        var result = new SmartRatioDensities().Allocate(mlp, 1752);

        Assert.That(result.Counts, Is.EqualTo(new long[] { 480 + 1098, 150, 24 }));
    }

    [Test]
    public void TheCountsHitEveryTargetExactly()
    {
        var total = TestLayers.Total(TestLayers.ConvNet);
        foreach (var residual in new[] { false, true })
        {
            var rule = new SmartRatioDensities(new SmartRatioOptions { Residual = residual });
            for (var target = 96L; target <= total; target += 7)
            {
                var result = rule.Allocate(TestLayers.ConvNet, target);
                Assert.That(result.Counts.Sum(), Is.EqualTo(target), $"target {target}");
                for (var i = 0; i < result.Counts.Count; i++)
                {
                    var exact = result.Densities[i] * TestLayers.ConvNet[i].Count;
                    Assert.That(result.Counts[i], Is.InRange(Math.Floor(exact), Math.Ceiling(exact)), $"target {target}, layer {i}");
                }
            }

            Assert.That(rule.Allocate(TestLayers.ConvNet, total).Counts, Is.EqualTo(TestLayers.ConvNet.Select(l => l.Count)));
        }
    }

    [Test]
    public void ATargetBelowWhatTheLinearLayersKeepIsRejectedWithAFix()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new SmartRatioDensities().Allocate(TestLayers.ConvNet, 50));

        Assert.That(e!.Message, Is.EqualTo(
            "The target of 50 weights to keep is fewer than the 96 weights the linear layers keep alone at a 'LinearKeepRatio' of 0.3; keep at least 96 weights, or lower 'LinearKeepRatio' to at most 0.156. (Parameter 'target')"));
    }

    [Test]
    public void InvalidOptionsAreReportedTogether()
    {
        var e = Assert.Throws<ArgumentException>(() => new SmartRatioDensities(new SmartRatioOptions { LinearKeepRatio = 1.5 }));

        Assert.That(e!.Message, Is.EqualTo(
            $"The 'SmartRatioOptions' are invalid. Correct the following and try again:{Environment.NewLine}" +
            "- 'LinearKeepRatio' is 1.5; it must be at least 0 and at most 1. (Parameter 'options')"));
        Assert.Throws<ArgumentException>(() => new SmartRatioDensities(new SmartRatioOptions { LinearKeepRatio = double.NaN }));
    }

    [Test]
    public void OnlyNonDefaultOptionsAreDescribed()
    {
        Assert.That(new SmartRatioDensities().DescribeParameters(), Is.Empty);
        Assert.That(
            new SmartRatioDensities(new SmartRatioOptions { Residual = true, LinearKeepRatio = 0.2 }).DescribeParameters(),
            Is.EquivalentTo(new Dictionary<string, object?> { ["residual"] = true, ["linearKeepRatio"] = 0.2 }));
    }
}
