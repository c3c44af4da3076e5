using TorchSharp;
using static TorchSharp.torch;

namespace LotteryTickets.Tickets;

/// <summary>
/// Zhou et al.'s "mask-0" freeze at init, zeroing every weight whose magnitude decreased (<c>freeze_init_zero_all</c>):
/// in every masked layer each weight with |w_start| &gt; |w_trained| is set to zero, kept and pruned alike; the pruned weights
/// are then frozen at those values (zero or their starting value) and the kept weights start from them (zero or their
/// starting value) and train. Every other tensor is unchanged.
/// </summary>
/// <remarks>
/// This is the one mode that also changes kept weights ("initialize weights that decreased in magnitude at 0, and freeze
/// pruned weights at initial value"). The test and the trained weights are those of <see cref="FreezeInitZeroMask"/>.
/// </remarks>
public sealed class FreezeInitZeroAll : ITicketTransform
{
    /// <summary>The registry name, <c>freeze_init_zero_all</c>.</summary>
    public const string TransformName = "freeze_init_zero_all";

    /// <inheritdoc />
    public string Name => TransformName;

    /// <inheritdoc />
    public Ticket Apply(Ticket ticket, TicketTransformContext context)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(context);
        using var scope = torch.NewDisposeScope();
        var zeroed = ticket.Mask.Layers.ToDictionary(
            l => l.Name, l => FrozenPrunedWeights.ZeroWhereMagnitudeDecreased(ticket, l, context), StringComparer.Ordinal);
        var weights = new Dictionary<string, Tensor>(ticket.Weights, StringComparer.Ordinal);
        foreach (var (name, values) in zeroed)
        {
            weights[name] = values;
        }

        return new Ticket(ticket.Mask, weights, zeroed);
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
