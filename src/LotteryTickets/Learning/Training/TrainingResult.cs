namespace LotteryTickets.Training;

/// <summary>
/// What a training run produced: every evaluation, where early stopping would have stopped
/// (the evaluation with the lowest validation loss) and the last evaluation.
/// </summary>
/// <param name="Evaluations">The evaluations, in iteration order.</param>
/// <param name="Iterations">The number of optimizer steps taken in all (including those before a resume).</param>
/// <param name="TotalIterations">The number of steps the run was planned for.</param>
/// <param name="StopReason">Why the run stopped before <paramref name="TotalIterations"/>, or <see langword="null"/> when it completed.</param>
public sealed record TrainingResult(
    IReadOnlyList<EvaluationRecord> Evaluations,
    long Iterations,
    long TotalIterations,
    string? StopReason)
{
    /// <summary>Whether the run took all its planned steps.</summary>
    public bool IsComplete => StopReason is null && Iterations >= TotalIterations;

    /// <summary>The early-stop evaluation (see <see cref="FindEarlyStop"/>), or <see langword="null"/> without evaluations.</summary>
    public EvaluationRecord? EarlyStop => FindEarlyStop(Evaluations);

    /// <summary>The last evaluation (at the end of a complete run), or <see langword="null"/> without evaluations.</summary>
    public EvaluationRecord? Final => Evaluations.Count > 0 ? Evaluations[^1] : null;

    /// <summary>The early-stop iteration: the iteration of the minimum validation loss, or <see langword="null"/> without evaluations.</summary>
    public long? EarlyStopIteration => EarlyStop?.Iteration;

    /// <summary>
    /// The evaluation with the lowest validation loss, the first one on ties (Frankle &amp; Carbin's
    /// early-stopping criterion). Evaluations whose validation loss is NaN never win; when every loss is
    /// NaN the first evaluation is returned. <see langword="null"/> for an empty list.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="evaluations"/> is null.</exception>
    public static EvaluationRecord? FindEarlyStop(IReadOnlyList<EvaluationRecord> evaluations)
    {
        ArgumentNullException.ThrowIfNull(evaluations);
        EvaluationRecord? best = null;
        foreach (var e in evaluations)
        {
            if (best is null || (!double.IsNaN(e.ValidationLoss) && (double.IsNaN(best.ValidationLoss) || e.ValidationLoss < best.ValidationLoss)))
            {
                best = e;
            }
        }

        return best;
    }
}
