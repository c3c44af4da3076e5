using TorchSharp;
using LotteryTickets.Masks;
using static TorchSharp.torch;

namespace LotteryTickets.Initialization;

/// <summary>
/// GraSP's gradient-signal-preservation scores (Wang et al., 2020; Su et al.'s code), turned into the library's
/// convention that higher scores are kept: the score of a weight θ is <c>θ ⊙ Hg</c>, where g = ∇L and Hg is the
/// Hessian-gradient product of the mean cross-entropy L of the logits divided by a temperature T (200) on one batch.
/// </summary>
/// <remarks>
/// <para>
/// Sign: GraSP's paper and code define the score S = −θ ⊙ Hg and <em>remove</em> the weights with the largest S
/// (the code takes <c>topk(S, number to remove)</c> and keeps <c>S ≤ threshold</c>); the weights kept are those of the
/// smallest S. This class returns −S = θ ⊙ Hg, so that, like every score in the library, the highest are kept and the
/// masks are GraSP's.
/// </para>
/// <para>
/// Hg is computed by double backward: ∇L is built with <c>create_graph</c>, g is a detached copy of it, and
/// z = Σ g ⊙ ∇L is differentiated again, giving Hg. The original code computes g and Hg over the two halves of the
/// batch and sums them, which for even batches is 4 × H∇L: a positive factor that changes no ranking. Its division of
/// the scores by |Σ S| is left out for the same reason. Su et al.'s call also re-initializes the linear layers of its
/// scoring copy (Xavier normal) first; this class scores the weights it is given.
/// </para>
/// <para>The model runs in the mode it is in (training mode for Su et al.'s freshly built models).</para>
/// <para>
/// Precision: the Hessian-gradient product is computed in float64 (the model is converted with <c>to(float64)</c> for
/// the call and back afterwards, the batch too), because a float32 Hessian-gradient product through a batch-norm
/// network is about 1e-2 off the float64 one (float32 conditioning, the same under every oneDNN instruction set), which
/// moves the GraSP threshold; float64 agrees with PyTorch to 1e-16. The scores are returned in the model's dtype. Converting gives a float32 model new parameter and buffer
/// tensors holding the same values: take references to its parameters (for an optimizer, say) after scoring.
/// </para>
/// </remarks>
public static class GraspScores
{
    /// <summary>The default temperature, 200, by which the logits are divided.</summary>
    public const double DefaultTemperature = 200;

    /// <summary>Computes the GraSP keep-scores θ ⊙ Hg of <paramref name="layers"/> on one batch (see the remarks for the sign).</summary>
    /// <param name="model">The model (borrowed; its weights, gradients and dtype are as before afterwards, its buffers change as in any forward pass; see the remarks on precision).</param>
    /// <param name="images">The batch's inputs, on the model's device.</param>
    /// <param name="labels">The batch's class labels (int64), on the model's device.</param>
    /// <param name="layers">The weights to score: parameters of <paramref name="model"/> by name.</param>
    /// <param name="temperature">The temperature T dividing the logits, positive.</param>
    /// <returns>
    /// One score tensor per layer, by name in layer order, with the layer's shape, dtype and device; new tensors owned
    /// by the current dispose scope if one is open, else by the caller.
    /// </returns>
    /// <exception cref="ArgumentException">A layer names no parameter of the model, its shape differs, or it does not require gradients.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The temperature is not positive.</exception>
    public static OrderedDictionary<string, Tensor> Compute(
        nn.Module<Tensor, Tensor> model, Tensor images, Tensor labels, IReadOnlyList<PrunableLayer> layers, double temperature = DefaultTemperature)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(labels);
        if (!(temperature > 0) || double.IsInfinity(temperature))
        {
            throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "The GraSP temperature must be a positive number, e.g. 200.");
        }

        ArgumentNullException.ThrowIfNull(model);
        _ = ScoreParameters.Find(model, layers, "GraSP");
        var result = new OrderedDictionary<string, Tensor>(StringComparer.Ordinal);
        if (layers.Count == 0)
        {
            return result;
        }

        var type = model.parameters().Select(p => p.dtype).FirstOrDefault(is_floating_point, ScalarType.Float32);
        var converted = type != ScalarType.Float64;
        if (converted)
        {
            model.to(ScalarType.Float64);
        }

        try
        {
            // The conversion replaced the parameters: find them again.
            var weights = ScoreParameters.Find(model, layers, "GraSP");
            using var scope = NewDisposeScope();
            using var enableGrad = enable_grad();
            var input = is_floating_point(images) ? images.to(ScalarType.Float64) : images;
            var loss = nn.functional.cross_entropy(model.call(input).div(temperature), labels);
            var gradients = autograd.grad([loss], weights, retain_graph: true, create_graph: true);
            var g = gradients.Select(t => t.detach()).ToArray();
            Tensor? z = null;
            for (var i = 0; i < weights.Length; i++)
            {
                var term = g[i].mul(gradients[i]).sum();
                z = z is null ? term : z.add(term);
            }

            var hg = autograd.grad([z!], weights);
            for (var i = 0; i < layers.Count; i++)
            {
                result[layers[i].Name] = weights[i].detach().mul(hg[i]).to(type).MoveToOuterDisposeScope();
            }
        }
        finally
        {
            if (converted)
            {
                model.to(type);
            }
        }

        return result;
    }
}
