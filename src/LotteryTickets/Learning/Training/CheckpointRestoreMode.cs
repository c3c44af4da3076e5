namespace LotteryTickets.Training;

/// <summary>How much of a <see cref="TrainingCheckpoint"/> a <see cref="Trainer"/> takes over.</summary>
public enum CheckpointRestoreMode
{
    /// <summary>
    /// Everything: weights, optimizer state, schedule and data-order positions, random-generator
    /// states, and the history (evaluations so far, running training loss). The run continues as if
    /// it had never stopped (kill and resume).
    /// </summary>
    Resume,

    /// <summary>
    /// The training position only: weights, optimizer state, schedule and data-order positions and
    /// random-generator states, with an empty history. A new run starts exactly where the
    /// checkpoint was taken (rewinding to iteration k) and records only its own evaluations.
    /// </summary>
    Rewind,
}
