namespace LotteryTickets.Training;

/// <summary>
/// Stops training between steps once a <see cref="CancellationToken"/> is cancelled, leaving the
/// trainer in a consistent state that a checkpoint captures exactly (no exception is thrown; the
/// result's <see cref="TrainingResult.StopReason"/> says the run was cancelled).
/// <see cref="Trainer.Run"/> adds one for the token it is given.
/// </summary>
/// <param name="cancellationToken">The token to watch.</param>
public sealed class CancellationCallback(CancellationToken cancellationToken) : ITrainingCallback
{
    /// <summary>The reason given when the token stops a run.</summary>
    public const string CancelledReason = "Training was cancelled.";

    /// <inheritdoc />
    public void OnTrainingStart(TrainingState state) => Check(state);

    /// <inheritdoc />
    public void OnIterationEnd(TrainingState state) => Check(state);

    private void Check(TrainingState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (cancellationToken.IsCancellationRequested)
        {
            state.RequestStop(CancelledReason);
        }
    }
}
