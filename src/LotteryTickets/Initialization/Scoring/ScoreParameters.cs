using LotteryTickets.Pruning;
using LotteryTickets.Torch;
using LotteryTickets.Torch.Nn;

namespace LotteryTickets.Initialization;

/// <summary>Finds the parameters of a model that a list of prunable layers names, for the scoring functions.</summary>
internal static class ScoreParameters
{
    public static Tensor[] Find(Module model, IReadOnlyList<PrunableLayer> layers, string method)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(layers);
        var parameters = model.NamedParameters().ToDictionary(p => p.Name, p => p.Parameter, StringComparer.Ordinal);
        var errors = new List<string>();
        var result = new Tensor[layers.Count];
        for (var i = 0; i < layers.Count; i++)
        {
            var layer = layers[i];
            if (!parameters.TryGetValue(layer.Name, out var p))
            {
                errors.Add($"The model has no parameter '{layer.Name}'; score the layers of this model (PrunableParameters.Select).");
            }
            else if (!p.Shape.SequenceEqual(layer.Shape))
            {
                errors.Add($"The parameter '{layer.Name}' has shape {Masks.Mask.ShapeText(p.Shape)} but the layer has shape {Masks.Mask.ShapeText(layer.Shape)}; score the layers of this model.");
            }
            else
            {
                result[i] = p;
            }
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException($"The layers to score with {method} do not fit the model." + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "- " + e)));
        }

        return result;
    }
}
