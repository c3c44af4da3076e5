using LotteryTickets.Torch;

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
        using var scope = DisposeScope.Begin();
        var n = values.NumEl;
        var flatMask = mask.To(values.Device).Flatten().Ne(0);
        var remaining = flatMask.CountNonzero().ToInt64();
        if (remaining == 0)
        {
            return Tensor.Zeros(values.Shape, ScalarType.Float64, values.Device).MoveToOuterScope();
        }

        var v = values.To(ScalarType.Float64).Flatten().MaskedFill(flatMask.LogicalNot(), double.NegativeInfinity);
        var order = v.ArgSort(0, descending: false, stable: true);
        var ranks = Tensor.Zeros([n], ScalarType.Float64, values.Device)
            .Scatter_(0, order, Tensor.Arange(0, n, 1, ScalarType.Float64, values.Device));
        var pruned = n - remaining;
        var f = ranks.Sub(pruned - 1).Div(remaining).MaskedFill_(flatMask.LogicalNot(), 0);
        return f.Reshape(values.Shape).MoveToOuterScope();
    }

    public OrderedDictionary<string, Tensor> Score(CriterionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var result = new OrderedDictionary<string, Tensor>(StringComparer.Ordinal);
        using var scope = DisposeScope.Begin();
        foreach (var layer in context.Layers)
        {
            var wf = context.Final(Name, layer.Name).Detach().Abs();
            var wi = context.Initial(Name, layer.Name).Detach().To(wf.Device).Abs();
            var mask = context.CurrentMask[layer.Name];
            var fi = PercentileRanks(large ? wi : wi.Neg(), mask);
            var ff = PercentileRanks(large ? wf : wf.Neg(), mask);
            result[layer.Name] = fi.Minimum(ff).MoveToOuterScope();
        }

        return result;
    }

    public override string ToString() => Name;
}
