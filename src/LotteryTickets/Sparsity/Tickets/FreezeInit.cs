namespace LotteryTickets.Tickets;

/// <summary>
/// Zhou et al.'s "mask-0" freeze at init (<c>freeze_init</c>): pruned weights are not zeroed but frozen at their starting
/// values through training, the network computing W ⊙ m + (1 − m) ⊙ W_start (<see cref="TicketMaskingCallback"/> enforces
/// it from <see cref="Ticket.PrunedValues"/>). The kept weights and every other tensor are unchanged.
/// </summary>
/// <remarks>
/// The frozen values are the ticket's starting weights: the initialization when the experiment resets to it (Zhou et al.'s
/// setting), the rewind point when it rewinds later, and whatever an earlier transform of the branch left at pruned positions.
/// </remarks>
public sealed class FreezeInit : ITicketTransform
{
    /// <summary>The registry name, <c>freeze_init</c>.</summary>
    public const string TransformName = "freeze_init";

    /// <inheritdoc />
    public string Name => TransformName;

    /// <inheritdoc />
    public Ticket Apply(Ticket ticket, TicketTransformContext context)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(context);
        return ticket.WithPrunedValues(ticket.Mask.Layers.ToDictionary(l => l.Name, l => ticket.Weights[l.Name], StringComparer.Ordinal));
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
