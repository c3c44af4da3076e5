using LotteryTickets.Torch;

namespace LotteryTickets.Criteria;

/// <summary>random: independent uniform scores in [0, 1) from the context's generator, layer by layer in model order.</summary>
internal sealed class RandomCriterion : IMaskCriterion
{
    public string Name => "random";

    public OrderedDictionary<string, Tensor> Score(CriterionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var result = new OrderedDictionary<string, Tensor>(StringComparer.Ordinal);
        using var scope = DisposeScope.Begin();
        foreach (var layer in context.Layers)
        {
            var device = context.CurrentMask[layer.Name].Device;
            result[layer.Name] = Tensor.Rand(layer.Shape, context.Generator, ScalarType.Float32, context.Generator.Device)
                .To(device).MoveToOuterScope();
        }

        return result;
    }

    public override string ToString() => Name;
}
