using LotteryTickets.Masks;

namespace LotteryTickets.Pruning;

/// <summary>
/// A schedule of pruning between training runs, as in Frankle &amp; Carbin's iterative magnitude pruning.
/// </summary>
/// <remarks>
/// The runner trains the dense network (level 0); then for each level L = 1 … <see cref="Levels"/> it asks
/// <see cref="GetLevel"/> how much to prune, computes the new mask from the weights at the end of run L − 1
/// (pruning only weights that are still unpruned), rewinds the surviving weights as its rewind policy says, and
/// trains the level-L network.
/// </remarks>
public interface ILevelPruneSchedule : IPruneSchedule
{
    /// <summary>The number of pruning levels after the dense run (each level is one more training run).</summary>
    int Levels { get; }

    /// <summary>How much to prune to go from level <paramref name="level"/> − 1 to level <paramref name="level"/>.</summary>
    /// <param name="level">The level being made, from 1 to <see cref="Levels"/>.</param>
    /// <param name="layers">The model's prunable layers, in model order.</param>
    /// <returns>The step: the participating layers and their amounts (layers left out are not pruned).</returns>
    /// <exception cref="ArgumentOutOfRangeException">The level is outside 1 … <see cref="Levels"/>.</exception>
    /// <exception cref="ArgumentException">The schedule names a layer that <paramref name="layers"/> does not have.</exception>
    PruningStep GetLevel(int level, IReadOnlyList<PrunableLayer> layers);
}
