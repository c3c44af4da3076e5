using LotteryTickets.Criteria;
using LotteryTickets.Masks;
using LotteryTickets.Pruning;
using TorchSharp;
using static TorchSharp.torch;
using static LotteryTickets.Tests.Support.Layers;

namespace LotteryTickets.Tests.Criteria;

public class CriterionFormulaTests
{
    // Values chosen to cover signs, sign changes, growth and shrinkage.
    private static readonly float[] Wi = [0.5f, -0.2f, 0.1f, -0.7f, 0.3f, 0.0f];
    private static readonly float[] Wf = [0.9f, 0.4f, -0.05f, -0.1f, 0.3f, -0.6f];

    private static IEnumerable<TestCaseData> ElementwiseCases()
    {
        yield return Case("large_final", (i, f) => Math.Abs(f));
        yield return Case("small_final", (i, f) => -Math.Abs(f));
        yield return Case("large_init", (i, f) => Math.Abs(i));
        yield return Case("small_init", (i, f) => -Math.Abs(i));
        yield return Case("magnitude_increase", (i, f) => Math.Abs(f) - Math.Abs(i));
        yield return Case("movement", (i, f) => Math.Abs(f - i));

        static TestCaseData Case(string name, Func<float, float, float> formula) => new TestCaseData(name, formula).SetName("TheCriterion_" + name + "_MatchesItsFormula");
    }

    private static CriterionContext Context(Mask mask, Generator g, Dictionary<string, Tensor> wi, Dictionary<string, Tensor> wf) =>
        new(mask, g) { InitialWeights = wi, FinalWeights = wf };

    [TestCaseSource(nameof(ElementwiseCases))]
    public void ElementwiseCriteriaMatchTheirFormulas(string name, Func<float, float, float> formula)
    {
        using var scope = NewDisposeScope();
        IReadOnlyList<PrunableLayer> layers = [Linear("w", 2, 3)];
        using var mask = Mask.Dense(layers);
        using var g = new Generator(0);
        var context = Context(mask, g, new() { ["w"] = T(Wi, 2, 3) }, new() { ["w"] = T(Wf, 2, 3) });

        var scores = MaskCriteria.Get(name).Score(context);

        var expected = Wi.Zip(Wf, formula).ToArray();
        Assert.That(Floats(scores["w"]), Is.EqualTo(expected).Within(1e-7));
        Assert.That(scores["w"].shape, Is.EqualTo(new long[] { 2, 3 }));
    }

    [Test]
    public void LargeInitLargeFinalScoresTheSmallerOfTheTwoWithinLayerPercentiles()
    {
        using var scope = NewDisposeScope();
        float[] wi = [0.9f, -0.1f, 0.5f, -0.3f, 0.7f, 0.2f];
        float[] wf = [0.05f, 0.8f, -0.6f, 0.4f, -0.9f, 0.1f];
        IReadOnlyList<PrunableLayer> layers = [Linear("w", 2, 3)];
        using var mask = Mask.Create(new Dictionary<string, Tensor> { ["w"] = T([1, 1, 1, 1, 1, 0], 2, 3) }, layers);
        using var g = new Generator(0);
        var context = Context(mask, g, new() { ["w"] = T(wi, 2, 3) }, new() { ["w"] = T(wf, 2, 3) });

        var large = MaskCriteria.LargeInitLargeFinal.Score(context)["w"].to(ScalarType.Float64).contiguous().data<double>().ToArray();
        var small = MaskCriteria.SmallInitSmallFinal.Score(context)["w"].to(ScalarType.Float64).contiguous().data<double>().ToArray();

        var remaining = Enumerable.Range(0, 5).ToArray();
        for (var k = 0; k < 5; k++)
        {
            // Independent: F(x) = (number of remaining values ≤ x) / remaining (values distinct).
            double F(float[] w, int j, int sign) => remaining.Count(r => sign * Math.Abs(w[r]) <= sign * Math.Abs(w[j])) / 5.0;
            Assert.That(large[k], Is.EqualTo(Math.Min(F(wi, k, 1), F(wf, k, 1))).Within(1e-12), $"large, weight {k}");
            Assert.That(small[k], Is.EqualTo(Math.Min(F(wi, k, -1), F(wf, k, -1))).Within(1e-12), $"small, weight {k}");
        }
    }

