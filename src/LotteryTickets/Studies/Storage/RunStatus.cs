using System.Globalization;

namespace LotteryTickets.Storage;

/// <summary>One run of a store as <see cref="StoreInspector.Inspect"/> finds it.</summary>
/// <param name="Folder">The run's folder (absolute).</param>
/// <param name="Run">The run's folder relative to the store folder inspected, with '/' separators (e.g. <c>tiny-…/trial_0/level_1/main</c>).</param>
/// <param name="State">Where it stands.</param>
public sealed record RunStatus(string Folder, string Run, RunState State)
{
    /// <summary>What is wrong with a <see cref="RunState.Damaged"/> run, one sentence per file.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>The iteration of its checkpoint, when it has one.</summary>
    public long? CheckpointIteration { get; init; }

    /// <summary>The host named by its lock, when it has one.</summary>
    public string? LockHost { get; init; }

    /// <summary>The process id named by its lock, when it has one.</summary>
    public int? LockPid { get; init; }

    /// <summary>How old the lock's heartbeat is by this host's clock (negative: in the future, a skewed clock).</summary>
    public TimeSpan? HeartbeatAge { get; init; }

    /// <summary>Whether the lock's owner is a process of this host that no longer exists (the lock is stale).</summary>
    public bool LockOwnerGone { get; init; }

    /// <summary>Whether a finished run's marker holds a manifest (false for runs finished before manifests existed).</summary>
    public bool HasManifest { get; init; }

    /// <summary>One line: the run, its state and the details that go with it.</summary>
    /// <returns>The line.</returns>
    public override string ToString()
    {
        var detail = State switch
        {
            RunState.Done => HasManifest ? "done" : "done (finished before manifests: files present and complete, not hashed)",
            RunState.Damaged => "DAMAGED: " + string.Join("; ", Problems),
            RunState.Locked => Invariant($"locked by process {LockPid} on {LockHost}, heartbeat {Age(HeartbeatAge)}{(LockOwnerGone ? "; that process is gone, so the lock is stale" : string.Empty)}{Checkpoint()}"),
            RunState.InProgress => CheckpointIteration is { } i ? Invariant($"in progress: checkpoint at iteration {i}, resumes at the next 'lottery run'") : "in progress: no checkpoint yet, starts again at the next 'lottery run'",
            _ => "not started",
        };
        return $"{Run}  {detail}";
    }

    private string Checkpoint() => CheckpointIteration is { } i ? Invariant($"; checkpoint at iteration {i}") : string.Empty;

    private static string Age(TimeSpan? age) => age switch
    {
        null => "unreadable",
        { } a when a < TimeSpan.Zero => Invariant($"{-a.TotalSeconds:F0} s in the future by this host's clock"),
        { } a => Invariant($"{a.TotalSeconds:F0} s old by this host's clock"),
    };

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
