using LotteryTickets.Tickets;
using TorchSharp;
using LotteryTickets.Initialization;
using static TorchSharp.torch;

namespace LotteryTickets.Tests.Tickets;

public class TicketTransformRegistryTests
{
    private static readonly string[] ZhouAndSuNames =
    [
        "reshuffle", "signed_reinit", "signed_reshuffle", "signed_constant", "random_signed_constant",
        "freeze_init", "freeze_init_zero_mask", "freeze_init_zero_all", "rearrange", "shuffle_weights",
    ];

    private static readonly string[] RandomNames = ["reshuffle", "signed_reinit", "signed_reshuffle", "random_signed_constant", "rearrange", "shuffle_weights"];

    [Test]
    public void EveryTransformOfZhouEtAlAndSuEtAlResolvesByItsName()
    {
        Assert.That(TicketTransforms.Names, Is.SupersetOf(ZhouAndSuNames));
        Assert.That(ZhouAndSuNames.Select(n => TicketTransforms.Get(n).Name), Is.EqualTo(ZhouAndSuNames));
        Assert.That(TicketTransforms.Get("reshuffle"), Is.InstanceOf<Reshuffle>());
        Assert.That(TicketTransforms.Get("signed_reinit"), Is.InstanceOf<SignedReinitialization>());
        Assert.That(TicketTransforms.Get("signed_reshuffle"), Is.InstanceOf<SignedReshuffle>());
        Assert.That(TicketTransforms.Get("signed_constant"), Is.InstanceOf<SignedConstant>());
        Assert.That(TicketTransforms.Get("random_signed_constant"), Is.InstanceOf<RandomSignedConstant>());
        Assert.That(TicketTransforms.Get("freeze_init"), Is.InstanceOf<FreezeInit>());
        Assert.That(TicketTransforms.Get("freeze_init_zero_mask"), Is.InstanceOf<FreezeInitZeroMask>());
        Assert.That(TicketTransforms.Get("freeze_init_zero_all"), Is.InstanceOf<FreezeInitZeroAll>());
    }

    [TestCaseSource(nameof(ZhouAndSuNames))]
    public void TheSameSeedGivesTheSameTicket(string name)
    {
        using var scope = torch.NewDisposeScope();
        using var a = new TransformFixture(9);
        using var b = new TransformFixture(9);

        using var first = a.Apply(TicketTransforms.Get(name));
        using var second = b.Apply(TicketTransforms.Get(name));

        Assert.That(Same(first, second), Is.True);
    }

    [TestCaseSource(nameof(RandomNames))]
    public void AnotherSeedGivesAnotherTicket(string name)
    {
        using var scope = torch.NewDisposeScope();
        using var a = new TransformFixture(9);
        using var b = new TransformFixture(10);

        using var first = a.Apply(TicketTransforms.Get(name));
        using var second = b.Apply(TicketTransforms.Get(name));

        Assert.That(Same(first, second), Is.False);
    }

    private static bool Same(Ticket a, Ticket b) =>
        a.Mask.ContentEquals(b.Mask)
        && a.Weights.Keys.Order().SequenceEqual(b.Weights.Keys.Order())
        && a.Weights.All(e => e.Value.SameAs(b.Weights[e.Key]))
        && (a.PrunedValues is null) == (b.PrunedValues is null)
        && (a.PrunedValues is null || a.PrunedValues.All(e => e.Value.SameAs(b.PrunedValues![e.Key])));
}
