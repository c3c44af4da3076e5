using TorchSharp;
using static TorchSharp.torch;

namespace LotteryTickets.Criteria;

/// <summary>
/// large_init_large_final / small_init_small_final: the minimum of a weight's within-layer
/// percentile ranks of |w_i| and of |w_f| (ascending for "large", descending for "small"),
/// among the layer's remaining weights.
/// </summary>
internal sealed class QuadrantCriterion : IMaskCriterion
{
    private readonly bool large;

    public QuadrantCriterion(string name, bool large)
    {
        Name = name;
        this.large = large;
    }

    public string Name { get; }

    /// <summary>
    /// The empirical CDF F(x) = rank / remaining of each value among the remaining values of a
    /// layer (ranks 1..remaining, ties ordered by position); pruned positions get 0.
    /// </summary>
    internal static Tensor PercentileRanks(Tensor values, Tensor mask)
    {
        using var scope = NewDisposeScope();
        var n = values.numel();
        var flatMask = mask.to(values.device).flatten().ne(0);
        var remaining = flatMask.count_nonzero().ToInt64();
        if (remaining == 0)
        {
            return zeros(values.shape, ScalarType.Float64, values.device).MoveToOuterDisposeScope();
        }

        var v = values.to(ScalarType.Float64).flatten().masked_fill(flatMask.logical_not(), double.NegativeInfinity);
        var order = v.sort(0, descending: false, stable: true).Indices;
        var ranks = zeros([n], ScalarType.Float64, values.device)
            .scatter_(0, order, arange(0, n, 1, ScalarType.Float64, values.device));
        var pruned = n - remaining;
        var f = ranks.sub(pruned - 1).div(remaining).masked_fill_(flatMask.logical_not(), 0);
        return f.reshape(values.shape).MoveToOuterDisposeScope();
    }

    public OrderedDictionary<string, Tensor> Score(CriterionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var result = new OrderedDictionary<string, Tensor>(StringComparer.Ordinal);
        using var scope = NewDisposeScope();
        foreach (var layer in context.Layers)
        {
            var wf = context.Final(Name, layer.Name).detach().abs();
            var wi = context.Initial(Name, layer.Name).detach().to(wf.device).abs();
            var mask = context.CurrentMask[layer.Name];
            var fi = PercentileRanks(large ? wi : wi.neg(), mask);
            var ff = PercentileRanks(large ? wf : wf.neg(), mask);
            result[layer.Name] = fi.minimum(ff).MoveToOuterDisposeScope();
        }

        return result;
    }

    public override string ToString() => Name;
}
