namespace LotteryTickets.Supermasks;

/// <summary>Evaluations of a learned supermask with several independently sampled masks m ~ Bernoulli(σ(s)).</summary>
/// <param name="Samples">One evaluation per sampled mask, in sampling order.</param>
public sealed record SupermaskSampledEvaluation(IReadOnlyList<SupermaskEvaluation> Samples)
{
    /// <summary>The mean accuracy over the samples (Zhou et al. report this mean).</summary>
    public double Accuracy => Samples.Count == 0 ? double.NaN : Samples.Average(s => s.Accuracy);

    /// <summary>The mean loss over the samples.</summary>
    public double Loss => Samples.Count == 0 ? double.NaN : Samples.Average(s => s.Loss);

    /// <summary>The sample standard deviation of the accuracies (0 for one sample).</summary>
    public double AccuracyStandardDeviation
    {
        get
        {
            if (Samples.Count < 2)
            {
                return 0;
            }

            var mean = Accuracy;
            return Math.Sqrt(Samples.Sum(s => (s.Accuracy - mean) * (s.Accuracy - mean)) / (Samples.Count - 1));
        }
    }
}
