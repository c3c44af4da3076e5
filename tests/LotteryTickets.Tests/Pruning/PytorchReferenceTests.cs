using System.Text.Json;
using LotteryTickets.Criteria;
using LotteryTickets.Masks;
using LotteryTickets.Pruning;
using LotteryTickets.Tests.Support;
using TorchSharp;
using LotteryTickets.Native;
using LotteryTickets.Serialization;
using static TorchSharp.torch;

namespace LotteryTickets.Tests.Pruning;

/// <summary>
/// Frankle &amp; Carbin's iterative magnitude pruning, computed by the library and by an independent
/// PyTorch script on the same weights (handed over as safetensors), gives the same masks at every level.
/// </summary>
public class PytorchReferenceTests
{
    private const int Levels = 3;

    private static readonly (string Name, long[] Shape)[] Model =
    [
        ("fc1.weight", [30, 20]), ("fc1.bias", [30]), ("fc2.weight", [20, 30]), ("fc2.bias", [20]), ("fc3.weight", [10, 20]), ("fc3.bias", [10]),
    ];

    /// <summary>
    /// Weights with pairwise distinct magnitudes across all layers (a random permutation of
    /// 1..N, scaled, with random signs), so that no ties arise and the masks are fully determined.
    /// </summary>
    private static Dictionary<string, Tensor> DistinctWeights(Generator g)
    {
        var total = Model.Sum(m => m.Shape.Aggregate(1L, (a, b) => a * b));
        var magnitudes = randperm(total, generator: g).to(ScalarType.Float32).add(1).mul(1e-3);
        var signs = randint(0, 2, [total], generator: g).to(ScalarType.Float32).mul(2).sub(1);
        var flat = magnitudes.mul(signs);
        var result = new Dictionary<string, Tensor>();
        long start = 0;
        foreach (var (name, shape) in Model)
        {
            var n = shape.Aggregate(1L, (a, b) => a * b);
            result[name] = flat.narrow(0, start, n).reshape(shape).contiguous();
            start += n;
        }

        return result;
    }

    [TestCase(PruningScope.Layerwise, "layerwise")]
    [TestCase(PruningScope.Global, "global")]
    public void IterativeMagnitudePruningMatchesPytorchAtEveryLevel(PruningScope scope, string scopeName)
    {
        using var folder = new TemporaryFolder();
        using var disposeScope = NewDisposeScope();
        using var g = new Generator(2024);
        IReadOnlyList<PrunableLayer>? layers = null;
        var mask = (Mask?)null;
        try
        {
            for (var level = 1; level <= Levels; level++)
            {
                // The trained weights of each level differ (as after retraining); the reference reads the same file.
                var final = DistinctWeights(g);
                SafeTensors.Save(folder.File($"final_{level}.safetensors"), final);
                layers ??= PrunableParameters.FromTensors(final);
                mask ??= Mask.Dense(layers);
                var context = new CriterionContext(mask, g) { FinalWeights = final };
                var next = Pruner.Prune(MaskCriteria.LargeFinal, context, PruningAmounts.Iterative(0.2, 0.1), scope);
                mask.Dispose();
                mask = next;
                mask.Save(folder.File($"ours_{level}.safetensors"));
            }

            var output = PythonReference.Run(
                "reference_prune.py", folder.Path, Levels.ToString(System.Globalization.CultureInfo.InvariantCulture), "0.2", "0.1", scopeName, folder.Path);

            var counts = JsonSerializer.Deserialize<List<Dictionary<string, long>>>(output)!;
            Assert.That(counts, Has.Count.EqualTo(Levels));
            Assert.That(counts[^1]["fc3.weight"], Is.EqualTo(145), "200 → 180 → 162 → 145 at 10% per level (⌈16.2⌉ = 17)");
            if (scope == PruningScope.Layerwise)
            {
                Assert.That(counts[^1]["fc1.weight"], Is.EqualTo(307), "600 → 480 → 384 → 307 at 20% per level");
            }
            else
            {
                Assert.That(counts[^1]["fc1.weight"] + counts[^1]["fc2.weight"], Is.EqualTo(614), "1200 → 960 → 768 → 614 pooled");
            }

            using var theirs = Mask.Load(folder.File($"torch_{Levels}.safetensors"), layers);
            Assert.That(theirs.ContentEquals(mask), Is.True);
        }
        finally
        {
            mask?.Dispose();
        }
    }
}
