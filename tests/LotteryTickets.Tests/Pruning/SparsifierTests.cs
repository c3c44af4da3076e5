using LotteryTickets.Pruning;
using LotteryTickets.Tests.Support;
using TorchSharp;
using TorchSharp.Modules;
using LotteryTickets.Masks;
using static TorchSharp.torch;

namespace LotteryTickets.Tests.Pruning;

public class SparsifierTests
{
    private const long Total = 30;

    private static IEnumerable<TestCaseData> Optimizers()
    {
        yield return new TestCaseData((Func<nn.Module, optim.Optimizer>)(m => new HeavyBall(m.parameters(), 0.05, 0.9, weightDecay: 1e-3)))
            .SetName("PrunedWeightsArePositiveZeroAfterEveryStepWithAHandWrittenOptimizer");
        yield return new TestCaseData((Func<nn.Module, optim.Optimizer>)(m => optim.RMSProp(m.parameters(), 1e-3, momentum: 0.9, weight_decay: 1e-3)))
            .SetName("PrunedWeightsArePositiveZeroAfterEveryStepWithRmsprop");
        yield return new TestCaseData((Func<nn.Module, optim.Optimizer>)(m => optim.Adagrad(m.parameters(), 0.05, weight_decay: 1e-3)))
            .SetName("PrunedWeightsArePositiveZeroAfterEveryStepWithAdagrad");
        yield return new TestCaseData((Func<nn.Module, optim.Optimizer>)(m => optim.AdamW(m.parameters(), 1e-2)))
            .SetName("PrunedWeightsArePositiveZeroAfterEveryStepWithAdamW");
    }

    [TestCaseSource(nameof(Optimizers))]
    public void PrunedWeightsStayPositiveZeroAndTheSparsityIsExact(Func<nn.Module, optim.Optimizer> make)
    {
        using var model = new TinyCnn(seed: 1);
        using var sparsifier = new Sparsifier(model, GradualSchedules.Agp(0.9, o => o.EndFraction = 0.8), "large_final", new SparsifierOptions { Seed = 3 });
        using var optimizer = sparsifier.Wrap(make(model));
        using var data = new Generator(5);
        var pruned = 0;
        for (long t = 0; t < Total; t++)
        {
            pruned += sparsifier.Step(t, Total) ? 1 : 0;
            TrainStep(model, optimizer, data);
            Assert.That(TinyCnn.NotPositiveZeroAtPruned(model, sparsifier.Mask), Is.Zero, $"after step {t}");
        }

        Assert.That(pruned, Is.GreaterThan(1));
        foreach (var layer in sparsifier.Sparsity().Layers)
        {
            var expected = layer.Total - PruneAmount.TargetSparsity(0.9).PrunedAfter(layer.Total, layer.Total);
            Assert.That(layer.Remaining, Is.EqualTo(expected), layer.Name);
        }

        Assert.That(ZeroWeights(model, sparsifier), Is.EqualTo(sparsifier.Sparsity().Pruned), "every pruned weight is zero in the model");
    }

    [Test]
    public void WithoutTheWrapperMomentumRevivesPrunedWeights()
    {
        using var model = new TinyCnn(seed: 1);
        using var sparsifier = new Sparsifier(model, new OneShot(0.5));
        using var optimizer = new HeavyBall(model.parameters(), 0.05, 0.9);
        using var data = new Generator(5);
        TrainStep(model, optimizer, data);
        sparsifier.Step();
        TrainStep(model, optimizer, data);
        Assert.That(TinyCnn.NotPositiveZeroAtPruned(model, sparsifier.Mask), Is.GreaterThan(0));
        Assert.That(sparsifier.CountRevivedWeights(), Is.GreaterThan(0));
    }

    [Test]
    public void ApplyingTheMaskGivesPositiveZeroEvenForNegativeWeights()
    {
        using var model = new TinyCnn(seed: 1);
        using var sparsifier = new Sparsifier(model, new OneShot(0.5));
        sparsifier.Step();
        using (no_grad())
        {
            foreach (var p in model.parameters())
            {
                p.fill_(-1.0);
            }
        }

        sparsifier.ApplyMask();
        Assert.That(TinyCnn.NotPositiveZeroAtPruned(model, sparsifier.Mask), Is.Zero);
        Assert.That(ZeroWeights(model, sparsifier), Is.EqualTo(sparsifier.Sparsity().Pruned));
    }

