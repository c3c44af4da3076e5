using LotteryTickets.Masks;
using static TorchSharp.torch;

namespace LotteryTickets.Initialization;

/// <summary>
/// SNIP's connection sensitivity (Lee et al., 2019, as in Su et al.'s code): the score of a weight w is
/// <c>|∂L/∂w ⊙ w|</c>, with L the mean cross-entropy of the model's logits on one batch. Higher scores are kept.
/// </summary>
/// <remarks>
/// The model runs in the mode it is in (Su et al. score a freshly built model, which is in training mode, so batch
/// norm uses the batch's statistics). Su et al. divide the scores by their sum before thresholding, which changes no
/// ranking and is left out here.
/// </remarks>
public static class SnipScores
{
    /// <summary>Computes the SNIP scores of <paramref name="layers"/> on one batch.</summary>
    /// <param name="model">The model (borrowed; its weights and gradients are left untouched, its buffers change as in any forward pass).</param>
    /// <param name="images">The batch's inputs, on the model's device.</param>
    /// <param name="labels">The batch's class labels (int64), on the model's device.</param>
    /// <param name="layers">The weights to score: parameters of <paramref name="model"/> by name.</param>
    /// <returns>
    /// One score tensor per layer, by name in layer order, with the layer's shape, dtype and device; new tensors owned
    /// by the current dispose scope if one is open, else by the caller.
    /// </returns>
    /// <exception cref="ArgumentException">A layer names no parameter of the model, its shape differs, or it does not require gradients.</exception>
    public static OrderedDictionary<string, Tensor> Compute(nn.Module<Tensor, Tensor> model, Tensor images, Tensor labels, IReadOnlyList<PrunableLayer> layers)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(labels);
        var weights = ScoreParameters.Find(model, layers, "SNIP");
        var result = new OrderedDictionary<string, Tensor>(StringComparer.Ordinal);
        if (weights.Length == 0)
        {
            return result;
        }

        using (var scope = NewDisposeScope())
        using (enable_grad())
        {
            var loss = nn.functional.cross_entropy(model.call(images), labels);
            var gradients = autograd.grad([loss], weights);
            for (var i = 0; i < layers.Count; i++)
            {
                result[layers[i].Name] = gradients[i].mul(weights[i].detach()).abs().MoveToOuterDisposeScope();
            }
        }

        return result;
    }
}
