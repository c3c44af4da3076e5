using System.Globalization;

namespace LotteryTickets.Storage;

/// <summary>
/// How processes sharing one store claim runs: each run being trained has a lock file in its folder naming its owner
/// (process, host) and refreshed every <see cref="HeartbeatInterval"/>; a lock whose owner is gone (a process of this
/// host that no longer exists) or whose content a process has seen unchanged for <see cref="StaleAfter"/> by its own
/// clock (whatever time the heartbeat claims) is taken over. A process waiting for a run
/// another process trains looks again every <see cref="PollInterval"/>.
/// </summary>
public sealed class StoreLockOptions
{
    /// <summary>How often the owner of a lock refreshes it (default 10 s).</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a lock may go without a heartbeat before another process takes it over (default 2 minutes); also how
    /// long a shard waits for a run it depends on that nobody has claimed before training it itself. Must exceed
    /// <see cref="HeartbeatInterval"/> by the longest pause a process may have (e.g. a suspended job).
    /// </summary>
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often a process waiting for another's run looks at the store again (default 2 s).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How often a process that waits for runs held by others says so again, through the plan's logger (default 30 s);
    /// it says so at once when it starts waiting for a run: who holds it and for how long its lock has not changed.
    /// </summary>
    public TimeSpan WaitReportInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A copy.</summary>
    /// <returns>The copy.</returns>
    public StoreLockOptions Copy() => (StoreLockOptions)MemberwiseClone();

    /// <summary>Every problem with the options.</summary>
    /// <returns>The problems; empty when valid.</returns>
    public IReadOnlyList<string> GetValidationErrors()
    {
        var errors = new List<string>();
        if (HeartbeatInterval <= TimeSpan.Zero)
        {
            errors.Add(Invariant($"Store locks: 'HeartbeatInterval' is {HeartbeatInterval}; it must be greater than 0."));
        }

        if (PollInterval <= TimeSpan.Zero)
        {
            errors.Add(Invariant($"Store locks: 'PollInterval' is {PollInterval}; it must be greater than 0."));
        }

        if (StaleAfter <= HeartbeatInterval * 2)
        {
            errors.Add(Invariant($"Store locks: 'StaleAfter' is {StaleAfter}; it must be more than twice 'HeartbeatInterval' ({HeartbeatInterval}), or live owners would lose their locks."));
        }

        return errors;
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