    [Test]
    public void TheMaskFollowsTheModelThroughADtypeRoundTrip()
    {
        using var model = new TinyCnn(seed: 1);
        using var sparsifier = new Sparsifier(model, GradualSchedules.OneShot(0.8));
        using var data = new Generator(5);
        using (var optimizer = sparsifier.Wrap(new HeavyBall(model.parameters(), 0.05, 0.9)))
        {
            for (long t = 0; t < Total; t++)
            {
                sparsifier.Step(t, Total);
                TrainStep(model, optimizer, data);
            }
        }

        var before = model.named_parameters().ToDictionary(p => p.name, p => p.parameter.detach().clone());
        var old = model.named_parameters().First().parameter;
        model.to(ScalarType.Float64);
        Assert.That(ReferenceEquals(model.named_parameters().First().parameter, old), Is.False, "to(float64) replaces the parameters");
        using (no_grad())
        {
            foreach (var p in model.parameters())
            {
                p.fill_(-2.0);
            }
        }

        sparsifier.ApplyMask();
        Assert.That(TinyCnn.NotPositiveZeroAtPruned(model, sparsifier.Mask), Is.Zero, "the mask is applied to the new float64 parameters");
        Assert.That(ZeroWeights(model, sparsifier), Is.EqualTo(sparsifier.Sparsity().Pruned));

        using (no_grad())
        {
            foreach (var (name, p) in model.named_parameters())
            {
                p.copy_(before[name]);
            }
        }

        model.to(ScalarType.Float32);
        foreach (var (name, p) in model.named_parameters())
        {
            Assert.That(p.dtype, Is.EqualTo(ScalarType.Float32));
            Assert.That(Same(p, before[name]), Is.True, $"'{name}' is unchanged by the round trip");
        }

        using var again = sparsifier.Wrap(new HeavyBall(model.parameters(), 0.05, 0.9));
        for (var t = 0; t < 5; t++)
        {
            TrainStep(model, again, data);
            Assert.That(TinyCnn.NotPositiveZeroAtPruned(model, sparsifier.Mask), Is.Zero, $"after step {t} on the moved model");
        }

        foreach (var t in before.Values)
        {
            t.Dispose();
        }
    }

    [Test]
    public void MasksSavedAndLoadedAreEqual()
    {
        using var folder = new TemporaryFolder();
        using var model = new TinyCnn(seed: 1);
        using var sparsifier = new Sparsifier(model, new OneShot(0.7, PruningScope.Global), "random", new SparsifierOptions { Seed = 11 });
        sparsifier.Step();
        sparsifier.SaveMask(folder.File("mask.safetensors"));

        using var other = new TinyCnn(seed: 2);
        using var loaded = new Sparsifier(other, new OneShot(0.7));
        loaded.LoadMask(folder.File("mask.safetensors"));
        Assert.That(loaded.Mask.ContentEquals(sparsifier.Mask), Is.True);
        Assert.That(TinyCnn.NotPositiveZeroAtPruned(other, loaded.Mask), Is.Zero, "loading puts the mask in force");
        Assert.That(loaded.Sparsity().Pruned, Is.EqualTo(sparsifier.Sparsity().Pruned));
    }

    [Test]
    public void TheSameSeedGivesTheSameMasks()
    {
        Assert.That(RandomMask(7).ContentEquals(RandomMask(7)), Is.True);
        Assert.That(RandomMask(7).ContentEquals(RandomMask(8)), Is.False);

        static LotteryTickets.Masks.Mask RandomMask(ulong seed)
        {
            using var model = new TinyCnn(seed: 1);
            using var sparsifier = new Sparsifier(model, new OneShot(0.5), "random", new SparsifierOptions { Seed = seed });
            sparsifier.Step();
            return sparsifier.Mask.Clone();
        }
    }

    [Test]
    public void IterativePruningWithRewindingKeepsTheSnapshotsWeightsUnderEachLevelsMask()
    {
        using var model = new TinyCnn(seed: 1);
        using var sparsifier = new Sparsifier(model, new IterativeRates(new IterativeRatesOptions { Levels = 2 }));
        using var optimizer = sparsifier.Wrap(optim.SGD(model.parameters(), 0.05, momentum: 0.9));
        using var data = new Generator(5);
        sparsifier.TakeSnapshot(optimizer);
        var start = model.named_parameters().ToDictionary(p => p.name, p => p.parameter.detach().clone());
        var remaining = sparsifier.Layers.ToDictionary(l => l.Name, l => l.Count);
        for (var level = 1; level <= 2; level++)
        {
            for (var t = 0; t < 5; t++)
            {
                TrainStep(model, optimizer, data);
            }

            Assert.That(sparsifier.Step(), Is.True);
            sparsifier.Rewind(optimizer);
            foreach (var layer in sparsifier.Layers)
            {
                var rate = layer.IsOutput ? 0.1 : 0.2;
                remaining[layer.Name] -= PruneAmount.FractionOfRemaining(rate).WeightsToPrune(layer.Count, remaining[layer.Name]);
                Assert.That(sparsifier.Sparsity()[layer.Name].Remaining, Is.EqualTo(remaining[layer.Name]), $"{layer.Name} at level {level}");
            }

            foreach (var (name, p) in model.named_parameters())
            {
                using var expected = sparsifier.Mask.Contains(name) ? start[name].mul(sparsifier.Mask[name]) : start[name].clone();
                Assert.That(Same(p, expected), Is.True, $"'{name}' holds the snapshot's values under the mask at level {level}");
            }

            Assert.That(TinyCnn.NotPositiveZeroAtPruned(model, sparsifier.Mask), Is.Zero);
        }

        Assert.That(sparsifier.Step(), Is.False, "every level is done");
        Assert.That(sparsifier.Level, Is.EqualTo(2));
    }

