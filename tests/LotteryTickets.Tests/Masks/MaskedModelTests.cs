using LotteryTickets.Criteria;
using LotteryTickets.Masks;
using LotteryTickets.Pruning;
using TorchSharp;
using static TorchSharp.torch;

namespace LotteryTickets.Tests.Masks;

public class MaskedModelTests
{
    /// <summary>An 8-16-3 MLP whose weights are drawn from <paramref name="g"/>.</summary>
    private static nn.Module<Tensor, Tensor> Mlp(Generator g)
    {
        var model = nn.Sequential(nn.Linear(8, 16), nn.ReLU(), nn.Linear(16, 3));
        using (no_grad())
        {
            foreach (var (_, p) in model.named_parameters())
            {
                p.uniform_(-0.35, 0.35, g);
            }
        }

        return model;
    }

    /// <summary>A mask pruning half of each layer at random, built with the library's own pruner.</summary>
    private static Mask HalfMask(nn.Module model, Generator g)
    {
        using var dense = Mask.Dense(model);
        return Pruner.Prune(MaskCriteria.Random, new CriterionContext(dense, g), new PruningAmounts(PruneAmount.FractionOfRemaining(0.5)), PruningScope.Layerwise);
    }

    private static (Tensor X, Tensor Y) Batch(Generator g) => (randn([32, 8], generator: g), randint(0, 3, [32], generator: g));

    private static void Train(nn.Module<Tensor, Tensor> model, optim.Optimizer optimizer, MaskedModel? masked, Generator g, int steps, bool maskGradients = false)
    {
        for (var step = 0; step < steps; step++)
        {
            using var scope = NewDisposeScope();
            var (x, y) = Batch(g);
            optimizer.zero_grad();
            nn.functional.cross_entropy(model.call(x), y).backward();
            if (maskGradients)
            {
                masked?.MaskGradients();
            }

            optimizer.step();
            masked?.AfterOptimizerStep();
        }
    }

    private static float[] Floats(Tensor t)
    {
        using var c = t.detach().contiguous();
        return c.data<float>().ToArray();
    }

    /// <summary>Pruned positions whose bits are not exactly +0.0f.</summary>
    private static int NonZeroBitsAtPruned(nn.Module model, Mask mask)
    {
        var parameters = model.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        var count = 0;
        foreach (var name in mask.Names)
        {
            var w = Floats(parameters[name]);
            var m = Floats(mask[name]);
            count += w.Where((v, i) => m[i] == 0 && BitConverter.SingleToInt32Bits(v) != 0).Count();
        }

        return count;
    }

    private static IEnumerable<TestCaseData> Optimizers()
    {
        foreach (var maskGradients in new[] { false, true })
        {
            var how = maskGradients ? "WithMaskedGradients" : "WithoutMaskedGradients";
            yield return new TestCaseData((Func<nn.Module, optim.Optimizer>)(m => optim.SGD(m.parameters(), 0.1, momentum: 0.9, weight_decay: 1e-3)), maskGradients)
                .SetName("PrunedWeightsStayExactlyZeroThroughSgdWithMomentumAndWeightDecay" + how);
            yield return new TestCaseData((Func<nn.Module, optim.Optimizer>)(m => optim.Adam(m.parameters(), 1e-2, weight_decay: 1e-3)), maskGradients)
                .SetName("PrunedWeightsStayExactlyZeroThroughAdamWithWeightDecay" + how);
            yield return new TestCaseData((Func<nn.Module, optim.Optimizer>)(m => optim.AdamW(m.parameters(), 1e-2, weight_decay: 1e-2)), maskGradients)
                .SetName("PrunedWeightsStayExactlyZeroThroughAdamW" + how);
        }
    }

