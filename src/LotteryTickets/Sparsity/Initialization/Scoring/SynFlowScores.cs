using LotteryTickets.Datasets;
using LotteryTickets.Masks;
using TorchSharp;
using LotteryTickets.Serialization;
using static TorchSharp.torch;

namespace LotteryTickets.Initialization;

/// <summary>
/// SynFlow (Tanaka et al., 2020), data-free: the network is linearized (every parameter and buffer replaced by its
/// absolute value, evaluation mode, float64 so that the product of many layers neither overflows nor underflows), an
/// all-ones input of one sample is fed through it, R is the sum of its outputs, and the score of a weight θ is
/// <c>|θ ⊙ ∂R/∂θ|</c>, with pruned weights at zero. Higher scores are kept. <see cref="Prune"/> repeats this over
/// rounds with an exponential schedule, as the paper's <c>prune_loop</c> does.
/// </summary>
/// <remarks>
/// Any module works: it is converted in place with <c>to(float64)</c> and back, so the state it had (weights, buffers,
/// dtype, training mode) is restored at the end. Converting to another dtype replaces a module's parameter and buffer
/// tensors by new ones, so after the call a float32 model holds new parameter objects with the old values: take
/// references to its parameters (for an optimizer, say) after scoring, not before.
/// </remarks>
public static class SynFlowScores
{
    /// <summary>The default number of pruning rounds, 100 (Tanaka et al.).</summary>
    public const int DefaultRounds = 100;

    /// <summary>The SynFlow scores of <paramref name="layers"/> for the network masked by <paramref name="mask"/> (one round).</summary>
    /// <param name="model">The model (borrowed). It is linearized during the call and restored afterwards: same weights, buffers, dtype and mode (see the remarks).</param>
    /// <param name="input">The shape of one input sample; the input is all ones.</param>
    /// <param name="layers">The weights to score: parameters of <paramref name="model"/> by name.</param>
    /// <param name="mask">The pruned weights so far (they score zero), or <see langword="null"/> for the dense network.</param>
    /// <returns>
    /// One float64 score tensor per layer, by name in layer order, with the layer's shape, on the model's device; new
    /// tensors owned by the current dispose scope if one is open, else by the caller.
    /// </returns>
    /// <exception cref="ArgumentException">A layer names no parameter of the model, or its shape differs.</exception>
    public static OrderedDictionary<string, Tensor> Compute(nn.Module<Tensor, Tensor> model, SampleShape input, IReadOnlyList<PrunableLayer> layers, Mask? mask = null)
    {
        using var network = new LinearizedNetwork(model, layers);
        var result = network.Score(input, mask);
        return result;
    }

    /// <summary>
    /// Iterative SynFlow: <paramref name="rounds"/> rounds, round k (1-based) scoring the network masked so far and
    /// pruning, with one global threshold, down to <c>N − ⌊(1 − d^(k/n)) · N⌋</c> weights, d = keep / N (the exponential
    /// schedule of the paper's code); the last round keeps exactly <paramref name="keep"/>.
    /// </summary>
    /// <param name="model">The model (borrowed; restored after the call, as by <see cref="Compute"/>).</param>
    /// <param name="input">The shape of one input sample.</param>
    /// <param name="layers">The layers to prune: parameters of <paramref name="model"/> by name.</param>
    /// <param name="keep">How many weights to keep in total.</param>
    /// <param name="generator">The source of the tie-breaking orders (advanced by one permutation per round).</param>
    /// <param name="rounds">The number of rounds, at least 1.</param>
    /// <param name="device">The mask's device (the CPU when null).</param>
    /// <returns>A new mask; the caller owns it.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="keep"/> is outside [0, N] or <paramref name="rounds"/> is below 1.</exception>
    public static Mask Prune(
        nn.Module<Tensor, Tensor> model, SampleShape input, IReadOnlyList<PrunableLayer> layers, long keep, Generator generator, int rounds = DefaultRounds, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(layers);
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentOutOfRangeException.ThrowIfLessThan(rounds, 1);
        var total = layers.Sum(l => l.Count);
        ArgumentOutOfRangeException.ThrowIfNegative(keep);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(keep, total);
        using var network = new LinearizedNetwork(model, layers);
        var mask = Mask.Dense(layers, device);
        try
        {
            var density = total == 0 ? 1.0 : (double)keep / total;
            for (var k = 1; k <= rounds; k++)
            {
                var target = k == rounds ? keep : Math.Max(keep, total - (long)((1.0 - Math.Pow(density, (double)k / rounds)) * total));
                using var scope = NewDisposeScope();
                var scores = network.Score(input, mask);
                var next = ScoreMask.KeepTop(scores, mask, Math.Min(target, Remaining(mask)), generator);
                mask.Dispose();
                mask = next;
            }

            return mask;
        }
        catch
        {
            mask.Dispose();
            throw;
        }
    }

