using LotteryTickets.Pruning;
using LotteryTickets.Torch;
using LotteryTickets.Torch.Nn;

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
/// Hg is computed by double backward: ∇L is built with <c>createGraph</c>, g is a detached copy of it, and
/// z = Σ g ⊙ ∇L is differentiated again, giving Hg. The original code computes g and Hg over the two halves of the
/// batch and sums them, which for even batches is 4 × H∇L: a positive factor that changes no ranking. Its division of
/// the scores by |Σ S| is left out for the same reason. Su et al.'s call also re-initializes the linear layers of its
/// scoring copy (Xavier normal) first; this class scores the weights it is given.
/// </para>
/// <para>The model runs in the mode it is in (training mode for Su et al.'s freshly built models).</para>
/// </remarks>
public static class GraspScores
{
    /// <summary>The default temperature, 200, by which the logits are divided.</summary>
    public const double DefaultTemperature = 200;

    /// <summary>Computes the GraSP keep-scores θ ⊙ Hg of <paramref name="layers"/> on one batch (see the remarks for the sign).</summary>
    /// <param name="model">The model (borrowed; its weights and gradients are left untouched, its buffers change as in any forward pass).</param>
    /// <param name="images">The batch's inputs, on the model's device.</param>
    /// <param name="labels">The batch's class labels (int64), on the model's device.</param>
    /// <param name="layers">The weights to score: parameters of <paramref name="model"/> by name.</param>
    /// <param name="temperature">The temperature T dividing the logits, positive.</param>
    /// <returns>
    /// One score tensor per layer, by name in layer order, with the layer's shape, dtype and device; new tensors owned
    /// by the current <see cref="DisposeScope"/> if one is open, else by the caller.
    /// </returns>
    /// <exception cref="ArgumentException">A layer names no parameter of the model, or its shape differs.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The temperature is not positive.</exception>
    public static OrderedDictionary<string, Tensor> Compute(
        Module model, Tensor images, Tensor labels, IReadOnlyList<PrunableLayer> layers, double temperature = DefaultTemperature)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(labels);
        if (!(temperature > 0) || double.IsInfinity(temperature))
        {
            throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "The GraSP temperature must be a positive number, e.g. 200.");
        }

        var weights = ScoreParameters.Find(model, layers, "GraSP");
        var result = new OrderedDictionary<string, Tensor>(StringComparer.Ordinal);
        using (var scope = DisposeScope.Begin())
        using (Autograd.EnableGrad())
        {
            var loss = Functional.CrossEntropy(model.Forward(images).Div(temperature), labels);
            var gradients = Autograd.Grad([loss], weights, createGraph: true);
            var g = gradients.Select(t => t!.Detach()).ToArray();
            Tensor? z = null;
            for (var i = 0; i < weights.Length; i++)
            {
                var term = g[i].Mul(gradients[i]!).Sum();
                z = z is null ? term : z.Add(term);
            }

            var hg = Autograd.Grad([z!], weights);
            for (var i = 0; i < layers.Count; i++)
            {
                result[layers[i].Name] = weights[i].Detach().Mul(hg[i]!).MoveToOuterScope();
            }
        }

        return result;
    }
}
