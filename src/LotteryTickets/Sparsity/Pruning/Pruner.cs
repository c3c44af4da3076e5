using LotteryTickets.Criteria;
using LotteryTickets.Masks;
using TorchSharp;
using static TorchSharp.torch;

namespace LotteryTickets.Pruning;

/// <summary>
/// Pruning as a pure function: (scores, current mask, amounts, scope) → new mask. Higher scores
/// are kept; the lowest-scoring remaining weights are pruned.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Already-pruned weights stay pruned: their scores are treated as −∞ and they are never
/// counted as newly pruned. A remaining weight scored −∞ (e.g. by a sign filter) is pruned before
/// any finite score; NaN scores at remaining positions are an error.</item>
/// <item>Layerwise: each layer prunes <see cref="PruningAmounts.For"/>'s count of its own
/// remaining weights. Global: layers with an explicit amount (an override, or the output layer
/// when <see cref="PruningAmounts.Output"/> is set) are pruned on their own first, in model order;
/// the other layers are pooled and one threshold removes <see cref="PruningAmounts.Default"/>'s
/// count of the pool's remaining weights.</item>
/// <item>Ties are broken by a seeded random order: for each pool (one layer, or the global pool),
/// a random permutation is drawn from the generator and a stable sort of the scores in that
/// order decides. The same generator state gives the same mask; the generator is advanced by one
/// permutation per pool, in model order.</item>
/// <item>Counts are exact: a pool with r remaining weights and amount a loses exactly
/// <see cref="PruneAmount.WeightsToPrune"/>(total, r) weights.</item>
/// </list>
/// </remarks>
public static class Pruner
{
    /// <summary>Prunes <paramref name="current"/> further by <paramref name="scores"/>.</summary>
    /// <param name="scores">A score tensor per layer of <paramref name="current"/>, with the layer's shape (higher = keep). Not modified or disposed; extra entries are ignored.</param>
    /// <param name="current">The mask so far; not modified.</param>
    /// <param name="amounts">How much to prune from each layer.</param>
    /// <param name="scope">Layerwise or global.</param>
    /// <param name="generator">The source of the tie-breaking order (advanced).</param>
    /// <returns>A new mask with <paramref name="current"/>'s layers, on its device; the caller owns it.</returns>
    /// <exception cref="ArgumentException">Scores are missing, mis-shaped or NaN, or an override names an unknown layer.</exception>
    public static Mask Prune(
        IReadOnlyDictionary<string, Tensor> scores, Mask current, PruningAmounts amounts, PruningScope scope, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(amounts);
        ArgumentNullException.ThrowIfNull(generator);
        Validate(scores, current, amounts);

        var layers = current.Layers;
        var all = Enumerable.Range(0, layers.Count);
        var pools = scope == PruningScope.Global
            ? all.Where(i => amounts.OverrideFor(layers[i]) is not null).Select(i => (Layers: new[] { i }, Amount: amounts.For(layers[i])))
                .Append((Layers: all.Where(i => amounts.OverrideFor(layers[i]) is null).ToArray(), Amount: amounts.Default))
                .Where(p => p.Layers.Length > 0)
                .ToList()
            : all.Select(i => (Layers: new[] { i }, Amount: amounts.For(layers[i]))).ToList();

        var result = new Tensor[layers.Count];
        try
        {
            using var disposeScope = NewDisposeScope();
            foreach (var (pool, amount) in pools)
            {
                var kept = PrunePool(pool.Select(i => (scores[layers[i].Name], current.TensorAt(i))).ToList(), amount, generator, layers[pool[0]].Name);
                for (var j = 0; j < pool.Length; j++)
                {
                    result[pool[j]] = kept[j].DetachFromDisposeScope();
                }
            }
        }
        catch
        {
            foreach (var t in result)
            {
                t?.Dispose();
            }

            throw;
        }

        return Mask.FromOwned(layers, result);
    }

