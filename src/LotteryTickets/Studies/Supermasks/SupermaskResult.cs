using LotteryTickets.Masks;
using static TorchSharp.torch;

namespace LotteryTickets.Supermasks;

/// <summary>
/// The outcome of training a supermask: test accuracy with sampled masks (the mean over the samples) and with the rounded
/// mask, the frozen network's dense accuracy for reference, the rounded mask and the trained scores.
/// </summary>
/// <remarks>Ownership: the result owns <see cref="Mask"/> and <see cref="Scores"/> and releases them on <see cref="Dispose"/>.</remarks>
public sealed class SupermaskResult : IDisposable
{
    private readonly Dictionary<string, Tensor> scores;

    internal SupermaskResult(
        SupermaskSampledEvaluation sampled,
        SupermaskEvaluation rounded,
        SupermaskEvaluation dense,
        double expectedPercentRemaining,
        Mask mask,
        Dictionary<string, Tensor> scores,
        long iterations,
        IReadOnlyList<double> trainingLosses)
    {
        Sampled = sampled;
        Rounded = rounded;
        Dense = dense;
        ExpectedPercentRemaining = expectedPercentRemaining;
        Mask = mask;
        this.scores = scores;
        Iterations = iterations;
        TrainingLosses = trainingLosses;
    }

    /// <summary>The test evaluations with sampled masks m ~ Bernoulli(σ(s)); <see cref="SupermaskSampledEvaluation.Accuracy"/> is their mean.</summary>
    public SupermaskSampledEvaluation Sampled { get; }

    /// <summary>The test evaluation with the rounded mask (σ(s) &gt; 0.5).</summary>
    public SupermaskEvaluation Rounded { get; }

    /// <summary>The test evaluation of the frozen weights with no mask (all ones), for reference.</summary>
    public SupermaskEvaluation Dense { get; }

    /// <summary>The percentage of weights the rounded mask keeps.</summary>
    public double PercentRemaining => Mask.Sparsity().PercentRemaining;

    /// <summary>The expected percentage of weights a sampled mask keeps, 100 × mean σ(s).</summary>
    public double ExpectedPercentRemaining { get; }

    /// <summary>The rounded mask (σ(s) &gt; 0.5) (borrowed from the result).</summary>
    public Mask Mask { get; }

    /// <summary>The trained scores by layer name (borrowed from the result).</summary>
    public IReadOnlyDictionary<string, Tensor> Scores => scores;

    /// <summary>The number of training iterations.</summary>
    public long Iterations { get; }

    /// <summary>The training loss of every iteration, in order.</summary>
    public IReadOnlyList<double> TrainingLosses { get; }

    /// <summary>Releases the mask and the scores. Safe to call more than once.</summary>
    public void Dispose()
    {
        Mask.Dispose();
        foreach (var t in scores.Values)
        {
            t.Dispose();
        }

        scores.Clear();
    }
}
