namespace LotteryTickets.Training;

/// <summary>
/// A callback whose own state (a mask, saved weights, a history) is part of the training state: a
/// <see cref="Trainer"/> saves it in every <see cref="TrainingCheckpoint"/> and gives it back on
/// <see cref="Trainer.Restore"/>, so that a resumed run with a stateful callback continues exactly.
/// </summary>
/// <remarks>
/// The trainer asks every callback in <see cref="Trainer.Callbacks"/> that implements this interface, by
/// <see cref="StateName"/>, which must be unique among them. Add the callbacks before calling
/// <see cref="Trainer.Restore"/>. States are captured between steps only.
/// </remarks>
public interface ICheckpointableCallback : ITrainingCallback
{
    /// <summary>
    /// The name the state is saved under: unique among the trainer's checkpointable callbacks, made of letters,
    /// digits, '-', '_' and '.' (it names a file in the checkpoint folder).
    /// </summary>
    string StateName { get; }

    /// <summary>Captures the callback's state now.</summary>
    /// <returns>A new state owned by the caller; its tensors are copies that later training does not change.</returns>
    CallbackState GetState();

    /// <summary>
    /// Takes over <paramref name="state"/> (captured by <see cref="GetState"/> of a callback built the same way),
    /// copying it: the caller keeps ownership. Checks the state before changing anything.
    /// </summary>
    /// <param name="state">The state to take over.</param>
    /// <param name="mode">Whether the trainer resumes the run or starts a new history from the checkpoint.</param>
    /// <exception cref="ArgumentException">The state does not fit this callback; the message says why.</exception>
    void SetState(CallbackState state, CheckpointRestoreMode mode);
}
