using LotteryTickets.Criteria;
using LotteryTickets.Experiments;
using TorchSharp;
using LotteryTickets.Components;
using static TorchSharp.torch;

namespace LotteryTickets.Tests.Experiments;

/// <summary>A user criterion with a parameter: |w_f|^power, describing its power for the hash.</summary>
internal sealed class TestCriterion(double power) : IMaskCriterion, IDescribable
{
    public string Name => "test";

    public OrderedDictionary<string, Tensor> Score(CriterionContext context)
    {
        var result = new OrderedDictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var layer in context.Layers)
        {
            result[layer.Name] = context.Final(Name, layer.Name).abs().pow(power);
        }

        return result;
    }

    public IReadOnlyDictionary<string, object?> DescribeParameters() => new Dictionary<string, object?> { ["power"] = power };
}
