namespace LotteryTickets.Tickets;

/// <summary>
/// Zhou et al.'s "mask-1" signed constant (<c>signed_constant</c>): every kept weight starts at sign(w_start) · σ_layer,
/// where σ_layer is the standard deviation of the layer's starting weights. Pruned positions and every other tensor are unchanged.
/// </summary>
/// <remarks>
/// σ_layer is taken as in Zhou et al.'s code (<c>np.std(initial_weights[i])</c>): the population standard deviation (divisor n)
/// of the whole starting layer tensor, kept and pruned positions alike, so it is the same at every pruning level. The starting
/// weights are the ticket's (the initialization when the experiment resets to it, the rewind point when it rewinds later).
/// A starting weight that is exactly zero has sign 0 and stays zero. Deterministic: no randomness is involved.
/// </remarks>
public sealed class SignedConstant : ITicketTransform
{
    /// <summary>The registry name, <c>signed_constant</c>.</summary>
    public const string TransformName = "signed_constant";

    /// <inheritdoc />
    public string Name => TransformName;

    /// <inheritdoc />
    public Ticket Apply(Ticket ticket, TicketTransformContext context)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(context);
        return KeptWeights.Replace(ticket, (_, start, _) => start.sign() * KeptWeights.LayerStandardDeviation(start));
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