    [TestCaseSource(nameof(Optimizers))]
    public void PrunedWeightsStayExactlyZero(Func<nn.Module, optim.Optimizer> makeOptimizer, bool maskGradients)
    {
        var g = new Generator(11);
        using var model = Mlp(g);
        using var optimizer = makeOptimizer(model);

        // Dense training first, so momentum / Adam moments are non-zero at every position when the mask arrives.
        Train(model, optimizer, null, g, 5);
        using var mask = HalfMask(model, g);
        using var masked = new MaskedModel(model, mask);
        masked.ApplyToWeights();
        var w0 = model.named_parameters().First(p => p.name == "0.weight").parameter;
        using var before = w0.detach().clone();

        Train(model, optimizer, masked, g, 20, maskGradients);

        Assert.That(NonZeroBitsAtPruned(model, mask), Is.EqualTo(0));
        Assert.That(masked.CountRevivedWeights(), Is.EqualTo(0));
        using var scope = NewDisposeScope();
        var kept = mask["0.weight"].ne(0);
        var moved = w0.detach().sub(before).abs().masked_select(kept).max().ToDouble();
        Assert.That(moved, Is.GreaterThan(1e-4), "kept weights still train");
    }

    [Test]
    public void KeptWeightsFollowTheSameTrajectoryWhetherOrNotGradientsAreMasked()
    {
        float[] Run(bool maskGradients)
        {
            var g = new Generator(5);
            using var model = Mlp(g);
            using var optimizer = optim.SGD(model.parameters(), 0.05, momentum: 0.9, weight_decay: 1e-3);
            using var mask = HalfMask(model, g);
            using var masked = new MaskedModel(model, mask);
            masked.ApplyToWeights();
            Train(model, optimizer, masked, g, 10, maskGradients);
            return model.named_parameters().SelectMany(p => Floats(p.parameter)).ToArray();
        }

        Assert.That(Run(maskGradients: false), Is.EqualTo(Run(maskGradients: true)));
    }

    [Test]
    public void ApplyingTheMaskIsInPlaceGivesPositiveZeroAndTurnsNonFiniteWeightsIntoNaN()
    {
        using var scope = NewDisposeScope();
        var g = new Generator(3);
        using var model = Mlp(g);
        var weight = model.named_parameters().First(p => p.name == "0.weight").parameter;
        using (no_grad())
        {
            weight.fill_(-0.5);
            weight[0, 0] = tensor(float.NaN);
            weight[0, 1] = tensor(float.NaN);
            weight[2, 0] = tensor(-0.0f);
            weight[3, 0] = tensor(float.PositiveInfinity);
        }

        var keep = ones([16, 8]);
        keep[0, 0] = tensor(0f);
        keep[1] = zeros(8);
        using var mask = Mask.Create(
            new Dictionary<string, Tensor> { ["0.weight"] = keep, ["2.weight"] = ones([3, 16]) }, PrunableParameters.Select(model));
        using var masked = new MaskedModel(model, mask);

        masked.ApplyToWeights();

        var bits = Floats(weight).Select(BitConverter.SingleToUInt32Bits).ToArray();
        var expected = Floats(keep).Select((k, i) => k == 0 ? 0u : BitConverter.SingleToUInt32Bits(-0.5f)).ToArray();
        expected[1] = bits[1];
        expected[16] = 0u; // a kept −0.0 becomes +0.0
        expected[24] = bits[24];
        Assert.Multiple(() =>
        {
            Assert.That(model.named_parameters().First(p => p.name == "0.weight").parameter, Is.SameAs(weight));
            Assert.That(weight.requires_grad && weight.is_leaf, Is.True);
            Assert.That(float.IsNaN(BitConverter.UInt32BitsToSingle(bits[0])), Is.True, "a pruned NaN stays NaN");
            Assert.That(float.IsNaN(BitConverter.UInt32BitsToSingle(bits[1])), Is.True, "a kept NaN is unchanged");
            Assert.That(float.IsNaN(BitConverter.UInt32BitsToSingle(bits[24])), Is.True, "a kept infinity becomes NaN");
            Assert.That(bits.Skip(2), Is.EqualTo(expected.Skip(2)), "pruned weights are +0.0 bit for bit, kept ones keep their values");
            Assert.That(masked.CountRevivedWeights(), Is.EqualTo(1), "the pruned NaN counts as revived");
        });
    }

