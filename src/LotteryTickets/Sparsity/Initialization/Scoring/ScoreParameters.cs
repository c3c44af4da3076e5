using LotteryTickets.Masks;
using static TorchSharp.torch;

namespace LotteryTickets.Initialization;

/// <summary>Finds the parameters of a model that a list of prunable layers names, for the scoring functions.</summary>
internal static class ScoreParameters
{
    public static Tensor[] Find(nn.Module model, IReadOnlyList<PrunableLayer> layers, string method)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(layers);
        var parameters = model.named_parameters().ToDictionary(p => p.name, p => p.parameter, StringComparer.Ordinal);
        var errors = new List<string>();
        var result = new Tensor[layers.Count];
        for (var i = 0; i < layers.Count; i++)
        {
            var layer = layers[i];
            if (!parameters.TryGetValue(layer.Name, out var p))
            {
                errors.Add($"The model has no parameter '{layer.Name}'; score the layers of this model (PrunableParameters.Select).");
            }
            else if (!p.shape.SequenceEqual(layer.Shape))
            {
                errors.Add($"The parameter '{layer.Name}' has shape {Masks.Mask.ShapeText(p.shape)} but the layer has shape {Masks.Mask.ShapeText(layer.Shape)}; score the layers of this model.");
            }
            else if (!p.requires_grad)
            {
                errors.Add($"The parameter '{layer.Name}' does not require gradients; turn them on (requires_grad) to score it.");
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
