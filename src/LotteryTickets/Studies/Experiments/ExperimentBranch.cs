using LotteryTickets.Tickets;

namespace LotteryTickets.Experiments;

/// <summary>
/// A branch of an experiment: at every pruned level, the main ticket transformed by <see cref="Transforms"/> in order
/// and trained like the main ticket (a control such as random reinitialization, or a variant to compare).
/// </summary>
/// <param name="Name">The branch name; its runs are stored under <c>level_&lt;l&gt;/&lt;name&gt;/</c>.</param>
/// <param name="Transforms">The transforms, applied in order.</param>
public sealed record ExperimentBranch(string Name, IReadOnlyList<ITicketTransform> Transforms);
