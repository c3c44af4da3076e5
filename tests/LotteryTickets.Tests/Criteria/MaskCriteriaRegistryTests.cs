using LotteryTickets.Criteria;
using LotteryTickets.Masks;
using TorchSharp;
using static TorchSharp.torch;
using static LotteryTickets.Tests.Support.Layers;

namespace LotteryTickets.Tests.Criteria;

public class MaskCriteriaRegistryTests
{
    [Test]
    public void EveryBuiltInIsFoundByItsZhouEtAlName()
    {
        Assert.That(MaskCriteria.Names, Is.EqualTo(new[]
        {
            "large_final", "small_final", "large_init", "small_init", "magnitude_increase", "movement",
            "large_init_large_final", "small_init_small_final", "random",
        }));
        foreach (var name in MaskCriteria.Names)
        {
            Assert.That(MaskCriteria.Get(name).Name, Is.EqualTo(name));
        }
    }

    [TestCase("large_final_same_sign", "large_final_same_sign")]
    [TestCase("magnitude_increase_different_sign", "magnitude_increase_different_sign")]
    [TestCase("large_final_diff_sign", "large_final_different_sign")]
    public void SignFilterSuffixesDecorateABuiltIn(string name, string expected) =>
        Assert.That(MaskCriteria.Get(name).Name, Is.EqualTo(expected));

    [Test]
    public void AnUnknownNameListsTheKnownOnes()
    {
        var e = Assert.Throws<ArgumentException>(() => MaskCriteria.Get("largest_final"))!;

        Assert.That(e.Message, Does.StartWith(
            "The mask criterion 'largest_final' is unknown; the known criteria are 'large_final', 'small_final', 'large_init', 'small_init', " +
            "'magnitude_increase', 'movement', 'large_init_large_final', 'small_init_small_final', 'random', each optionally followed by '_same_sign' or '_different_sign'."));
        Assert.That(MaskCriteria.TryGet("largest_final", out _), Is.False);
    }

    [Test]
    public void ACriterionWithoutTheWeightsItNeedsSaysWhatToSet()
    {
        using var scope = NewDisposeScope();
        using var mask = Mask.Dense([Linear("w", 2, 3)]);
        using var g = new Generator(0);
        var context = new CriterionContext(mask, g) { FinalWeights = new Dictionary<string, Tensor> { ["w"] = zeros(2, 3) } };

        var missing = Assert.Throws<InvalidOperationException>(() => MaskCriteria.Movement.Score(context))!;
        var wrong = Assert.Throws<InvalidOperationException>(() => MaskCriteria.LargeFinal.Score(
            new CriterionContext(mask, g) { FinalWeights = new Dictionary<string, Tensor> { ["w"] = zeros(3, 2) } }))!;

        Assert.That(missing.Message, Is.EqualTo("The criterion 'movement' needs the initial weights, but the context has none; set 'InitialWeights' on the CriterionContext."));
        Assert.That(wrong.Message, Is.EqualTo("The final weights of 'w' have shape [3, 2] but the layer has shape [2, 3]; pass weights of the same model."));
    }

    [Test]
    public void AUserCriterionPlugsIntoThePruner()
    {
        using var scope = NewDisposeScope();
        using var mask = Mask.Dense([Linear("w", 1, 4)]);
        using var g = new Generator(0);

        using var pruned = LotteryTickets.Pruning.Pruner.Prune(
            new PositionCriterion(), new CriterionContext(mask, g),
            new LotteryTickets.Pruning.PruningAmounts(LotteryTickets.Pruning.PruneAmount.FractionOfRemaining(0.5)),
            LotteryTickets.Pruning.PruningScope.Layerwise);

        Assert.That(Floats(pruned["w"]), Is.EqualTo(new float[] { 0, 0, 1, 1 }));
    }

    private sealed class PositionCriterion : IMaskCriterion
    {
        public string Name => "position";

        public OrderedDictionary<string, Tensor> Score(CriterionContext context) =>
            new() { ["w"] = arange(0, 4, 1, ScalarType.Float32).reshape(1, 4) };
    }
}