    [Test]
    public void NegativeZeroAtAPrunedPositionCountsAsRevived()
    {
        var g = new Generator(3);
        using var model = Mlp(g);
        using var mask = HalfMask(model, g);
        using var masked = new MaskedModel(model, mask);
        masked.ApplyToWeights();
        var weight = model.named_parameters().First(p => p.name == "2.weight").parameter;
        using (no_grad())
        {
            using var pruned = mask["2.weight"].eq(0);
            weight.masked_fill_(pruned, -0.0);
        }

        Assert.That(masked.CountRevivedWeights(), Is.EqualTo(mask.Sparsity()["2.weight"].Pruned));
    }

    [Test]
    public void GradientsAreMaskedAndParametersWithoutOneAreSkipped()
    {
        var g = new Generator(4);
        using var model = Mlp(g);
        using var mask = HalfMask(model, g);
        using var masked = new MaskedModel(model, mask);
        using (var scope = NewDisposeScope())
        {
            var (x, y) = Batch(g);
            nn.functional.cross_entropy(model.call(x), y).backward();
        }

        var last = model.named_parameters().First(p => p.name == "2.weight").parameter;
        last.grad = null;

        masked.MaskGradients();

        using var grad = model.named_parameters().First(p => p.name == "0.weight").parameter.grad!;
        var pruned = Floats(mask["0.weight"]);
        Assert.That(Floats(grad).Where((_, i) => pruned[i] == 0), Is.All.EqualTo(0f));
        Assert.That(Floats(grad).Where((_, i) => pruned[i] == 1).Count(v => v != 0), Is.GreaterThan(0));
        Assert.That(last.grad, Is.Null);
    }

    [Test]
    public void AMaskThatDoesNotFitTheModelIsRejectedListingEveryProblem()
    {
        var g = new Generator(0);
        using var model = Mlp(g);
        using var mask = Mask.Dense([new PrunableLayer("0.weight", [8, 16], LayerKind.Linear, false), new PrunableLayer("9.weight", [3, 3], LayerKind.Linear, true)]);

        var e = Assert.Throws<ArgumentException>(() => new MaskedModel(model, mask))!;

        Assert.That(e.Message, Does.StartWith(
            "The mask does not fit the model." + Environment.NewLine +
            "- The mask tensor '0.weight' has shape [8, 16] but the parameter has shape [16, 8]; mask the model it was built for." + Environment.NewLine +
            "- The mask tensor '9.weight' names no parameter of the model; mask the model it was built for."));
    }

    [Test]
    public void WithoutReapplyingTheMaskMomentumRevivesPrunedWeights()
    {
        var g = new Generator(11);
        using var model = Mlp(g);
        using var optimizer = optim.SGD(model.parameters(), 0.1, momentum: 0.9);
        Train(model, optimizer, null, g, 5);
        using var mask = HalfMask(model, g);
        using var masked = new MaskedModel(model, mask);
        masked.ApplyToWeights();

        Train(model, optimizer, null, g, 3);

        Assert.That(masked.CountRevivedWeights(), Is.GreaterThan(0));
    }

    [Test]
    public void TheTrainingHooksAllocateNoLastingTensors()
    {
        var g = new Generator(3);
        using var model = Mlp(g);
        using var optimizer = optim.SGD(model.parameters(), 0.1, momentum: 0.9);
        using var mask = HalfMask(model, g);
        using var masked = new MaskedModel(model, mask);
        Train(model, optimizer, masked, g, 1, maskGradients: true);
        var before = Native.Engine.LiveTensorCount;

        Train(model, optimizer, masked, g, 5, maskGradients: true);

        Assert.That(Native.Engine.LiveTensorCount, Is.EqualTo(before));
    }
}
