namespace LotteryTickets.Training;

/// <summary>Reports <see cref="TrainingProgress"/> at the start, every <c>reportEvery</c> iterations, after each evaluation and at the end.</summary>
public sealed class ProgressCallback : ITrainingCallback
{
    private readonly IProgress<TrainingProgress> progress;
    private readonly long reportEvery;

    /// <summary>Creates a progress callback.</summary>
    /// <param name="progress">Where to report.</param>
    /// <param name="reportEvery">The number of iterations between reports (at least 1).</param>
    public ProgressCallback(IProgress<TrainingProgress> progress, long reportEvery = 1)
    {
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentOutOfRangeException.ThrowIfLessThan(reportEvery, 1);
        this.progress = progress;
        this.reportEvery = reportEvery;
    }

    /// <inheritdoc />
    public void OnTrainingStart(TrainingState state) => Report(state);

    /// <inheritdoc />
    public void OnEvaluation(TrainingState state, EvaluationRecord evaluation) => Report(state);

    /// <inheritdoc />
    public void OnIterationEnd(TrainingState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Iteration % reportEvery == 0)
        {
            Report(state);
        }
    }

    /// <inheritdoc />
    public void OnTrainingEnd(TrainingState state) => Report(state);

    private void Report(TrainingState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var latest = state.Evaluations.Count > 0 ? state.Evaluations[^1] : null;
        progress.Report(new TrainingProgress(state.Iteration, state.TotalIterations, state.Epoch, latest));
    }
}
