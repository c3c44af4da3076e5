using LotteryTickets.Tickets;
using TorchSharp;
using LotteryTickets.Initialization;
using static TorchSharp.torch;

namespace LotteryTickets.Tests.Tickets;

public class KeptWeightTransformTests
{
    private static IEnumerable<string> MaskedLayers(TransformFixture f) => f.Layers.Select(l => l.Name);

    private static int[] KeptIndices(bool[] kept) => Enumerable.Range(0, kept.Length).Where(i => kept[i]).ToArray();

    private static int[] PrunedIndices(bool[] kept) => Enumerable.Range(0, kept.Length).Where(i => !kept[i]).ToArray();

    [Test]
    public void ReshuffleKeepsTheMaskAndTheMultisetOfKeptValuesInEveryLayer()
    {
        using var scope = torch.NewDisposeScope();
        using var f = new TransformFixture(9);

        using var result = f.Apply(TicketTransforms.Get("reshuffle"));

        Assert.That(result.Mask.ContentEquals(f.Ticket.Mask), Is.True);
        foreach (var name in MaskedLayers(f))
        {
            var kept = KeptIndices(f.Kept(name));
            var before = f.Initial(name);
            var after = TransformFixture.Values(result.Weights[name]);
            Assert.That(kept.Select(i => after[i]).Order(), Is.EqualTo(kept.Select(i => before[i]).Order()), name);
            Assert.That(kept.Count(i => after[i] != before[i]), Is.GreaterThan(kept.Length / 2), name);
            Assert.That(PrunedIndices(f.Kept(name)).Select(i => after[i]), Is.EqualTo(PrunedIndices(f.Kept(name)).Select(i => before[i])), name);
        }
    }

    [Test]
    public void SignedConstantGivesEveryKeptWeightItsInitialSignTimesTheLayersStandardDeviation()
    {
        using var scope = torch.NewDisposeScope();
        using var f = new TransformFixture(9);

        using var result = f.Apply(TicketTransforms.Get("signed_constant"));

        foreach (var name in MaskedLayers(f))
        {
            var sigma = f.Sigma(name);
            var before = f.Initial(name);
            var after = TransformFixture.Values(result.Weights[name]);
            var kept = KeptIndices(f.Kept(name));
            Assert.That(kept.Select(i => Math.Sign(after[i])), Is.EqualTo(kept.Select(i => Math.Sign(before[i]))), name);
            // 0.001% separates the population deviation (divisor n) from the sample one (n − 1, 0.03% larger for 1,600 weights).
            Assert.That(kept.Select(i => Math.Abs(after[i])), Is.All.EqualTo(sigma).Within(1e-3).Percent, name);
            Assert.That(PrunedIndices(f.Kept(name)).Select(i => after[i]), Is.EqualTo(PrunedIndices(f.Kept(name)).Select(i => before[i])), name);
        }
    }

    [Test]
    public void RandomSignedConstantGivesEveryKeptWeightTheLayersStandardDeviationWithRandomSigns()
    {
        using var scope = torch.NewDisposeScope();
        using var f = new TransformFixture(9);

        using var result = f.Apply(TicketTransforms.Get("random_signed_constant"));

        foreach (var name in MaskedLayers(f))
        {
            var before = f.Initial(name);
            var after = TransformFixture.Values(result.Weights[name]);
            var kept = KeptIndices(f.Kept(name));
            Assert.That(kept.Select(i => Math.Abs(after[i])), Is.All.EqualTo(f.Sigma(name)).Within(1e-3).Percent, name);
            var flipped = kept.Count(i => Math.Sign(after[i]) != Math.Sign(before[i]));
            Assert.That(flipped, Is.GreaterThan(kept.Length / 5).And.LessThan(kept.Length * 4 / 5), name);
        }
    }

    [Test]
    public void SignedReinitializationKeepsTheInitialSignsWithFreshMagnitudes()
    {
        using var scope = torch.NewDisposeScope();
        using var f = new TransformFixture(9);

        using var result = f.Apply(TicketTransforms.Get("signed_reinit"));

        var fresh = f.Context.CreateFreshWeights(f.Context.DeriveSeed("signed_reinit"));
        foreach (var name in MaskedLayers(f))
        {
            var before = f.Initial(name);
            var after = TransformFixture.Values(result.Weights[name]);
            var magnitudes = TransformFixture.Values(fresh[name]);
            var kept = KeptIndices(f.Kept(name));
            Assert.That(kept.Select(i => Math.Sign(after[i])), Is.EqualTo(kept.Select(i => Math.Sign(before[i]))), name);
            Assert.That(kept.Select(i => Math.Abs(after[i])), Is.EqualTo(kept.Select(i => Math.Abs(magnitudes[i]))), name);
            Assert.That(kept.Count(i => after[i] != before[i]), Is.GreaterThan(kept.Length / 2), name);
        }
    }

    [Test]
    public void SignedReshuffleKeepsEachWeightsSignAndTheMultisetOfKeptMagnitudes()
    {
        using var scope = torch.NewDisposeScope();
        using var f = new TransformFixture(9);

        using var result = f.Apply(TicketTransforms.Get("signed_reshuffle"));

        foreach (var name in MaskedLayers(f))
        {
            var before = f.Initial(name);
            var after = TransformFixture.Values(result.Weights[name]);
            var kept = KeptIndices(f.Kept(name));
            Assert.That(kept.Select(i => Math.Sign(after[i])), Is.EqualTo(kept.Select(i => Math.Sign(before[i]))), name);
            Assert.That(kept.Select(i => Math.Abs(after[i])).Order(), Is.EqualTo(kept.Select(i => Math.Abs(before[i])).Order()), name);
            Assert.That(kept.Count(i => after[i] != before[i]), Is.GreaterThan(kept.Length / 2), name);
        }
    }

    [TestCase("reshuffle")]
    [TestCase("signed_reinit")]
    [TestCase("signed_reshuffle")]
    [TestCase("signed_constant")]
    [TestCase("random_signed_constant")]
    public void AKeptWeightTransformChangesOnlyTheStartingWeightsOfMaskedLayers(string name)
    {
        using var scope = torch.NewDisposeScope();
        using var f = new TransformFixture(9);

        using var result = f.Apply(TicketTransforms.Get(name));

        Assert.That(result.Mask.ContentEquals(f.Ticket.Mask), Is.True);
        Assert.That(result.PrunedValues, Is.Null);
        var unmasked = f.Ticket.Weights.Keys.Where(k => !f.Ticket.Mask.Contains(k)).ToList();
        Assert.That(unmasked, Is.Not.Empty);
        Assert.That(unmasked.Where(k => !result.Weights[k].SameAs(f.Ticket.Weights[k])), Is.Empty);
        Assert.That(f.Layers.Where(l => result.Weights[l.Name].SameAs(f.Ticket.Weights[l.Name])).Select(l => l.Name), Is.Empty);
    }
}
