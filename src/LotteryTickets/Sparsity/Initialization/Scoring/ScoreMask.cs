using LotteryTickets.Masks;
using LotteryTickets.Pruning;
using static TorchSharp.torch;

namespace LotteryTickets.Initialization;

/// <summary>Turns pruning-at-initialization scores into a mask with one global threshold.</summary>
public static class ScoreMask
{
    /// <summary>
    /// The mask that keeps the <paramref name="keep"/> highest-scoring weights over all <paramref name="layers"/> together
    /// (one global threshold), pruning nothing else first. Ties are broken by a seeded random order (<see cref="Pruner"/>),
    /// so the same generator state gives the same mask.
    /// </summary>
    /// <param name="scores">A score per weight of every layer, higher = keep (borrowed).</param>
    /// <param name="layers">The layers of the mask.</param>
    /// <param name="keep">How many weights to keep in total, between 0 and the layers' total size.</param>
    /// <param name="generator">The tie-breaking order's source (advanced by one permutation).</param>
    /// <param name="device">The mask's device (the CPU when null).</param>
    /// <returns>A new mask; the caller owns it.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="keep"/> is negative or above the total.</exception>
    /// <exception cref="ArgumentException">Scores are missing, mis-shaped or NaN.</exception>
    public static Mask KeepTop(IReadOnlyDictionary<string, Tensor> scores, IReadOnlyList<PrunableLayer> layers, long keep, Generator generator, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(layers);
        using var dense = Mask.Dense(layers, device);
        return KeepTop(scores, dense, keep, generator);
    }

    /// <summary>
    /// Prunes <paramref name="current"/> further until <paramref name="keep"/> weights remain, removing the lowest-scoring
    /// remaining weights over all layers together; pruned weights stay pruned.
    /// </summary>
    /// <param name="scores">A score per weight of every layer, higher = keep (borrowed).</param>
    /// <param name="current">The mask so far (borrowed).</param>
    /// <param name="keep">How many weights to keep in total.</param>
    /// <param name="generator">The tie-breaking order's source (advanced by one permutation).</param>
    /// <returns>A new mask on <paramref name="current"/>'s device; the caller owns it.</returns>
    public static Mask KeepTop(IReadOnlyDictionary<string, Tensor> scores, Mask current, long keep, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(current);
        var total = current.Layers.Sum(l => l.Count);
        ArgumentOutOfRangeException.ThrowIfNegative(keep);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(keep, total);
        return Pruner.Prune(scores, current, new PruningAmounts(PruneAmount.ToRemainingCount(keep)), PruningScope.Global, generator);
    }
}
