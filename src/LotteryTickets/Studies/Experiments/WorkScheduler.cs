using System.Globalization;
using LotteryTickets.Storage;
using Microsoft.Extensions.Logging;

namespace LotteryTickets.Experiments;

/// <summary>
/// Does an experiment's units in their canonical order, together with any other processes on the same store: a unit
/// is done only by the process holding its <see cref="RunLock"/>, only once every unit it depends on is done, and
/// never again once done. Without a shard a process does whatever is ready and unclaimed and waits for the rest; with
/// one it does its share, waits for what its share depends on, and takes a dependency over itself when nobody has
/// claimed it for <see cref="StoreLockOptions.StaleAfter"/> (so shards started one at a time never wait forever).
/// </summary>
internal sealed class WorkScheduler(IReadOnlyList<WorkUnit> units, Shard? shard, StoreLockOptions options, ILogger logger)
{
    private readonly Dictionary<WorkUnit, DateTime> unclaimedSince = [];
    private readonly Dictionary<WorkUnit, long> reportedWaiting = [];

    /// <summary>Works until every unit this process needs is done.</summary>
    /// <param name="cancellationToken">Stops between units and inside a unit's training.</param>
    /// <returns>Whether every unit of the experiment is done (not only this shard's).</returns>
    public bool Run(CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var pending = units.Where(u => !u.IsDone).ToList();
            if (pending.Count == 0)
            {
                return true;
            }

            var needed = Needed(pending);
            if (needed.Count == 0)
            {
                ExperimentLog.ShareFinished(logger, shard?.ToString() ?? "all", pending.Count);
                return false;
            }

            if (!TryDoOne(pending, needed, cancellationToken))
            {
                ReportWaiting(pending, needed);
                cancellationToken.WaitHandle.WaitOne(options.PollInterval);
            }
        }
    }

    /// <summary>The pending units this process must see done: its own and, transitively, what they depend on.</summary>
    private HashSet<WorkUnit> Needed(List<WorkUnit> pending)
    {
        var needed = new HashSet<WorkUnit>();
        var stack = new Stack<WorkUnit>(pending.Where(u => u.BelongsTo(shard)));
        while (stack.TryPop(out var unit))
        {
            if (!unit.IsDone && needed.Add(unit))
            {
                foreach (var dependency in unit.Dependencies)
                {
                    stack.Push(dependency);
                }
            }
        }

        return needed;
    }

    private bool TryDoOne(List<WorkUnit> pending, HashSet<WorkUnit> needed, CancellationToken cancellationToken)
    {
        foreach (var unit in InPreferredOrder(pending))
        {
            if (!needed.Contains(unit) || !unit.IsReady || (!unit.BelongsTo(shard) && !Unclaimed(unit)))
            {
                continue;
            }

            using var claim = RunLock.TryAcquire(unit.Folder, options);
            if (claim is null)
            {
                continue;
            }

            // Another process may have finished it between the look and the claim.
            if (unit.IsDone)
            {
                continue;
            }

            FolderLeftovers.Remove(unit.Folder);

            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, claim.Lost);
            try
            {
                unit.Execute(linked.Token);
            }
            catch (OperationCanceledException) when (claim.IsLost && !cancellationToken.IsCancellationRequested)
            {
                ExperimentLog.LockLost(logger, unit.Name);
            }

            return true;
        }

        return false;
    }

    /// <summary>
    /// Says which needed runs other processes hold — who, and how long their lock has not changed — when this process
    /// starts waiting for each, then every <see cref="StoreLockOptions.WaitReportInterval"/>, so a wait is never silent.
    /// </summary>
    private void ReportWaiting(List<WorkUnit> pending, HashSet<WorkUnit> needed)
    {
        var now = Environment.TickCount64;
        foreach (var unit in pending)
        {
            if (!needed.Contains(unit) || RunLock.Inspect(unit.Folder, options) == LockState.Free)
            {
                reportedWaiting.Remove(unit);
                continue;
            }

            if (reportedWaiting.TryGetValue(unit, out var last) && now - last < options.WaitReportInterval.TotalMilliseconds)
            {
                continue;
            }

            reportedWaiting[unit] = now;
            ExperimentLog.Waiting(
                logger,
                unit.Name,
                string.Create(CultureInfo.InvariantCulture, $"held by {RunLock.Describe(unit.Folder)}; taken over if its lock stays unchanged for {options.StaleAfter.TotalSeconds:F0} s"));
        }
    }

    /// <summary>
    /// Alone on the store, the canonical order (a level's runs together). While other processes work on it, the units
    /// that others wait for first — those pending units depend on, i.e. the chain of <c>main</c> runs, the critical path
    /// — so that no process trains a branch while the next level's <c>main</c> is ready and the others would wait for it.
    /// The order decides only who trains what when, never what is trained.
    /// </summary>
    private IEnumerable<WorkUnit> InPreferredOrder(List<WorkUnit> pending)
    {
        if (!pending.Any(u => RunLock.Inspect(u.Folder, options) == LockState.Held))
        {
            return pending;
        }

        var awaited = pending.SelectMany(u => u.Dependencies).ToHashSet();
        return pending.OrderBy(u => awaited.Contains(u) ? 0 : 1);
    }

    /// <summary>Whether another shard's unit that this one needs has gone unclaimed for the stale time.</summary>
    private bool Unclaimed(WorkUnit unit)
    {
        if (RunLock.Inspect(unit.Folder, options) == LockState.Held)
        {
            unclaimedSince.Remove(unit);
            return false;
        }

        var now = DateTime.UtcNow;
        if (!unclaimedSince.TryGetValue(unit, out var since))
        {
            unclaimedSince[unit] = now;
            return false;
        }

        if (now - since < options.StaleAfter)
        {
            return false;
        }

        ExperimentLog.TakingOver(logger, unit.Name, shard?.ToString() ?? "all");
        return true;
    }
}