    private static long Remaining(Mask mask)
    {
        using var scope = NewDisposeScope();
        return mask.Layers.Sum(l => mask[l.Name].count_nonzero().ToInt64());
    }

    /// <summary>A model linearized in place for the life of the object: |parameters|, |buffers|, float64, evaluation mode.</summary>
    private sealed class LinearizedNetwork : IDisposable
    {
        private readonly nn.Module<Tensor, Tensor> model;
        private readonly IReadOnlyList<PrunableLayer> layers;
        private readonly Dictionary<string, Tensor> saved;
        private readonly ScalarType type;
        private readonly bool wasTraining;
        private readonly Tensor[] weights;
        private readonly Tensor[] absolute;

        public LinearizedNetwork(nn.Module<Tensor, Tensor> model, IReadOnlyList<PrunableLayer> layers)
        {
            ArgumentNullException.ThrowIfNull(model);
            this.model = model;
            this.layers = layers;
            _ = ScoreParameters.Find(model, layers, "SynFlow");
            wasTraining = model.training;
            type = model.parameters().Select(p => p.dtype).FirstOrDefault(is_floating_point, ScalarType.Float32);
            using var scope = NewDisposeScope();
            saved = model.state_dict().ToDictionary(e => e.Key, e => e.Value.detach().clone().DetachFromDisposeScope(), StringComparer.Ordinal);
            try
            {
                model.eval();
                model.to(ScalarType.Float64);
                using (no_grad())
                {
                    foreach (var (_, t) in model.state_dict())
                    {
                        if (is_floating_point(t.dtype))
                        {
                            t.abs_();
                        }
                    }
                }

                // The conversion replaced the parameters: find them again.
                weights = ScoreParameters.Find(model, layers, "SynFlow");
                absolute = weights.Select(w => w.detach().clone().DetachFromDisposeScope()).ToArray();
            }
            catch
            {
                Restore();
                throw;
            }
        }

        public OrderedDictionary<string, Tensor> Score(SampleShape input, Mask? mask)
        {
            var result = new OrderedDictionary<string, Tensor>(StringComparer.Ordinal);
            if (weights.Length == 0)
            {
                return result;
            }

            using (var scope = NewDisposeScope())
            {
                var device = weights[0].device;
                using (no_grad())
                {
                    for (var i = 0; i < weights.Length; i++)
                    {
                        var value = mask is null ? absolute[i] : absolute[i].mul(mask[layers[i].Name].to(ScalarType.Float64, device));
                        weights[i].copy_(value);
                    }
                }

                using (enable_grad())
                {
                    var ones = torch.ones([1, input.Channels, input.Height, input.Width], ScalarType.Float64, device);
                    var r = model.call(ones).sum();
                    var gradients = autograd.grad([r], weights);
                    for (var i = 0; i < weights.Length; i++)
                    {
                        result[layers[i].Name] = gradients[i].mul(weights[i].detach()).abs().MoveToOuterDisposeScope();
                    }
                }
            }

            return result;
        }

        public void Dispose()
        {
            Restore();
            foreach (var t in absolute)
            {
                t.Dispose();
            }
        }

        private void Restore()
        {
            if (saved.Count == 0)
            {
                return;
            }

            model.to(type);
            StateDicts.Load(model, saved);
            model.train(wasTraining);
            foreach (var t in saved.Values)
            {
                t.Dispose();
            }

            saved.Clear();
        }
    }
}
