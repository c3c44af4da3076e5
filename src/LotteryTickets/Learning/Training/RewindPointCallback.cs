namespace LotteryTickets.Training;

/// <summary>
/// Captures the full training state at one point of a run (iteration or epoch k) — weights,
/// optimizer state, schedule and data-order positions, generator states — for late rewinding: a later
/// run restores it with <see cref="Trainer.Restore"/> (<see cref="CheckpointRestoreMode.Rewind"/>) and
/// continues exactly as the original run did from k. The capture is kept in memory
/// (<see cref="Checkpoint"/>) and, when a folder is given, also saved to disk.
/// </summary>
/// <remarks>
/// The callback owns the captured checkpoint until <see cref="TakeCheckpoint"/> hands it over, and
/// releases it in <see cref="Dispose"/>. Point 0 is captured in <see cref="ITrainingCallback.OnTrainingStart"/>
/// (before the evaluation at the start), any other point after its step and evaluation.
/// </remarks>
/// <param name="point">Where to capture; epochs are converted when training starts.</param>
/// <param name="folder">A folder to also save the checkpoint to, or <see langword="null"/> to keep it in memory only.</param>
public sealed class RewindPointCallback(TrainingDuration point, string? folder = null) : ITrainingCallback, IDisposable
{
    private TrainingCheckpoint? checkpoint;

    /// <summary>The point at which the state is captured.</summary>
    public TrainingDuration Point { get; } = point;

    /// <summary>The folder the checkpoint is saved to, if any.</summary>
    public string? Folder { get; } = folder;

    /// <summary>The captured checkpoint (owned by this callback), or <see langword="null"/> before the point is reached.</summary>
    public TrainingCheckpoint? Checkpoint => checkpoint;

    /// <summary>Hands the captured checkpoint over to the caller, who then owns it.</summary>
    /// <exception cref="InvalidOperationException">Nothing was captured (the run did not reach the point) or it was already taken.</exception>
    public TrainingCheckpoint TakeCheckpoint()
    {
        var taken = checkpoint ?? throw new InvalidOperationException(
            $"No rewind point was captured at {Point}: the run did not reach it, or the checkpoint was already taken.");
        checkpoint = null;
        return taken;
    }

    /// <inheritdoc />
    public void OnTrainingStart(TrainingState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Iteration == 0)
        {
            CaptureIfDue(state);
        }
    }

    /// <inheritdoc />
    public void OnIterationEnd(TrainingState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        CaptureIfDue(state);
    }

    /// <summary>Releases the captured checkpoint if it was not taken.</summary>
    public void Dispose()
    {
        checkpoint?.Dispose();
        checkpoint = null;
    }

    private void CaptureIfDue(TrainingState state)
    {
        if (state.Iteration != Point.ToIterations(state.BatchesPerEpoch))
        {
            return;
        }

        var captured = state.CreateCheckpoint();
        if (Folder is not null)
        {
            try
            {
                captured.Save(Folder);
            }
            catch
            {
                captured.Dispose();
                throw;
            }
        }

        checkpoint?.Dispose();
        checkpoint = captured;
    }
}
