using static TorchSharp.torch;

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
        using var scope = NewDisposeScope();
        var scores = inner.Score(context);
        var result = new OrderedDictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var layer in context.Layers)
        {
            var s = scores[layer.Name];
            var si = context.Initial(Name, layer.Name).detach().to(s.device).sign();
            var sf = context.Final(Name, layer.Name).detach().to(s.device).sign();
            var fails = filter == SignFilter.SameSign ? si.ne(sf) : si.eq(sf);
            result[layer.Name] = s.masked_fill(fails, double.NegativeInfinity).MoveToOuterDisposeScope();
        }

        return result;
    }

    public override string ToString() => Name;
}
