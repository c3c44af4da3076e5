using LotteryTickets.Masks;
using LotteryTickets.Pruning;
using TorchSharp;
using static TorchSharp.torch;
using static LotteryTickets.Tests.Support.Layers;

namespace LotteryTickets.Tests.Pruning;

public class PrunerTests
{
    private static Dictionary<string, Tensor> Scores(IReadOnlyList<PrunableLayer> layers, ulong seed)
    {
        using var g = new Generator(seed);
        return layers.ToDictionary(l => l.Name, l => randn(l.Shape, generator: g));
    }

    private static PruningAmounts Rate(double r) => new(PruneAmount.FractionOfRemaining(r));

    [Test]
    public void LayerwisePruningAtTwentyPercentLeavesExactCountsLevelAfterLevel()
    {
        using var scope = NewDisposeScope();
        IReadOnlyList<PrunableLayer> layers = [Linear("a", 10, 10), Linear("b", 5, 10, output: true)];
        var scores = Scores(layers, 1);
        using var g = new Generator(7);
        var mask = Mask.Dense(layers);
        var expectedA = new long[] { 80, 64, 51, 40 }; // ⌈0.2 × remaining⌉ per level
        var expectedB = new long[] { 40, 32, 25, 20 };
        for (var level = 0; level < 4; level++)
        {
            var next = Pruner.Prune(scores, mask, Rate(0.2), PruningScope.Layerwise, g);
            mask.Dispose();
            mask = next;
            var report = mask.Sparsity();
            Assert.That(report["a"].Remaining, Is.EqualTo(expectedA[level]), $"level {level + 1}");
            Assert.That(report["b"].Remaining, Is.EqualTo(expectedB[level]), $"level {level + 1}");
        }

        mask.Dispose();
    }

    [Test]
    public void LayerwisePruningRemovesTheLowestScoresOfEachLayer()
    {
        using var scope = NewDisposeScope();
        IReadOnlyList<PrunableLayer> layers = [Linear("a", 1, 5), Linear("b", 1, 5)];
        var scores = new Dictionary<string, Tensor>
        {
            ["a"] = T([5, 1, 4, 2, 3], 1, 5),
            ["b"] = T([10, 30, 20, 50, 40], 1, 5),
        };
        using var g = new Generator(0);
        using var dense = Mask.Dense(layers);

        using var mask = Pruner.Prune(scores, dense, Rate(0.4), PruningScope.Layerwise, g);

        Assert.That(Floats(mask["a"]), Is.EqualTo(new float[] { 1, 0, 1, 0, 1 }));
        Assert.That(Floats(mask["b"]), Is.EqualTo(new float[] { 0, 1, 0, 1, 1 }));
    }

    [Test]
    public void GlobalPruningUsesOneThresholdAcrossLayers()
    {
        using var scope = NewDisposeScope();
        IReadOnlyList<PrunableLayer> layers = [Linear("a", 1, 5), Linear("b", 1, 5)];
        var scores = new Dictionary<string, Tensor>
        {
            ["a"] = T([5, 1, 4, 2, 3], 1, 5),
            ["b"] = T([10, 30, 20, 50, 40], 1, 5),
        };
        using var g = new Generator(0);
        using var dense = Mask.Dense(layers);

        using var global = Pruner.Prune(scores, dense, Rate(0.4), PruningScope.Global, g);
        using var layerwise = Pruner.Prune(scores, dense, Rate(0.4), PruningScope.Layerwise, g);

        Assert.That(Floats(global["a"]), Is.EqualTo(new float[] { 1, 0, 0, 0, 0 }));
        Assert.That(Floats(global["b"]), Is.EqualTo(new float[] { 1, 1, 1, 1, 1 }));
        Assert.That(global.Sparsity().Remaining, Is.EqualTo(layerwise.Sparsity().Remaining));
        Assert.That(layerwise.Sparsity()["a"].Remaining, Is.EqualTo(3));
    }

