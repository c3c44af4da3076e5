using TorchSharp;

namespace LotteryTickets.Tickets;

/// <summary>
/// Frankle &amp; Carbin's random-reinitialization control (<c>random_reinit</c>): the ticket's mask with the
/// weights of a fresh initialization of the same architecture (drawn from the experiment's model factory with a
/// seed derived from the context), so the kept weights no longer carry the ticket's initial values.
/// </summary>
public sealed class RandomReinitialization : ITicketTransform
{
    /// <summary>The registry name, <c>random_reinit</c>.</summary>
    public const string TransformName = "random_reinit";

    /// <inheritdoc />
    public string Name => TransformName;

    /// <inheritdoc />
    public Ticket Apply(Ticket ticket, TicketTransformContext context)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(context);
        using var scope = torch.NewDisposeScope();
        var fresh = context.CreateFreshWeights(context.DeriveSeed(TransformName));
        return ticket.WithWeights(fresh);
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
