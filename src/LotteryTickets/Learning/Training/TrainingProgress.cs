namespace LotteryTickets.Training;

/// <summary>Where a training run stands, as reported to an <see cref="IProgress{T}"/> by <see cref="ProgressCallback"/>.</summary>
/// <param name="Iteration">The number of optimizer steps taken.</param>
/// <param name="TotalIterations">The number of steps planned.</param>
/// <param name="Epoch">The epoch of the next training batch.</param>
/// <param name="LatestEvaluation">The most recent evaluation, if any.</param>
public readonly record struct TrainingProgress(long Iteration, long TotalIterations, int Epoch, EvaluationRecord? LatestEvaluation)
{
    /// <summary>The fraction of the planned steps taken, in [0, 1] (1 for a run of no steps).</summary>
    public double Fraction => TotalIterations > 0 ? Math.Min(1.0, (double)Iteration / TotalIterations) : 1.0;
}
