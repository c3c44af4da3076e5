using LotteryTickets.Torch;

namespace LotteryTickets.Criteria;

/// <summary>
/// A decorator: the inner criterion's scores where the sign condition holds, −∞ elsewhere (so
/// the weights failing the filter are pruned first, in random order).
/// </summary>
internal sealed class SignFilterCriterion : IMaskCriterion
{
    private readonly IMaskCriterion inner;
    private readonly SignFilter filter;

    public SignFilterCriterion(IMaskCriterion inner, SignFilter filter)
    {
        this.inner = inner;
        this.filter = filter;
        Name = inner.Name + (filter == SignFilter.SameSign ? "_same_sign" : "_different_sign");
    }

    public string Name { get; }

    public OrderedDictionary<string, Tensor> Score(CriterionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var scope = DisposeScope.Begin();
        var scores = inner.Score(context);
        var result = new OrderedDictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var layer in context.Layers)
        {
            var s = scores[layer.Name];
            var si = context.Initial(Name, layer.Name).Detach().To(s.Device).Sign();
            var sf = context.Final(Name, layer.Name).Detach().To(s.Device).Sign();
            var fails = filter == SignFilter.SameSign ? si.Ne(sf) : si.Eq(sf);
            result[layer.Name] = s.MaskedFill(fails, double.NegativeInfinity).MoveToOuterScope();
        }

        return result;
    }

    public override string ToString() => Name;
}
