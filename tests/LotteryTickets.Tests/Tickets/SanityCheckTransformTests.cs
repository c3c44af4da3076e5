using LotteryTickets.Tickets;
using TorchSharp;
using LotteryTickets.Initialization;
using static TorchSharp.torch;

namespace LotteryTickets.Tests.Tickets;

public class SanityCheckTransformTests
{
    [Test]
    public void RearrangeKeepsTheCountOfEveryLayerAtOtherPositionsAndTheStartingWeights()
    {
        using var scope = torch.NewDisposeScope();
        using var f = new TransformFixture(9);

        using var result = f.Apply(TicketTransforms.Get("rearrange"));

        Assert.That(result.Mask.Sparsity().Layers.Select(l => l.Remaining), Is.EqualTo(f.Ticket.Mask.Sparsity().Layers.Select(l => l.Remaining)));
        foreach (var layer in f.Layers)
        {
            var before = f.Kept(layer.Name);
            var after = TransformFixture.Values(result.Mask[layer.Name]).Select(v => v != 0).ToArray();
            var moved = Enumerable.Range(0, before.Length).Count(i => before[i] && !after[i]);
            Assert.That(moved, Is.GreaterThan(0), layer.Name);
            Assert.That(result.Weights[layer.Name].SameAs(f.Ticket.Weights[layer.Name]), Is.True, layer.Name);
        }
    }

    [Test]
    public void RearrangeIsRandomPruningUnderSuEtAlsName()
    {
        using var scope = torch.NewDisposeScope();
        using var a = new TransformFixture(9);
        using var b = new TransformFixture(9);

        using var rearranged = a.Apply(TicketTransforms.Get("rearrange"));
        using var pruned = b.Apply(TicketTransforms.Get("random_pruning"));

        Assert.That(TicketTransforms.Get("rearrange").Name, Is.EqualTo("rearrange"));
        Assert.That(rearranged.Mask.ContentEquals(pruned.Mask), Is.True);
        Assert.That(rearranged.Mask.ContentEquals(a.Ticket.Mask), Is.False);
    }

    [Test]
    public void ShuffleWeightsIsReshuffleUnderSuEtAlsName()
    {
        using var scope = torch.NewDisposeScope();
        using var a = new TransformFixture(9);
        using var b = new TransformFixture(9);

        using var shuffled = a.Apply(TicketTransforms.Get("shuffle_weights"));
        using var reshuffled = b.Apply(TicketTransforms.Get("reshuffle"));

        Assert.That(TicketTransforms.Get("shuffle_weights").Name, Is.EqualTo("shuffle_weights"));
        Assert.That(a.Layers.All(l => shuffled.Weights[l.Name].SameAs(reshuffled.Weights[l.Name])), Is.True);
        Assert.That(a.Layers.Any(l => shuffled.Weights[l.Name].SameAs(a.Ticket.Weights[l.Name])), Is.False);
    }
}
