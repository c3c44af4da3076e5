namespace LotteryTickets.Pruning;

/// <summary>
/// How much to prune and when, independent of how weights are scored. A schedule is one of two kinds, and
/// an experiment runner accepts a schedule that implements one of them:
/// <list type="bullet">
/// <item><see cref="ILevelPruneSchedule"/> — pruning between training runs (iterative magnitude pruning):
/// train, prune, rewind, train again, level after level (<see cref="IterativeRates"/>, <see cref="OneShot"/>).</item>
/// <item><see cref="IGradualPruneSchedule"/> — pruning at chosen iterations inside one training run
/// (<see cref="GradualSchedule"/>: AGP and fasterai's shapes, with fasterai's <c>lth</c>,
/// <c>rewind_epoch</c> and <c>reset_end</c>).</item>
/// </list>
/// Implementations must be immutable and deterministic: the same question gets the same answer.
/// </summary>
public interface IPruneSchedule
{
    /// <summary>Whether the weights are ranked within each layer or across all participating layers.</summary>
    PruningScope Scope { get; }
}
