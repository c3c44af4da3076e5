using LotteryTickets.Criteria;
using LotteryTickets.Masks;
using LotteryTickets.Pruning;
using LotteryTickets.Torch;
using LotteryTickets.Torch.Nn;
using LotteryTickets.Torch.Optim;

namespace LotteryTickets.Tests.Masks;

public class MaskedModelTests
{
    private static Sequential Mlp(Generator g) => new(new Linear(8, 16, generator: g), new ReLU(), new Linear(16, 3, generator: g));

    /// <summary>A mask pruning half of each layer at random, built with the library's own pruner.</summary>
    private static Mask HalfMask(Module model, Generator g)
    {
        using var dense = Mask.Dense(model);
        return Pruner.Prune(MaskCriteria.Random, new CriterionContext(dense, g), new PruningAmounts(PruneAmount.FractionOfRemaining(0.5)), PruningScope.Layerwise);
    }

    private static (Tensor X, Tensor Y) Batch(Generator g) => (Tensor.Randn([32, 8], g), Tensor.RandInt(0, 3, [32], g));

    private static void Train(Module model, Optimizer optimizer, MaskedModel? masked, Generator g, int steps)
    {
        for (var step = 0; step < steps; step++)
        {
            using var scope = DisposeScope.Begin();
            var (x, y) = Batch(g);
            optimizer.ZeroGrad();
            Functional.CrossEntropy(model.Forward(x), y).Backward();
            masked?.MaskGradients();
            optimizer.Step();
            masked?.AfterOptimizerStep();
        }
    }

    /// <summary>Pruned positions whose bits are not exactly +0.0f.</summary>
    private static int NonZeroBitsAtPruned(Module model, Mask mask)
    {
        var parameters = model.NamedParameters().ToDictionary(p => p.Name, p => p.Parameter);
        var count = 0;
        using var scope = DisposeScope.Begin();
        foreach (var name in mask.Names)
        {
            var w = parameters[name].Detach().Contiguous().ToArray<float>();
            var m = mask[name].Contiguous().ToArray<float>();
            count += w.Where((v, i) => m[i] == 0 && BitConverter.SingleToInt32Bits(v) != 0).Count();
        }

        return count;
    }

    private static IEnumerable<TestCaseData> Optimizers()
    {
        yield return new TestCaseData((Func<Module, Optimizer>)(m => new Sgd(m.Parameters(), new SgdOptions { LearningRate = 0.1, Momentum = 0.9, WeightDecay = 1e-3 })))
            .SetName("PrunedWeightsStayExactlyZeroThroughSgdWithMomentumAndWeightDecay");
        yield return new TestCaseData((Func<Module, Optimizer>)(m => new Adam(m.Parameters(), new AdamOptions { LearningRate = 1e-2, WeightDecay = 1e-3 })))
            .SetName("PrunedWeightsStayExactlyZeroThroughAdamWithWeightDecay");
    }

    [TestCaseSource(nameof(Optimizers))]
    public void PrunedWeightsStayExactlyZero(Func<Module, Optimizer> makeOptimizer)
    {
        using var g = new Generator(11);
        using var model = Mlp(g);
        using var optimizer = makeOptimizer(model);

        // Dense training first, so momentum / Adam moments are non-zero at every position when the mask arrives.
        Train(model, optimizer, null, g, 5);
        using var mask = HalfMask(model, g);
        using var masked = new MaskedModel(model, mask);
        masked.ApplyToWeights();
        using var scope = DisposeScope.Begin();
        var w0 = model.NamedParameters().First(p => p.Name == "0.weight").Parameter;
        var before = w0.Detach().Clone();

        Train(model, optimizer, masked, g, 20);

        Assert.That(NonZeroBitsAtPruned(model, mask), Is.EqualTo(0));
        Assert.That(masked.CountRevivedWeights(), Is.EqualTo(0));
        var kept = mask["0.weight"].Ne(0);
        var moved = w0.Detach().Sub(before).Abs().MaskedSelect(kept).Max().ToDouble();
        Assert.That(moved, Is.GreaterThan(1e-4), "kept weights still train");
    }

    [Test]
    public void WithoutReapplyingTheMaskMomentumRevivesPrunedWeights()
    {
        using var g = new Generator(11);
        using var model = Mlp(g);
        using var optimizer = new Sgd(model.Parameters(), new SgdOptions { LearningRate = 0.1, Momentum = 0.9 });
        Train(model, optimizer, null, g, 5);
        using var mask = HalfMask(model, g);
        using var masked = new MaskedModel(model, mask);
        masked.ApplyToWeights();

        Train(model, optimizer, null, g, 3);

        Assert.That(masked.CountRevivedWeights(), Is.GreaterThan(0));
    }

    [Test]
    public void AMaskThatDoesNotFitTheModelIsRejectedListingEveryProblem()
    {
        using var g = new Generator(0);
        using var model = Mlp(g);
        using var mask = Mask.Dense([new PrunableLayer("0.weight", [8, 16], LayerKind.Linear, false), new PrunableLayer("9.weight", [3, 3], LayerKind.Linear, true)]);

        var e = Assert.Throws<ArgumentException>(() => new MaskedModel(model, mask))!;

        Assert.That(e.Message, Does.StartWith(
            "The mask does not fit the model." + Environment.NewLine +
            "- The mask tensor '0.weight' has shape [8, 16] but the parameter has shape [16, 8]; mask the model it was built for." + Environment.NewLine +
            "- The mask tensor '9.weight' names no parameter of the model; mask the model it was built for."));
    }

    [Test]
    public void TheTrainingHooksAllocateNoLastingTensors()
    {
        using var g = new Generator(3);
        using var model = Mlp(g);
        using var optimizer = new Sgd(model.Parameters(), new SgdOptions { LearningRate = 0.1, Momentum = 0.9 });
        using var mask = HalfMask(model, g);
        using var masked = new MaskedModel(model, mask);
        Train(model, optimizer, masked, g, 1);
        var before = Tensor.LiveCount;

        Train(model, optimizer, masked, g, 5);

        Assert.That(Tensor.LiveCount, Is.EqualTo(before));
    }
}
