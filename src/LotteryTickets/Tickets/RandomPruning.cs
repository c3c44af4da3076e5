using LotteryTickets.Masks;
using LotteryTickets.Torch;

namespace LotteryTickets.Tickets;

/// <summary>
/// The random-pruning control (<c>random_pruning</c>): a mask drawn uniformly at random that keeps, in every
/// layer, exactly as many weights as the ticket's mask does; the starting weights and pruned values are unchanged.
/// </summary>
public sealed class RandomPruning : ITicketTransform
{
    /// <summary>The registry name, <c>random_pruning</c>.</summary>
    public const string TransformName = "random_pruning";

    /// <inheritdoc />
    public string Name => TransformName;

    /// <inheritdoc />
    public Ticket Apply(Ticket ticket, TicketTransformContext context)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(context);
        using var scope = DisposeScope.Begin();
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var layer in ticket.Mask.Layers)
        {
            var current = ticket.Mask[layer.Name];
            var kept = current.CountNonzero().ToInt64();
            var n = layer.Count;
            var order = Tensor.RandPerm(n, context.Generator, ScalarType.Int64, context.Generator.Device);
            var flat = Tensor.Zeros([n], ScalarType.Float32, context.Generator.Device);
            if (kept > 0)
            {
                flat.Scatter_(0, order.Narrow(0, 0, kept), 1.0);
            }

            tensors[layer.Name] = flat.Reshape(layer.Shape).To(current.Device);
        }

        using var mask = Mask.Create(tensors, ticket.Mask.Layers);
        return ticket.WithMask(mask);
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
