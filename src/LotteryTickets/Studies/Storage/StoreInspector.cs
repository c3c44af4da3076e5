using System.Text.Json;
using LotteryTickets.Training;

namespace LotteryTickets.Storage;

/// <summary>
/// Looks at a store's runs without training anything (what <c>lottery status</c> calls): each run folder's state —
/// done (its files match its <see cref="RunManifest"/>), damaged, locked, in progress, not started — and the repairs
/// that otherwise need knowing which files are safe to delete: clearing a run so it trains again, and removing stale
/// locks.
/// </summary>
public static class StoreInspector
{
    /// <summary>
    /// Every run folder (<c>trial_&lt;t&gt;/level_&lt;l&gt;/&lt;branch&gt;/</c>) under <paramref name="folder"/> — a store
    /// root or one experiment folder — and its state, sorted by folder.
    /// </summary>
    /// <param name="folder">A store root or one experiment folder.</param>
    /// <param name="verify">Whether to compare every finished run's files with their SHA-256 digests (reads them all), not only their sizes.</param>
    /// <returns>The runs.</returns>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public static IReadOnlyList<RunStatus> Inspect(string folder, bool verify)
    {
        var root = Existing(folder);
        var statuses = new List<RunStatus>();
        foreach (var run in RunFolders(root))
        {
            statuses.Add(InspectRun(root, run, verify));
        }

        return statuses;
    }

    /// <summary>
    /// Clears a run so that the next run of its experiment trains it again from the start: its <c>done</c> marker first,
    /// then its files and checkpoint, holding its lock meanwhile. Other runs that read its files stay as they are
    /// (training is deterministic, so it is trained again to the same files).
    /// </summary>
    /// <param name="runFolder">The run's folder.</param>
    /// <param name="options">The lock times; <see langword="null"/> for the defaults.</param>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="ArgumentException">The folder is not a run folder of a store.</exception>
    /// <exception cref="InvalidOperationException">Another process holds the run's lock; the message names it.</exception>
    public static void Reset(string runFolder, StoreLockOptions? options = null)
    {
        var folder = Existing(runFolder);
        if (!IsRunFolder(folder))
        {
            throw new ArgumentException(
                $"The folder '{folder}' is not a run folder (<experiment>/trial_<t>/level_<l>/<branch>); give one of the runs 'lottery status' lists.", nameof(runFolder));
        }

        using var claim = RunLock.TryAcquire(folder, options ?? new StoreLockOptions())
            ?? throw new InvalidOperationException(
                $"The run '{folder}' is locked by {RunLock.Describe(folder)}, so it was not reset; stop that process or wait for it, or remove a stale lock with 'lottery status <store> --clear-stale-locks'.");
        RunIntegrity.Clear(folder);
    }

    /// <summary>
    /// Removes the stale locks of the runs under <paramref name="folder"/>: at once those whose owner is a process of
    /// this host that is gone; the others (other hosts' processes, unreadable files) when their content has not changed
    /// while this method watched them for <paramref name="watch"/>, by this host's clock, whatever time they claim.
    /// </summary>
    /// <param name="folder">A store root or one experiment folder.</param>
    /// <param name="watch">How long to watch the locks of other hosts; zero removes only those of gone local processes.</param>
    /// <param name="cancellationToken">Stops the watch early (nothing more is removed).</param>
    /// <returns>The removed locks, each as its run and a description of its owner.</returns>
    public static IReadOnlyList<string> ClearStaleLocks(string folder, TimeSpan watch, CancellationToken cancellationToken = default)
    {
        var root = Existing(folder);
        var removed = new List<string>();
        var watched = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var run in RunFolders(root))
        {
            var path = Path.Combine(run, RunLock.FileName);
            var text = TryRead(path);
            if (text is null)
            {
                continue;
            }

            if (RunLock.LockRecord.TryParse(text) is { } owner && owner.IsGoneLocalProcess())
            {
                if (RemoveIfUnchanged(path, text))
                {
                    removed.Add($"{Relative(root, run)} (process {owner.Pid} on {owner.Host}, gone)");
                }
            }
            else
            {
                watched[path] = text;
            }
        }

        if (watched.Count == 0 || watch <= TimeSpan.Zero)
        {
            return removed;
        }

        var until = Environment.TickCount64 + (long)watch.TotalMilliseconds;
        while (Environment.TickCount64 < until && watched.Count > 0)
        {
            if (cancellationToken.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(Math.Min(1000, Math.Max(1, until - Environment.TickCount64)))))
            {
                return removed;
            }

