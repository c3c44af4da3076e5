namespace LotteryTickets.Tickets;

/// <summary>
/// Zhou et al.'s "mask-1" signed reshuffle (<c>signed_reshuffle</c>): in every masked layer, the magnitudes of the kept
/// starting weights are permuted at random among the kept positions while each position keeps its own starting sign:
/// w = |w_start[π(i)]| · sign(w_start[i]). Pruned positions and every other tensor are unchanged.
/// </summary>
/// <remarks>A starting weight that is exactly zero has sign 0 and stays zero, as with NumPy's <c>np.sign</c> in Zhou et al.'s code.</remarks>
public sealed class SignedReshuffle : ITicketTransform
{
    /// <summary>The registry name, <c>signed_reshuffle</c>.</summary>
    public const string TransformName = "signed_reshuffle";

    /// <inheritdoc />
    public string Name => TransformName;

    /// <inheritdoc />
    public Ticket Apply(Ticket ticket, TicketTransformContext context)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(context);
        return KeptWeights.Replace(ticket, (_, start, keep) => KeptWeights.Shuffle(start, keep, context.Generator).abs() * start.sign());
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
