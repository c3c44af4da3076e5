using TorchSharp;

namespace LotteryTickets.Tickets;

/// <summary>
/// Zhou et al.'s "mask-0" freeze at init, zeroing the pruned weights whose magnitude decreased (<c>freeze_init_zero_mask</c>):
/// a pruned weight with |w_start| &gt; |w_trained| is frozen at zero, every other pruned weight at its starting value.
/// The kept weights start where they did, and every other tensor is unchanged.
/// </summary>
/// <remarks>
/// w_trained is <see cref="TicketTransformContext.TrainedWeights"/>, the end of the run whose pruning made the mask; the
/// comparison is strict, as in Zhou et al.'s code. In an iterative experiment the trained weights are the main line's, whose
/// earlier-pruned weights were held at zero, so a weight pruned at an earlier level counts as decreased and is frozen at zero.
/// The starting values are the ticket's, as in <see cref="FreezeInit"/>.
/// </remarks>
public sealed class FreezeInitZeroMask : ITicketTransform
{
    /// <summary>The registry name, <c>freeze_init_zero_mask</c>.</summary>
    public const string TransformName = "freeze_init_zero_mask";

    /// <inheritdoc />
    public string Name => TransformName;

    /// <inheritdoc />
    public Ticket Apply(Ticket ticket, TicketTransformContext context)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(context);
        using var scope = torch.NewDisposeScope();
        var frozen = ticket.Mask.Layers.ToDictionary(
            l => l.Name, l => FrozenPrunedWeights.ZeroWhereMagnitudeDecreased(ticket, l, context), StringComparer.Ordinal);
        return ticket.WithPrunedValues(frozen);
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
