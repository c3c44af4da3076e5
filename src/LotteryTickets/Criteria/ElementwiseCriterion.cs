using TorchSharp;
using static TorchSharp.torch;

namespace LotteryTickets.Criteria;

/// <summary>A criterion whose score is an element-wise formula of the initial and final weights.</summary>
internal sealed class ElementwiseCriterion : IMaskCriterion
{
    private readonly bool needsInitial;
    private readonly bool needsFinal;
    private readonly Func<Tensor?, Tensor?, Tensor> formula;

    public ElementwiseCriterion(string name, bool needsInitial, bool needsFinal, Func<Tensor?, Tensor?, Tensor> formula)
    {
        Name = name;
        this.needsInitial = needsInitial;
        this.needsFinal = needsFinal;
        this.formula = formula;
    }

    public string Name { get; }

    public OrderedDictionary<string, Tensor> Score(CriterionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var result = new OrderedDictionary<string, Tensor>(StringComparer.Ordinal);
        using var scope = NewDisposeScope();
        foreach (var layer in context.Layers)
        {
            var wi = needsInitial ? context.Initial(Name, layer.Name).detach().to(ScalarType.Float32) : null;
            var wf = needsFinal ? context.Final(Name, layer.Name).detach().to(ScalarType.Float32) : null;
            if (wi is not null && wf is not null)
            {
                wi = wi.to(wf.device);
            }

            result[layer.Name] = formula(wi, wf).MoveToOuterDisposeScope();
        }

        return result;
    }

    public override string ToString() => Name;
}