    [Test]
    public void GlobalPruningCountsTheWholePoolAndHonoursTheOutputRateSeparately()
    {
        using var scope = NewDisposeScope();
        IReadOnlyList<PrunableLayer> layers = [Linear("a", 10, 10), Linear("b", 10, 20), Linear("out", 10, 10, output: true)];
        var scores = Scores(layers, 3);
        using var g = new Generator(1);
        using var dense = Mask.Dense(layers);

        using var mask = Pruner.Prune(scores, dense, PruningAmounts.Iterative(0.2, 0.1), PruningScope.Global, g);
        var report = mask.Sparsity();

        Assert.That(report["out"].Remaining, Is.EqualTo(90));
        Assert.That(report["a"].Remaining + report["b"].Remaining, Is.EqualTo(240));
        Assert.That(report["a"].Remaining, Is.Not.EqualTo(80), "one threshold over the pool, not 20% of each layer");
    }

    [Test]
    public void GlobalPruningKeepsExactlyTheHighestScoresOfThePool()
    {
        using var scope = NewDisposeScope();
        IReadOnlyList<PrunableLayer> layers = [Linear("a", 10, 10), Linear("b", 10, 20)];
        var scores = Scores(layers, 5);
        using var g = new Generator(1);
        using var dense = Mask.Dense(layers);

        using var mask = Pruner.Prune(scores, dense, Rate(0.3), PruningScope.Global, g);

        var all = layers.SelectMany(l => Floats(scores[l.Name]).Zip(Floats(mask[l.Name]))).ToList();
        var threshold = all.Select(p => p.First).OrderBy(v => v).ElementAt(90);
        Assert.That(all.Count(p => p.Second == 1), Is.EqualTo(210));
        Assert.That(all.Where(p => p.Second == 1).All(p => p.First >= threshold), Is.True);
        Assert.That(all.Where(p => p.Second == 0).All(p => p.First < threshold), Is.True);
    }

    [Test]
    public void AlreadyPrunedWeightsStayPrunedWhateverTheirScores()
    {
        using var scope = NewDisposeScope();
        IReadOnlyList<PrunableLayer> layers = [Linear("a", 1, 6)];
        using var current = Mask.Create(new Dictionary<string, Tensor> { ["a"] = T([0, 0, 1, 1, 1, 1], 1, 6) }, layers);
        var scores = new Dictionary<string, Tensor> { ["a"] = T([100, 99, 1, 2, 3, 4], 1, 6) };
        using var g = new Generator(0);

        using var mask = Pruner.Prune(scores, current, Rate(0.5), PruningScope.Layerwise, g);

        Assert.That(Floats(mask["a"]), Is.EqualTo(new float[] { 0, 0, 0, 0, 1, 1 }));
    }

    [Test]
    public void MinusInfinityPrunesARemainingWeightFirstButNeverCountsAPrunedOne()
    {
        using var scope = NewDisposeScope();
        IReadOnlyList<PrunableLayer> layers = [Linear("a", 1, 6)];
        using var current = Mask.Create(new Dictionary<string, Tensor> { ["a"] = T([0, 1, 1, 1, 1, 1], 1, 6) }, layers);
        var scores = new Dictionary<string, Tensor> { ["a"] = T([5, 5, float.NegativeInfinity, 1, 6, 7], 1, 6) };
        using var g = new Generator(0);

        using var mask = Pruner.Prune(scores, current, new PruningAmounts(PruneAmount.ToRemainingCount(3)), PruningScope.Layerwise, g);

        Assert.That(Floats(mask["a"]), Is.EqualTo(new float[] { 0, 1, 0, 0, 1, 1 }));
    }

    [Test]
    public void TiesAreBrokenTheSameWayForTheSameSeedAndDifferentlyForAnother()
    {
        using var scope = NewDisposeScope();
        IReadOnlyList<PrunableLayer> layers = [Linear("a", 10, 10)];
        var scores = new Dictionary<string, Tensor> { ["a"] = ones(10, 10) };
        using var dense = Mask.Dense(layers);

        Mask Prune(ulong seed)
        {
            using var g = new Generator(seed);
            return Pruner.Prune(scores, dense, Rate(0.5), PruningScope.Layerwise, g);
        }

        using var first = Prune(42);
        using var again = Prune(42);
        using var other = Prune(43);

        Assert.That(first.Sparsity().Remaining, Is.EqualTo(50));
        Assert.That(first.ContentEquals(again), Is.True);
        Assert.That(first.ContentEquals(other), Is.False);
        Assert.That(other.Sparsity().Remaining, Is.EqualTo(50));
    }

