using static TorchSharp.torch;

namespace LotteryTickets.Criteria;

/// <summary>random: independent uniform scores in [0, 1) from the context's generator, layer by layer in model order.</summary>
internal sealed class RandomCriterion : IMaskCriterion
{
    public string Name => "random";

    public OrderedDictionary<string, Tensor> Score(CriterionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var result = new OrderedDictionary<string, Tensor>(StringComparer.Ordinal);
        using var scope = NewDisposeScope();
        foreach (var layer in context.Layers)
        {
            var device = context.CurrentMask[layer.Name].device;
            result[layer.Name] = rand(layer.Shape, ScalarType.Float32, context.Generator.device, generator: context.Generator)
                .to(device).MoveToOuterDisposeScope();
        }

        return result;
    }

    public override string ToString() => Name;
}