    [Test]
    public void LargeInitLargeFinalPrunesToThePercentileQuadrant()
    {
        using var scope = NewDisposeScope();
        float[] wi = [0.9f, 0.8f, 0.7f, 0.6f, 0.5f, 0.4f, 0.3f, 0.2f, 0.1f, 0.05f];
        float[] wf = [0.05f, 0.9f, 0.8f, 0.7f, 0.6f, 0.5f, 0.4f, 0.3f, 0.2f, 0.1f];
        IReadOnlyList<PrunableLayer> layers = [Linear("w", 1, 10)];
        using var dense = Mask.Dense(layers);
        using var g = new Generator(0);
        var context = Context(dense, g, new() { ["w"] = T(wi, 1, 10) }, new() { ["w"] = T(wf, 1, 10) });

        using var mask = Pruner.Prune(MaskCriteria.LargeInitLargeFinal, context, new PruningAmounts(PruneAmount.ToRemainingCount(4)), PruningScope.Layerwise);

        // Top-5 of |w_i| are weights 0..4, top-5 of |w_f| are 1..5: the quadrant at the 50th percentile is 1..4.
        Assert.That(Floats(mask["w"]), Is.EqualTo(new float[] { 0, 1, 1, 1, 1, 0, 0, 0, 0, 0 }));
    }

    [Test]
    public void SignFiltersSendFilteredWeightsToMinusInfinity()
    {
        using var scope = NewDisposeScope();
        IReadOnlyList<PrunableLayer> layers = [Linear("w", 2, 3)];
        using var mask = Mask.Dense(layers);
        using var g = new Generator(0);
        var context = Context(mask, g, new() { ["w"] = T(Wi, 2, 3) }, new() { ["w"] = T(Wf, 2, 3) });

        var same = Floats(MaskCriteria.Get("large_final_same_sign").Score(context)["w"]);
        var different = Floats(MaskCriteria.DifferentSign(MaskCriteria.MagnitudeIncrease).Score(context)["w"]);

        for (var k = 0; k < Wi.Length; k++)
        {
            var sameSign = Math.Sign(Wi[k]) == Math.Sign(Wf[k]);
            Assert.That(same[k], Is.EqualTo(sameSign ? Math.Abs(Wf[k]) : float.NegativeInfinity), $"same_sign, weight {k}");
            Assert.That(different[k], Is.EqualTo(sameSign ? float.NegativeInfinity : Math.Abs(Wf[k]) - Math.Abs(Wi[k])).Within(1e-7), $"different_sign, weight {k}");
        }
    }

    [Test]
    public void RandomScoresComeFromTheSeedAndLieInTheUnitInterval()
    {
        using var scope = NewDisposeScope();
        IReadOnlyList<PrunableLayer> layers = [Linear("a", 4, 5), Linear("b", 3, 3)];
        using var mask = Mask.Dense(layers);

        float[] Draw(ulong seed)
        {
            using var g = new Generator(seed);
            var s = MaskCriteria.Random.Score(new CriterionContext(mask, g));
            return [.. Floats(s["a"]), .. Floats(s["b"])];
        }

        var first = Draw(5);
        Assert.That(Draw(5), Is.EqualTo(first));
        Assert.That(Draw(6), Is.Not.EqualTo(first));
        Assert.That(first, Is.All.InRange(0f, 1f));
        Assert.That(first.Distinct().Count(), Is.EqualTo(29));
    }

    [Test]
    public void CriteriaScoreOnlyTheMaskLayersOfAFullStateDict()
    {
        using var scope = NewDisposeScope();
        IReadOnlyList<PrunableLayer> layers = [Linear("w", 2, 3)];
        using var mask = Mask.Dense(layers);
        using var g = new Generator(0);
        var wf = new Dictionary<string, Tensor> { ["w"] = T(Wf, 2, 3), ["bias"] = T([1, 2], 2) };

        var scores = MaskCriteria.LargeFinal.Score(new CriterionContext(mask, g) { FinalWeights = wf });

        Assert.That(scores.Keys, Is.EqualTo(new[] { "w" }));
    }
}
