namespace LotteryTickets.Storage;

/// <summary>Where a run of a store stands (<see cref="StoreInspector"/>).</summary>
public enum RunState
{
    /// <summary>Its folder exists but holds neither results, a checkpoint nor a lock.</summary>
    NotStarted,

    /// <summary>Unfinished and unclaimed: it resumes from its checkpoint (or starts again) at the next run of the experiment.</summary>
    InProgress,

    /// <summary>A process holds its lock (it is being trained, or its owner died; see <see cref="RunStatus.LockOwnerGone"/>).</summary>
    Locked,

    /// <summary>Finished, and its files match its manifest.</summary>
    Done,

    /// <summary>Marked done, but its files do not match its manifest (<see cref="RunStatus.Problems"/>); never read as done.</summary>
    Damaged,
}
