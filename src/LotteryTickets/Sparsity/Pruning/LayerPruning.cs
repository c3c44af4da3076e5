using LotteryTickets.Masks;

namespace LotteryTickets.Pruning;

/// <summary>One layer's share of a <see cref="PruningStep"/>: the layer and how much of it to prune.</summary>
/// <param name="Layer">The layer.</param>
/// <param name="Amount">How much to prune: of this layer alone (layerwise), or the step's one amount (global).</param>
public sealed record LayerPruning(PrunableLayer Layer, PruneAmount Amount);
