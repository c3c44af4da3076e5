using LotteryTickets.Criteria;
using LotteryTickets.Pruning;

namespace LotteryTickets.Cli.Pruning;

/// <summary>What <c>lottery prune</c> was asked to do, its command line already checked.</summary>
/// <param name="WeightsPath">The trained weights.</param>
/// <param name="InitPath">The initial weights, or <see langword="null"/>.</param>
/// <param name="MaskPath">The mask to start from, or <see langword="null"/> for a dense one.</param>
/// <param name="Criterion">The mask criterion.</param>
/// <param name="Scope">Layerwise or global.</param>
/// <param name="Amount">How much to prune.</param>
/// <param name="Seed">The seed of the tie-breaking order.</param>
/// <param name="OutputPath">The mask file to write.</param>
internal sealed record PruneRequest(
    string WeightsPath,
    string? InitPath,
    string? MaskPath,
    IMaskCriterion Criterion,
    PruningScope Scope,
    PruneAmount Amount,
    ulong Seed,
    string OutputPath);
