namespace LotteryTickets.Tickets;

/// <summary>
/// A transform under a second name: the same implementation as its target, registered in another paper's
/// vocabulary (e.g. Su et al.'s <c>rearrange</c> is <see cref="RandomPruning"/>). Given the same ticket and context it returns
/// exactly what the target returns; only the name (and so the experiment's hash) differs.
/// </summary>
/// <param name="name">The alias.</param>
/// <param name="target">The transform it stands for.</param>
internal sealed class TicketTransformAlias(string name, ITicketTransform target) : ITicketTransform
{
    /// <inheritdoc />
    public string Name { get; } = name;

    /// <summary>The transform the alias stands for.</summary>
    public ITicketTransform Target { get; } = target;

    /// <inheritdoc />
    public Ticket Apply(Ticket ticket, TicketTransformContext context) => Target.Apply(ticket, context);

    /// <inheritdoc />
    public override string ToString() => Name;
}
