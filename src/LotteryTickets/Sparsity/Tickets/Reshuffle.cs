using LotteryTickets.Initialization;

namespace LotteryTickets.Tickets;

/// <summary>
/// Zhou et al.'s "mask-1" reshuffle (<c>reshuffle</c>; <c>random_reshuffle</c> in their code): in every masked layer, the
/// starting values of the kept weights are permuted at random among the kept positions, so each layer keeps its mask and
/// the multiset of its kept starting values but loses their arrangement. Pruned positions and every other tensor are unchanged.
/// </summary>
/// <remarks>
/// This is also Su et al.'s sanity check "shuffle the kept weights" (<c>shuffle_unmasked_weights</c> in their code),
/// registered as <c>shuffle_weights</c> (<see cref="TicketTransforms.ShuffleWeights"/>): the same transform under another name.
/// The permutations are drawn from <see cref="TicketTransformContext.Generator"/>, layer by layer in the mask's order.
/// </remarks>
public sealed class Reshuffle : ITicketTransform
{
    /// <summary>The registry name, <c>reshuffle</c>.</summary>
    public const string TransformName = "reshuffle";

    /// <inheritdoc />
    public string Name => TransformName;

    /// <inheritdoc />
    public Ticket Apply(Ticket ticket, TicketTransformContext context)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(context);
        return KeptWeights.Replace(ticket, (_, start, keep) => KeptWeights.Shuffle(start, keep, context.Generator));
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
