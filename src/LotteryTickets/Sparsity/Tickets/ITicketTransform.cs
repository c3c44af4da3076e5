using LotteryTickets.Initialization;

namespace LotteryTickets.Tickets;

/// <summary>
/// Maps a ticket to another ticket: new starting weights for the kept positions ("mask-1" transforms such as
/// random reinitialization), another mask (random pruning with the same counts), or values for the pruned
/// positions ("mask-0" freezing). Implement it to add a transform, and pass instances to
/// <c>LotteryExperiment.WithBranch</c>; <see cref="TicketTransforms"/> holds the built-ins by name.
/// </summary>
/// <remarks>
/// A transform must be deterministic: all randomness from <see cref="TicketTransformContext.Generator"/> or from
/// seeds derived with <see cref="TicketTransformContext.DeriveSeed"/>, never from global state, so that an
/// interrupted experiment resumes with the same numbers. Implement <see cref="Components.IDescribable"/> when the
/// transform has parameters, so that they take part in the experiment's hash.
/// </remarks>
public interface ITicketTransform
{
    /// <summary>The transform's name (e.g. <c>random_reinit</c>); it names the transform in the experiment's hash.</summary>
    string Name { get; }

    /// <summary>Transforms <paramref name="ticket"/>.</summary>
    /// <param name="ticket">The ticket (borrowed: not modified or disposed).</param>
    /// <param name="context">What the transform may look at.</param>
    /// <returns>A new ticket, owned by the caller.</returns>
    Ticket Apply(Ticket ticket, TicketTransformContext context);
}
