using LotteryTickets.Masks;
using LotteryTickets.Pruning;
using LotteryTickets.Tests.Experiments;
using LotteryTickets.Tickets;
using TorchSharp;
using LotteryTickets.Initialization;
using static TorchSharp.torch;

namespace LotteryTickets.Tests.Tickets;

public class TicketTransformTests
{
    private static (Ticket Ticket, TicketTransformContext Context, Generator Generator) Setup(ulong seed)
    {
        using var scope = torch.NewDisposeScope();
        using var model = TinyExperiment.CreateModel(new Generator(1));
        var layers = PrunableParameters.Select(model);
        var weights = model.state_dict();
        using var g = new Generator(5);
        var scores = layers.ToDictionary(l => l.Name, l => torch.rand(l.Shape, generator: g));
        using var dense = Mask.Dense(layers);
        using var mask = Pruner.Prune(scores, dense, PruningAmounts.Iterative(0.5, 0.25), PruningScope.Layerwise, g);
        var ticket = new Ticket(mask, weights);
        var generator = new Generator(seed);
        var context = new TicketTransformContext(layers, ticket.Weights, ticket.Weights, generator, seed, s =>
        {
            using var fresh = TinyExperiment.CreateModel(new Generator(s));
            return fresh.state_dict().ToDictionary(e => e.Key, e => e.Value.clone());
        });
        return (ticket, context, generator);
    }

    [Test]
    public void RandomPruningKeepsTheSameCountInEveryLayerAtOtherPositions()
    {
        using var scope = torch.NewDisposeScope();
        var (ticket, context, generator) = Setup(9);
        using var _ = ticket;
        using var __ = generator;

        using var pruned = TicketTransforms.Get("random_pruning").Apply(ticket, context);

        Assert.That(pruned.Mask.Sparsity().Layers.Select(l => l.Remaining), Is.EqualTo(ticket.Mask.Sparsity().Layers.Select(l => l.Remaining)));
        Assert.That(pruned.Mask.ContentEquals(ticket.Mask), Is.False);
        Assert.That(pruned.Weights["fc1.weight"].SameAs(ticket.Weights["fc1.weight"]), Is.True);
    }

    [Test]
    public void RandomPruningIsAFunctionOfTheContextsSeed()
    {
        using var scope = torch.NewDisposeScope();
        var (a, contextA, generatorA) = Setup(9);
        var (b, contextB, generatorB) = Setup(9);
        var (c, contextC, generatorC) = Setup(10);
        using var ticketA = a;
        using var ticketB = b;
        using var ticketC = c;
        using var gA = generatorA;
        using var gB = generatorB;
        using var gC = generatorC;

        using var first = new RandomPruning().Apply(a, contextA);
        using var second = new RandomPruning().Apply(b, contextB);
        using var third = new RandomPruning().Apply(c, contextC);

        Assert.That(first.Mask.ContentEquals(second.Mask), Is.True);
        Assert.That(first.Mask.ContentEquals(third.Mask), Is.False);
    }

    [Test]
    public void RandomReinitializationKeepsTheMaskAndDrawsOtherWeights()
    {
        using var scope = torch.NewDisposeScope();
        var (ticket, context, generator) = Setup(9);
        using var _ = ticket;
        using var __ = generator;

        using var reinit = TicketTransforms.Get("random_reinit").Apply(ticket, context);

        Assert.That(reinit.Mask.ContentEquals(ticket.Mask), Is.True);
        Assert.That(reinit.Weights["fc1.weight"].SameAs(ticket.Weights["fc1.weight"]), Is.False);
        using var fresh = TinyExperiment.CreateModel(new Generator(context.DeriveSeed("random_reinit")));
        Assert.That(fresh.state_dict().All(e => reinit.Weights[e.Key].SameAs(e.Value)), Is.True);
    }

    [Test]
    public void AnUnknownTransformNameListsTheKnownOnes()
    {
        var e = Assert.Throws<ArgumentException>(() => TicketTransforms.Get("reshufle"));

        Assert.That(e!.Message, Does.StartWith("The ticket transform 'reshufle' is unknown; the known transforms are 'random_reinit', 'random_pruning', "));
        Assert.That(e.Message, Does.Contain(string.Join(", ", TicketTransforms.Names.Select(n => $"'{n}'")) + ". Check the spelling"));
        Assert.That(TicketTransforms.Names.Take(2), Is.EqualTo(new[] { "random_reinit", "random_pruning" }));
    }

    [Test]
    public void ATicketChecksItsWeightsAgainstTheMask()
    {
        using var scope = torch.NewDisposeScope();
        var layers = new[] { new PrunableLayer("fc1.weight", [2, 3], LayerKind.Linear, false), new PrunableLayer("fc2.weight", [1, 2], LayerKind.Linear, true) };
        using var mask = Mask.Dense(layers);
        var weights = new Dictionary<string, Tensor> { ["fc1.weight"] = torch.zeros([3, 2]) };

        var e = Assert.Throws<ArgumentException>(() => new Ticket(mask, weights));

        Assert.That(e!.Message, Is.EqualTo(string.Join(
            Environment.NewLine,
            "The ticket is invalid.",
            "- The weights of 'fc1.weight' have shape [3, 2] but the layer has shape [2, 3]; use tensors of the same model.",
            "- The weights have no tensor for the masked layer 'fc2.weight'; give the model's full state dict.")));
    }
}
