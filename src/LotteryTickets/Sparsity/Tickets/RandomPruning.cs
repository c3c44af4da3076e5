using LotteryTickets.Masks;
using TorchSharp;
using static TorchSharp.torch;

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
        using var scope = torch.NewDisposeScope();
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var layer in ticket.Mask.Layers)
        {
            var current = ticket.Mask[layer.Name];
            var kept = current.count_nonzero().ToInt64();
            var n = layer.Count;
            var order = torch.randperm(n, ScalarType.Int64, context.Generator.device, generator: context.Generator);
            var flat = torch.zeros([n], ScalarType.Float32, context.Generator.device);
            if (kept > 0)
            {
                flat.index_fill_(0, order.narrow(0, 0, kept), 1.0);
            }

            tensors[layer.Name] = flat.reshape(layer.Shape).to(current.device);
        }

        using var mask = Mask.Create(tensors, ticket.Mask.Layers);
        return ticket.WithMask(mask);
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