    /// <summary>
    /// Scores the weights with <paramref name="criterion"/> and prunes <see cref="CriterionContext.CurrentMask"/>
    /// further, breaking ties with <see cref="CriterionContext.Generator"/> (which the criterion may advance first).
    /// </summary>
    /// <param name="criterion">The mask criterion.</param>
    /// <param name="context">What the criterion may look at.</param>
    /// <param name="amounts">How much to prune from each layer.</param>
    /// <param name="scope">Layerwise or global.</param>
    /// <returns>A new mask; the caller owns it.</returns>
    public static Mask Prune(IMaskCriterion criterion, CriterionContext context, PruningAmounts amounts, PruningScope scope)
    {
        ArgumentNullException.ThrowIfNull(criterion);
        ArgumentNullException.ThrowIfNull(context);
        using var disposeScope = NewDisposeScope();
        var scores = criterion.Score(context);
        return Prune(scores, context.CurrentMask, amounts, scope, context.Generator);
    }

    private static Tensor[] PrunePool(List<(Tensor Scores, Tensor Mask)> layers, PruneAmount amount, Generator generator, string firstName)
    {
        var device = layers[0].Mask.device;
        var flat = new List<Tensor>(layers.Count);
        long total = 0, remaining = 0;
        foreach (var (s, m) in layers)
        {
            var md = m.to(device);
            var v = s.detach().to(ScalarType.Float64, device).flatten().clamp(min: -double.MaxValue);
            flat.Add(v.masked_fill_(md.flatten().eq(0), double.NegativeInfinity));
            total += m.numel();
            remaining += md.count_nonzero().ToInt64();
        }

        var all = flat.Count == 1 ? flat[0] : cat(flat);
        var n = all.numel();
        var prune = amount.WeightsToPrune(total, remaining);
        var cut = n - remaining + prune;
        var keep = ones([n], ScalarType.Float32, device);
        if (n > 0)
        {
            var order = randperm(n, ScalarType.Int64, generator.device, generator: generator).to(device);
            var shuffled = all.index_select(0, order);
            var (_, sorted) = shuffled.sort(0, descending: false, stable: true);
            if (cut > 0)
            {
                var positions = order.index_select(0, sorted.narrow(0, 0, cut));
                keep.index_fill_(0, positions, 0.0);
            }
        }

        var left = keep.count_nonzero().ToInt64();
        if (left != remaining - prune)
        {
            throw new InvalidOperationException(
                $"Pruning the pool of layers starting at '{firstName}' left {left} weights instead of {remaining - prune}; this is a bug in the pruner.");
        }

        var sizes = layers.Select(l => l.Mask.numel()).ToArray();
        var parts = layers.Count == 1 ? [keep] : keep.split(sizes);
        return parts.Select((p, i) => p.reshape(layers[i].Mask.shape).clone()).ToArray();
    }

    private static void Validate(IReadOnlyDictionary<string, Tensor> scores, Mask current, PruningAmounts amounts)
    {
        var errors = new List<string>();
        foreach (var layer in current.Layers)
        {
            if (!scores.TryGetValue(layer.Name, out var s))
            {
                errors.Add($"There are no scores for the layer '{layer.Name}'; score every layer of the mask.");
                continue;
            }

            if (!s.shape.SequenceEqual(layer.Shape))
            {
                errors.Add($"The scores of '{layer.Name}' have shape {Mask.ShapeText(s.shape)} but the layer has shape {Mask.ShapeText(layer.Shape)}; score each weight once.");
                continue;
            }

            using var scope = NewDisposeScope();
            var m = current[layer.Name].to(s.device);
            var nan = s.detach().isnan().logical_and(m.ne(0)).count_nonzero().ToInt64();
            if (nan > 0)
            {
                errors.Add($"The scores of '{layer.Name}' hold {nan} NaN value(s) at unpruned weights; a score must be a number (use −∞ to prune a weight first).");
            }
        }

        foreach (var name in amounts.Layers.Keys)
        {
            if (!current.Contains(name))
            {
                errors.Add($"The pruning amount for '{name}' names no layer of the mask; the layers are {PrunableParameters.Quote(current.Names)}.");
            }
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("The pruning input is invalid." + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "- " + e)));
        }
    }
}