    [Test]
    public void RewindingTheOptimizerRepeatsTrainingBitForBit()
    {
        using var model = new TinyCnn(seed: 1);
        using var sparsifier = new Sparsifier(model, new OneShot(0.5));
        using var optimizer = sparsifier.Wrap(optim.RMSProp(model.parameters(), 1e-3, momentum: 0.9));
        using (var warmup = new Generator(5))
        {
            TrainStep(model, optimizer, warmup);
            TrainStep(model, optimizer, warmup);
        }

        sparsifier.Step();
        sparsifier.TakeSnapshot(optimizer);
        var first = TrainFrom(seed: 9);
        sparsifier.Rewind(optimizer);
        var second = TrainFrom(seed: 9);
        sparsifier.Rewind();
        var weightsOnly = TrainFrom(seed: 9);
        Assert.That(second, Is.EqualTo(first), "weights and optimizer state rewound");
        Assert.That(weightsOnly, Is.Not.EqualTo(first), "the optimizer state matters: rewinding the weights alone trains differently");

        float[] TrainFrom(ulong seed)
        {
            using var data = new Generator(seed);
            for (var t = 0; t < 3; t++)
            {
                TrainStep(model, optimizer, data);
            }

            return [.. model.parameters().SelectMany(Support.Layers.Floats)];
        }
    }

    [Test]
    public void TheDefaultSelectionIsTheWeightsOfLinearAndConvolutionModules()
    {
        using var model = new AllConvolutions();
        using var sparsifier = new Sparsifier(model, new OneShot(0.5));
        Assert.That(sparsifier.Layers.Select(l => l.Name), Is.EqualTo(new[] { "c1.weight", "c2.weight", "c3.weight", "fc.weight" }));
        Assert.That(sparsifier.Layers.Select(l => l.Kind), Is.EqualTo(new[] { LayerKind.Convolution, LayerKind.Convolution, LayerKind.Convolution, LayerKind.Linear }));
        Assert.That(sparsifier.Layers[^1].IsOutput, Is.True);
        Assert.That(PrunableParameters.Select(model).Select(l => l.Name), Is.EqualTo(new[] { "c2.weight", "fc.weight" }), "the experiments' default is unchanged");

        using var biases = new Sparsifier(model, new OneShot(0.5), options: new SparsifierOptions { Parameters = (name, _) => name.EndsWith(".bias", StringComparison.Ordinal) });
        Assert.That(biases.Layers.Select(l => l.Name), Is.EqualTo(new[] { "c1.bias", "c2.bias", "c3.bias", "fc.bias" }));
    }

    [Test]
    public void CallingTheStepOfTheOtherScheduleKindIsAClearError()
    {
        using var model = new TinyCnn(seed: 1);
        using var gradual = new Sparsifier(model, GradualSchedules.Agp(0.5));
        using var level = new Sparsifier(model, new OneShot(0.5));
        Assert.That(() => gradual.Step(), Throws.InvalidOperationException.With.Message.Contains("Step(iteration, totalIterations)"));
        Assert.That(() => level.Step(0, 10), Throws.InvalidOperationException.With.Message.Contains("call Step() after each round"));
        Assert.That(() => level.Rewind(), Throws.InvalidOperationException.With.Message.Contains("TakeSnapshot()"));
        Assert.That(
            () => new Sparsifier(model, new OneShot(0.5), options: new SparsifierOptions { Parameters = (_, _) => false }),
            Throws.ArgumentException.With.Message.Contains("chooses no parameter"));
    }

    private static bool Same(Tensor a, Tensor b)
    {
        using var scope = NewDisposeScope();
        return a.dtype == b.dtype && a.shape.SequenceEqual(b.shape) && a.detach().eq(b).all().ToBoolean();
    }

    private static long ZeroWeights(nn.Module model, Sparsifier sparsifier)
    {
        var parameters = model.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        return sparsifier.Layers.Sum(l => parameters[l.Name].detach().eq(0).count_nonzero().ToInt64());
    }

    private static void TrainStep(TinyCnn model, optim.Optimizer optimizer, Generator data)
    {
        using var scope = NewDisposeScope();
        var x = randn([16, 1, 8, 8], generator: data).to(model.Dtype);
        var y = randint(0, 3, [16], generator: data);
        optimizer.zero_grad();
        nn.functional.cross_entropy(model.call(x), y).backward();
        optimizer.step();
    }

    /// <summary>Conv1d, Conv2d, Conv3d and Linear modules, each with a bias.</summary>
    private sealed class AllConvolutions : nn.Module<Tensor, Tensor>
    {
        private readonly Conv1d c1 = nn.Conv1d(2, 3, 3);
        private readonly Conv2d c2 = nn.Conv2d(2, 3, 3);
        private readonly Conv3d c3 = nn.Conv3d(2, 3, 3);
        private readonly Linear fc = nn.Linear(4, 2);

        public AllConvolutions()
            : base(nameof(AllConvolutions)) => RegisterComponents();

        public override Tensor forward(Tensor input) => fc.call(input);
    }
}
