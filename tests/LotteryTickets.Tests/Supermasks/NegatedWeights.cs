using LotteryTickets.Tickets;
using LotteryTickets.Torch;

namespace LotteryTickets.Tests.Supermasks;

/// <summary>A test transform: the ticket with every masked layer's weights negated (other tensors unchanged).</summary>
internal sealed class NegatedWeights : ITicketTransform
{
    public string Name => "negated";

    public Ticket Apply(Ticket ticket, TicketTransformContext context)
    {
        using var scope = DisposeScope.Begin();
        var weights = ticket.Weights.ToDictionary(e => e.Key, e => ticket.Mask.Contains(e.Key) ? e.Value.Neg() : e.Value, StringComparer.Ordinal);
        return ticket.WithWeights(weights);
    }
}
