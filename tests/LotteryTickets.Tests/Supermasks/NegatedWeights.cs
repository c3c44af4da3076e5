using LotteryTickets.Tickets;
using TorchSharp;
using static TorchSharp.torch;

namespace LotteryTickets.Tests.Supermasks;

/// <summary>A test transform: the ticket with every masked layer's weights negated (other tensors unchanged).</summary>
internal sealed class NegatedWeights : ITicketTransform
{
    public string Name => "negated";

    public Ticket Apply(Ticket ticket, TicketTransformContext context)
    {
        using var scope = NewDisposeScope();
        var weights = ticket.Weights.ToDictionary(e => e.Key, e => ticket.Mask.Contains(e.Key) ? e.Value.neg() : e.Value, StringComparer.Ordinal);
        return ticket.WithWeights(weights);
    }
}
