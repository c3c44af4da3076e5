using TorchSharp;

namespace LotteryTickets.Tickets;

/// <summary>
/// Zhou et al.'s "mask-1" signed reinitialization (<c>signed_reinit</c>): the kept weights of every masked layer start
/// from the magnitudes of a fresh initialization of the same architecture with the ticket's starting signs,
/// w = |w_fresh| · sign(w_start). Pruned positions and every other tensor (biases, norms) are unchanged.
/// </summary>
/// <remarks>
/// The fresh weights come from the experiment's model factory with the seed <see cref="TicketTransformContext.DeriveSeed"/>
/// (<c>signed_reinit</c>), as <see cref="RandomReinitialization"/> draws them. Zhou et al.'s code draws the new magnitudes by
/// permuting the whole layer's initial values, which samples the same distribution. A starting weight that is exactly zero
/// has sign 0 and stays zero.
/// </remarks>
public sealed class SignedReinitialization : ITicketTransform
{
    /// <summary>The registry name, <c>signed_reinit</c>.</summary>
    public const string TransformName = "signed_reinit";

    /// <inheritdoc />
    public string Name => TransformName;

    /// <inheritdoc />
    public Ticket Apply(Ticket ticket, TicketTransformContext context)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(context);
        using var scope = torch.NewDisposeScope();
        var fresh = context.CreateFreshWeights(context.DeriveSeed(TransformName));
        return KeptWeights.Replace(ticket, (layer, start, _) => fresh[layer.Name].to(start.dtype, start.device).abs() * start.sign());
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
