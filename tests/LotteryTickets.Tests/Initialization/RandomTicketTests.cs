using LotteryTickets.Experiments;
using LotteryTickets.Initialization;
using LotteryTickets.Masks;
using LotteryTickets.Tickets;
using TorchSharp;
using LotteryTickets.Components;
using static TorchSharp.torch;

namespace LotteryTickets.Tests.Initialization;

public class RandomTicketTests
{
    private static readonly string[] Registered = ["random_uniform", "smart_ratio", "random_erk", "hybrid"];

    /// <summary>A ticket over <see cref="TestLayers.ConvNet"/> with random weights and a random mask keeping about half.</summary>
    private static (Ticket Ticket, TicketTransformContext Context, Generator Generator) Setup(ulong seed)
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(7);
        var layers = TestLayers.ConvNet;
        var weights = layers.ToDictionary(l => l.Name, l => torch.randn(l.Shape, generator: g));
        var masks = layers.ToDictionary(l => l.Name, l => torch.rand(l.Shape, generator: g).lt(0.5).to(ScalarType.Float32));
        using var mask = Mask.Create(masks, layers);
        var ticket = new Ticket(mask, weights);
        var generator = new Generator(seed);
        var context = new TicketTransformContext(layers, ticket.Weights, ticket.Weights, generator, seed, _ => throw new InvalidOperationException("not used"));
        return (ticket, context, generator);
    }

    [TestCase("random_uniform")]
    [TestCase("smart_ratio")]
    [TestCase("random_erk")]
    [TestCase("hybrid")]
    public void TheMaskHasTheRulesCountInEveryLayerAndTheWeightsAreTheTickets(string name)
    {
        using var scope = NewDisposeScope();
        var (ticket, context, generator) = Setup(9);
        using var _ = ticket;
        using var __ = generator;
        var kept = ticket.Mask.Sparsity().Remaining;
        var rule = name switch
        {
            "random_uniform" => LayerDensities.Uniform,
            "random_erk" => LayerDensities.Erk,
            _ => LayerDensities.SmartRatio,
        };

        using var result = TicketTransforms.Get(name).Apply(ticket, context);

        Assert.That(result.Mask.Sparsity().Remaining, Is.EqualTo(kept));
        Assert.That(result.Mask.Sparsity().Layers.Select(l => l.Remaining), Is.EqualTo(rule.Allocate(TestLayers.ConvNet, kept).Counts));
        Assert.That(result.Mask.ContentEquals(ticket.Mask), Is.False);
        foreach (var layer in TestLayers.ConvNet)
        {
            Assert.That(result.Weights[layer.Name].IsSameAs(ticket.Weights[layer.Name]), Is.True, layer.Name);
        }
    }

    [TestCase("smart_ratio")]
    [TestCase("hybrid")]
    public void TheRegisteredSmartRatioTransformsTakeResidualFromTheNetworkAndExplicitOptionsWin(string name)
    {
        using var scope = NewDisposeScope();
        var (ticket, plainContext, generator) = Setup(9);
        using var _ = ticket;
        using var __ = generator;
        var residualContext = new TicketTransformContext(
            TestLayers.ConvNet, ticket.Weights, ticket.Weights, generator, 9, _ => throw new InvalidOperationException("not used"))
        {
            IsResidualNetwork = true,
        };
        var kept = ticket.Mask.Sparsity().Remaining;
        var residualCounts = new SmartRatioDensities(new SmartRatioOptions { Residual = true }).Allocate(TestLayers.ConvNet, kept).Counts;
        var plainCounts = new SmartRatioDensities().Allocate(TestLayers.ConvNet, kept).Counts;
        ITicketTransform explicitPlain = name == "hybrid" ? new HybridTicket(new SmartRatioOptions()) : RandomTicket.SmartRatio(new SmartRatioOptions());

        using var onResidual = TicketTransforms.Get(name).Apply(ticket, residualContext);
        using var onPlain = TicketTransforms.Get(name).Apply(ticket, plainContext);
        using var forcedPlain = explicitPlain.Apply(ticket, residualContext);

        Assert.That(residualCounts, Is.Not.EqualTo(plainCounts));
        Assert.That(onResidual.Mask.Sparsity().Layers.Select(l => l.Remaining), Is.EqualTo(residualCounts));
        Assert.That(onPlain.Mask.Sparsity().Layers.Select(l => l.Remaining), Is.EqualTo(plainCounts));
        Assert.That(forcedPlain.Mask.Sparsity().Layers.Select(l => l.Remaining), Is.EqualTo(plainCounts));
    }

    [Test]
    public void UniformDensitiesDifferFromSmartRatioAndErk()
    {
        using var scope = NewDisposeScope();
        var (ticket, context, generator) = Setup(9);
        using var _ = ticket;
        using var __ = generator;

        using var uniform = TicketTransforms.Get("random_uniform").Apply(ticket, context);
        using var smart = TicketTransforms.Get("smart_ratio").Apply(ticket, context);
        using var erk = TicketTransforms.Get("random_erk").Apply(ticket, context);

        var u = uniform.Mask.Sparsity().Layers.Select(l => l.FractionRemaining).ToArray();
        Assert.That(u.Max() - u.Min(), Is.LessThan(0.01));
        Assert.That(smart.Mask.Sparsity().Layers.Select(l => l.Remaining), Is.Not.EqualTo(uniform.Mask.Sparsity().Layers.Select(l => l.Remaining)));
        Assert.That(erk.Mask.Sparsity().Layers.Select(l => l.Remaining), Is.Not.EqualTo(uniform.Mask.Sparsity().Layers.Select(l => l.Remaining)));
    }

    [TestCase("random_uniform")]
    [TestCase("smart_ratio")]
    [TestCase("random_erk")]
    public void TheSameSeedGivesTheSameMaskAndAnotherSeedAnother(string name)
    {
        using var scope = NewDisposeScope();
        var (a, contextA, generatorA) = Setup(9);
        var (b, contextB, generatorB) = Setup(9);
        var (c, contextC, generatorC) = Setup(10);
        using var ticketA = a;
        using var ticketB = b;
        using var ticketC = c;
        using var gA = generatorA;
        using var gB = generatorB;
        using var gC = generatorC;
        var transform = TicketTransforms.Get(name);

        using var first = transform.Apply(a, contextA);
        using var second = transform.Apply(b, contextB);
        using var third = transform.Apply(c, contextC);

        Assert.That(first.Mask.ContentEquals(second.Mask), Is.True);
        Assert.That(first.Mask.ContentEquals(third.Mask), Is.False);
    }

    [Test]
    public void HybridKeepsTheLargestStartMagnitudesOfEveryLayer()
    {
        using var scope = NewDisposeScope();
        var (ticket, context, generator) = Setup(9);
        using var _ = ticket;
        using var __ = generator;

        using var hybrid = TicketTransforms.Get("hybrid").Apply(ticket, context);

        foreach (var layer in TestLayers.ConvNet)
        {
            var magnitude = ticket.Weights[layer.Name].abs();
            var keep = hybrid.Mask[layer.Name].gt(0);
            var drop = keep.logical_not();
            if (keep.count_nonzero().ToInt64() == 0 || drop.count_nonzero().ToInt64() == 0)
            {
                continue;
            }

            Assert.That(magnitude.masked_select(keep).min().ToDouble(), Is.GreaterThan(magnitude.masked_select(drop).max().ToDouble()), layer.Name);
        }

        Assert.That(hybrid.Mask.Sparsity().Layers.Select(l => l.Remaining), Is.EqualTo(LayerDensities.SmartRatio.Allocate(TestLayers.ConvNet, ticket.Mask.Sparsity().Remaining).Counts));
    }

    [Test]
    public void HybridDrawsNothingAtRandom()
    {
        using var scope = NewDisposeScope();
        var (a, contextA, generatorA) = Setup(9);
        var (b, contextB, generatorB) = Setup(10);
        using var ticketA = a;
        using var ticketB = b;
        using var gA = generatorA;
        using var gB = generatorB;

        using var first = new HybridTicket().Apply(a, contextA);
        using var second = new HybridTicket().Apply(b, contextB);

        Assert.That(first.Mask.ContentEquals(second.Mask), Is.True);
    }

    [Test]
    public void TheRegistryHoldsTheTransformsWithDefaultOptions()
    {
        Assert.That(TicketTransforms.Names, Is.SupersetOf(Registered));
        var smart = (RandomTicket)TicketTransforms.Get("smart_ratio");
        var densities = (SmartRatioDensities)smart.Densities;
        Assert.That((densities.Residual, densities.LinearKeepRatio), Is.EqualTo((false, 0.3)));
        Assert.That(((HybridTicket)TicketTransforms.Get("hybrid")).Densities.LinearKeepRatio, Is.EqualTo(0.3));
        Assert.That(Registered.Select(n => ((IDescribable)TicketTransforms.Get(n)).DescribeParameters().Count), Is.All.EqualTo(0));
    }

    [Test]
    public void NonDefaultOptionsTakePartInTheDescription()
    {
        var options = new SmartRatioOptions { Residual = true };

        Assert.That(RandomTicket.SmartRatio(options).DescribeParameters(), Is.EquivalentTo(new Dictionary<string, object?> { ["residual"] = true }));
        Assert.That(new HybridTicket(options).DescribeParameters(), Is.EquivalentTo(new Dictionary<string, object?> { ["residual"] = true }));
    }
}