            foreach (var (path, text) in watched.ToList())
            {
                if (TryRead(path) != text)
                {
                    watched.Remove(path);
                }
            }
        }

        foreach (var (path, text) in watched)
        {
            if (RemoveIfUnchanged(path, text))
            {
                var owner = RunLock.LockRecord.TryParse(text);
                removed.Add($"{Relative(root, Path.GetDirectoryName(path)!)} ({(owner is null ? "unreadable lock" : $"process {owner.Pid} on {owner.Host}")}, unchanged for {watch.TotalSeconds:F0} s)");
            }
        }

        return removed;
    }

    /// <summary>Whether <paramref name="folder"/> is <c>…/trial_&lt;t&gt;/level_&lt;l&gt;/&lt;branch&gt;</c>.</summary>
    /// <param name="folder">A full path.</param>
    /// <returns>Whether it is a run folder.</returns>
    public static bool IsRunFolder(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        var level = Path.GetDirectoryName(full);
        var trial = level is null ? null : Path.GetDirectoryName(level);
        return level is not null && trial is not null
            && StoreNames.IsValidName(Path.GetFileName(full)) && Path.GetFileName(full) != Analysis.Instability.InstabilityPaths.FolderName
            && ExperimentLayout.TryParseNumbered(Path.GetFileName(level), ExperimentLayout.LevelPrefix, out _)
            && ExperimentLayout.TryParseNumbered(Path.GetFileName(trial), ExperimentLayout.TrialPrefix, out _);
    }

    private static RunStatus InspectRun(string root, string folder, bool verify)
    {
        var run = Relative(root, folder);
        var marker = Path.Combine(folder, RunPaths.DoneMarkerFileName);
        if (File.Exists(marker))
        {
            var problems = RunIntegrity.Check(folder, checkHashes: verify);
            var hasManifest = !string.IsNullOrWhiteSpace(TryRead(marker));
            return new RunStatus(folder, run, problems.Count == 0 ? RunState.Done : RunState.Damaged) { Problems = problems, HasManifest = hasManifest };
        }

        var iteration = CheckpointIteration(Path.Combine(folder, "checkpoint"));
        if (TryRead(Path.Combine(folder, RunLock.FileName)) is { } text)
        {
            var owner = RunLock.LockRecord.TryParse(text);
            return new RunStatus(folder, run, RunState.Locked)
            {
                LockHost = owner?.Host,
                LockPid = owner?.Pid,
                HeartbeatAge = owner is null ? null : DateTime.UtcNow - owner.Heartbeat,
                LockOwnerGone = owner?.IsGoneLocalProcess() ?? false,
                CheckpointIteration = iteration,
            };
        }

        var started = iteration is not null || Directory.EnumerateFiles(folder).Any(f => RunManifest.IsRecorded(Path.GetFileName(f)));
        return new RunStatus(folder, run, started ? RunState.InProgress : RunState.NotStarted) { CheckpointIteration = iteration };
    }

    private static long? CheckpointIteration(string checkpointFolder)
    {
        var text = TryRead(Path.Combine(checkpointFolder, TrainingCheckpoint.StateFileName));
        if (text is null)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.TryGetProperty("iteration", out var value) && value.TryGetInt64(out var i) ? i : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static IEnumerable<string> RunFolders(string root)
    {
        var experiments = IsExperimentFolder(root) ? [root] : Directory.EnumerateDirectories(root).Where(IsExperimentFolder);
        return experiments
            .SelectMany(e => Directory.EnumerateDirectories(e))
            .Where(t => ExperimentLayout.TryParseNumbered(Path.GetFileName(t), ExperimentLayout.TrialPrefix, out _))
            .SelectMany(t => Directory.EnumerateDirectories(t))
            .SelectMany(l => Directory.Exists(l) ? Directory.EnumerateDirectories(l) : [])
            .Where(IsRunFolder)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static bool IsExperimentFolder(string folder) =>
        Directory.EnumerateDirectories(folder).Any(d => ExperimentLayout.TryParseNumbered(Path.GetFileName(d), ExperimentLayout.TrialPrefix, out _));

    private static string Existing(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        return Directory.Exists(full)
            ? full
            : throw new DirectoryNotFoundException($"The folder '{full}' does not exist; pass a store folder, an experiment folder or a run folder.");
    }

    private static string Relative(string root, string folder)
    {
        var relative = Path.GetRelativePath(root, folder).Replace('\\', '/');
        return relative == "." ? Path.GetFileName(folder) : relative;
    }

    private static bool RemoveIfUnchanged(string path, string text)
    {
        if (TryRead(path) != text)
        {
            return false;
        }

        File.Delete(path);
        return true;
    }

    private static string? TryRead(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }
}
