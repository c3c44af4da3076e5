using LotteryTickets.Pruning;
using LotteryTickets.Masks;

namespace LotteryTickets.Parts;

/// <summary>A level schedule: every level prunes half of each layer's remaining weights; registered as <c>halving(levels=3)</c>.</summary>
/// <param name="levels">The number of pruned levels.</param>
public sealed class Halving(int levels) : ILevelPruneSchedule
{
    /// <inheritdoc />
    public int Levels { get; } = levels >= 1 ? levels : throw new ArgumentException($"'levels' is {levels}; give 1 or more.", nameof(levels));

    /// <inheritdoc />
    public PruningScope Scope => PruningScope.Layerwise;

    /// <inheritdoc />
    public PruningStep GetLevel(int level, IReadOnlyList<PrunableLayer> layers) =>
        PruningStep.Layerwise(layers.Select(l => new LayerPruning(l, PruneAmount.FractionOfRemaining(0.5))));
}
