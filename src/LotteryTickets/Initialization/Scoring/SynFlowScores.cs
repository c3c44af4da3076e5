using LotteryTickets.Datasets;
using LotteryTickets.Masks;
using LotteryTickets.Pruning;
using LotteryTickets.Torch;
using LotteryTickets.Torch.Nn;

namespace LotteryTickets.Initialization;

/// <summary>
/// SynFlow (Tanaka et al., 2020), data-free: the network is linearized (every parameter and buffer replaced by its
/// absolute value, evaluation mode, float64 so that the product of many layers neither overflows nor underflows), an
/// all-ones input of one sample is fed through it, R is the sum of its outputs, and the score of a weight θ is
/// <c>|θ ⊙ ∂R/∂θ|</c>, with pruned weights at zero. Higher scores are kept. <see cref="Prune"/> repeats this over
/// rounds with an exponential schedule, as the paper's <c>prune_loop</c> does.
/// </summary>
public static class SynFlowScores
{
    /// <summary>The default number of pruning rounds, 100 (Tanaka et al.).</summary>
    public const int DefaultRounds = 100;

    /// <summary>The SynFlow scores of <paramref name="layers"/> for the network masked by <paramref name="mask"/> (one round).</summary>
    /// <param name="model">The model (borrowed). It is linearized during the call and restored afterwards: same weights, buffers, dtype and mode.</param>
    /// <param name="input">The shape of one input sample; the input is all ones.</param>
    /// <param name="layers">The weights to score: parameters of <paramref name="model"/> by name.</param>
    /// <param name="mask">The pruned weights so far (they score zero), or <see langword="null"/> for the dense network.</param>
    /// <returns>
    /// One float64 score tensor per layer, by name in layer order, with the layer's shape, on the model's device; new
    /// tensors owned by the current <see cref="DisposeScope"/> if one is open, else by the caller.
    /// </returns>
    /// <exception cref="ArgumentException">A layer names no parameter of the model, or its shape differs.</exception>
    public static OrderedDictionary<string, Tensor> Compute(Module model, SampleShape input, IReadOnlyList<PrunableLayer> layers, Mask? mask = null)
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
        Module model, SampleShape input, IReadOnlyList<PrunableLayer> layers, long keep, Generator generator, int rounds = DefaultRounds, Device? device = null)
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
                using var scope = DisposeScope.Begin();
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
        using var scope = DisposeScope.Begin();
        return mask.Layers.Sum(l => mask[l.Name].CountNonzero().ToInt64());
    }

    /// <summary>A model linearized in place for the life of the object: |parameters|, |buffers|, float64, evaluation mode.</summary>
    private sealed class LinearizedNetwork : IDisposable
    {
        private readonly Module model;
        private readonly IReadOnlyList<PrunableLayer> layers;
        private readonly Tensor[] weights;
        private readonly Tensor[] absolute;
        private readonly Dictionary<string, Tensor> saved;
        private readonly ScalarType type;
        private readonly bool wasTraining;

        public LinearizedNetwork(Module model, IReadOnlyList<PrunableLayer> layers)
        {
            this.model = model;
            this.layers = layers;
            weights = ScoreParameters.Find(model, layers, "SynFlow");
            wasTraining = model.IsTraining;
            type = model.Parameters().Select(p => p.DType).FirstOrDefault(t => t.IsFloatingPoint(), ScalarType.Float32);
            using var scope = DisposeScope.Begin();
            saved = model.StateDict().ToDictionary(e => e.Key, e => e.Value.Clone().DetachFromScope(), StringComparer.Ordinal);
            try
            {
                model.Eval();
                model.To(ScalarType.Float64);
                using (Autograd.NoGrad())
                {
                    foreach (var (_, t) in model.StateDict())
                    {
                        if (t.DType.IsFloatingPoint())
                        {
                            t.Abs_();
                        }
                    }
                }

                absolute = weights.Select(w => w.Detach().Clone().DetachFromScope()).ToArray();
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

            using (var scope = DisposeScope.Begin())
            {
                var device = weights[0].Device;
                using (Autograd.NoGrad())
                {
                    for (var i = 0; i < weights.Length; i++)
                    {
                        var value = mask is null ? absolute[i] : absolute[i].Mul(mask[layers[i].Name].To(ScalarType.Float64, device));
                        weights[i].CopyFrom_(value);
                    }
                }

                using (Autograd.EnableGrad())
                {
                    var ones = Tensor.Ones([1, input.Channels, input.Height, input.Width], ScalarType.Float64, device);
                    var r = model.Forward(ones).Sum();
                    var gradients = Autograd.Grad([r], weights);
                    for (var i = 0; i < weights.Length; i++)
                    {
                        result[layers[i].Name] = gradients[i]!.Mul(weights[i].Detach()).Abs().MoveToOuterScope();
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
            model.To(type);
            model.LoadStateDict(saved, strict: true);
            model.Train(wasTraining);
            foreach (var t in saved.Values)
            {
                t.Dispose();
            }

            saved.Clear();
        }
    }
}
