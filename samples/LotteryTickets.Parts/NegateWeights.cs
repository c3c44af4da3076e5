using LotteryTickets.Tickets;

namespace LotteryTickets.Parts;

/// <summary>A ticket transform: the ticket's mask with every starting weight's sign flipped, registered as <c>negate</c>.</summary>
public sealed class NegateWeights : ITicketTransform
{
    /// <inheritdoc />
    public string Name => "negate";

    /// <inheritdoc />
    public Ticket Apply(Ticket ticket, TicketTransformContext context)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var negated = ticket.Weights.ToDictionary(w => w.Key, w => w.Value.neg());
        try
        {
            return ticket.WithWeights(negated); // the new ticket keeps copies
        }
        finally
        {
            foreach (var tensor in negated.Values)
            {
                tensor.Dispose();
            }
        }
    }
}
