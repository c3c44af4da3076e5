using TorchSharp;
using static TorchSharp.torch;

namespace LotteryTickets.Criteria;

/// <summary>
/// Scores every prunable weight from what a ticket knows (initial and trained weights, the current
/// mask, optionally gradients); higher scores are kept, the lowest remaining ones are pruned by
/// <see cref="Pruning.Pruner"/>. Implement it to add a criterion; <see cref="MaskCriteria"/> holds
/// the built-ins by name.
/// </summary>
/// <remarks>
/// A criterion need not care about already-pruned weights (the pruner treats their scores as −∞)
/// or about ties (the pruner breaks them by a seeded random order). It may return −∞ to have a
/// remaining weight pruned before any finite score, but never NaN. Any randomness must come from
/// <see cref="CriterionContext.Generator"/> so that the same seed gives the same mask.
/// </remarks>
public interface IMaskCriterion
{
    /// <summary>The criterion's name (e.g. <c>large_final</c>).</summary>
    string Name { get; }

    /// <summary>Scores every weight of every layer in <see cref="CriterionContext.Layers"/>.</summary>
    /// <param name="context">What the criterion may look at; not modified (its generator may be advanced).</param>
    /// <returns>
    /// One score tensor per layer, by name in layer order, each with the layer's shape, on the
    /// device of the weights. The tensors are new: owned by the current <see cref="DisposeScope"/>
    /// if one is open, else by the caller.
    /// </returns>
    OrderedDictionary<string, Tensor> Score(CriterionContext context);
}