    [Test]
    public void TiesOnlyDecideAmongEqualScores()
    {
        using var scope = NewDisposeScope();
        IReadOnlyList<PrunableLayer> layers = [Linear("a", 1, 6)];
        var scores = new Dictionary<string, Tensor> { ["a"] = T([1, 2, 2, 2, 2, 3], 1, 6) };
        using var dense = Mask.Dense(layers);

        for (ulong seed = 0; seed < 10; seed++)
        {
            using var g = new Generator(seed);
            using var mask = Pruner.Prune(scores, dense, new PruningAmounts(PruneAmount.ToRemainingCount(3)), PruningScope.Layerwise, g);
            var m = Floats(mask["a"]);
            Assert.That(m[0], Is.EqualTo(0));
            Assert.That(m[5], Is.EqualTo(1));
            Assert.That(m.Sum(), Is.EqualTo(3));
        }
    }

    [Test]
    public void ASparsityTargetIsReachedExactly()
    {
        using var scope = NewDisposeScope();
        IReadOnlyList<PrunableLayer> layers = [Linear("a", 10, 10), Linear("b", 10, 20)];
        var scores = Scores(layers, 9);
        using var g = new Generator(2);
        using var dense = Mask.Dense(layers);

        using var layerwise = Pruner.Prune(scores, dense, new PruningAmounts(PruneAmount.TargetSparsity(0.9)), PruningScope.Layerwise, g);
        using var global = Pruner.Prune(scores, dense, new PruningAmounts(PruneAmount.TargetSparsity(0.9)), PruningScope.Global, g);

        Assert.That(layerwise.Sparsity()["a"].Remaining, Is.EqualTo(10));
        Assert.That(layerwise.Sparsity()["b"].Remaining, Is.EqualTo(20));
        Assert.That(global.Sparsity().Remaining, Is.EqualTo(30));
    }

    [Test]
    public void MissingMisShapedAndNanScoresAreAllReported()
    {
        using var scope = NewDisposeScope();
        IReadOnlyList<PrunableLayer> layers = [Linear("a", 1, 3), Linear("b", 1, 2), Linear("c", 1, 2)];
        var scores = new Dictionary<string, Tensor>
        {
            ["a"] = T([1, float.NaN, 2], 1, 3),
            ["b"] = T([1, 2], 2, 1),
        };
        using var g = new Generator(0);
        using var dense = Mask.Dense(layers);

        var e = Assert.Throws<ArgumentException>(() =>
            Pruner.Prune(scores, dense, Rate(0.5).WithLayer("z", PruneAmount.None), PruningScope.Layerwise, g))!;

        Assert.That(e.Message, Is.EqualTo(
            "The pruning input is invalid." + Environment.NewLine +
            "- The scores of 'a' hold 1 NaN value(s) at unpruned weights; a score must be a number (use −∞ to prune a weight first)." + Environment.NewLine +
            "- The scores of 'b' have shape [2, 1] but the layer has shape [1, 2]; score each weight once." + Environment.NewLine +
            "- There are no scores for the layer 'c'; score every layer of the mask." + Environment.NewLine +
            "- The pruning amount for 'z' names no layer of the mask; the layers are 'a', 'b', 'c'."));
    }

    [Test]
    public void PruningLeaksNoTensors()
    {
        using var scope = NewDisposeScope();
        IReadOnlyList<PrunableLayer> layers = [Linear("a", 10, 10), Linear("b", 10, 20)];
        var scores = Scores(layers, 9);
        using var g = new Generator(2);
        using var dense = Mask.Dense(layers);
        var before = Native.Engine.LiveTensorCount;

        var mask = Pruner.Prune(scores, dense, Rate(0.2), PruningScope.Global, g);
        Assert.That(Native.Engine.LiveTensorCount, Is.EqualTo(before + 2));
        mask.Dispose();

        Assert.That(Native.Engine.LiveTensorCount, Is.EqualTo(before));
    }
}
