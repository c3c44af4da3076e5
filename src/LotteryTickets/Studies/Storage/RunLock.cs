using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;

namespace LotteryTickets.Storage;

/// <summary>
/// A process's claim on one run of the store: <c>lock.json</c> in the run's folder, created exclusively (a complete
/// temporary file hard-linked to the name, which fails if it exists — atomic on local and network file systems) and
/// refreshed every <see cref="StoreLockOptions.HeartbeatInterval"/> by a timer. A lock whose owner is a process of this
/// host that is gone, or whose content (its heartbeat) this process has seen unchanged for
/// <see cref="StoreLockOptions.StaleAfter"/> by its own monotonic clock, is stale and may be taken over — the time a
/// heartbeat claims is never compared with this host's clock, so a skewed clock (a heartbeat in the future or the past)
/// neither keeps a dead owner's lock for ever nor takes a live owner's away; takeovers are serialized by an exclusive <c>lock.takeover</c> file, so only one process wins. Disposing
/// stops the heartbeat and removes the lock if it is still this one's.
/// </summary>
internal sealed class RunLock : IDisposable
{
    /// <summary>The lock file's name in a run's folder.</summary>
    public const string FileName = "lock.json";

    /// <summary>The file that serializes takeovers of a stale lock.</summary>
    public const string TakeoverFileName = "lock.takeover";

    /// <summary>Each lock file this process has looked at: the content it last saw and when (monotonic ms) that content was first seen.</summary>
    private static readonly ConcurrentDictionary<string, (string Text, long Since)> Observed = new(StringComparer.Ordinal);

    private readonly string file;
    private readonly StoreLockOptions options;
    private readonly LockRecord record;
    private readonly Timer heartbeat;
    private readonly CancellationTokenSource lost = new();
    private readonly object gate = new();
    private bool disposed;

    private RunLock(string folder, StoreLockOptions options, LockRecord record)
    {
        file = Path.Combine(folder, FileName);
        this.options = options;
        this.record = record;
        heartbeat = new Timer(_ => Beat(), null, options.HeartbeatInterval, options.HeartbeatInterval);
    }

    /// <summary>Signalled when another process has taken this lock over (this process was silent too long).</summary>
    public CancellationToken Lost => lost.Token;

    /// <summary>Whether the lock was taken over by another process.</summary>
    public bool IsLost => lost.IsCancellationRequested;

    /// <summary>What holds the run in <paramref name="folder"/>: nobody, a live owner, or a stale one.</summary>
    /// <param name="folder">The run's folder.</param>
    /// <param name="options">The stale time.</param>
    /// <returns>The state.</returns>
    public static LockState Inspect(string folder, StoreLockOptions options)
    {
        var path = Path.Combine(folder, FileName);
        var text = TryRead(path);
        if (text is null)
        {
            return LockState.Free;
        }

        return IsStale(text, path, options) ? LockState.Stale : LockState.Held;
    }

    /// <summary>Who holds the lock of the run in <paramref name="folder"/>, for messages.</summary>
    /// <param name="folder">The run's folder.</param>
    /// <returns>The owner (process, host, heartbeat by this host's clock), or that nobody does.</returns>
    public static string Describe(string folder)
    {
        var text = TryRead(Path.Combine(folder, FileName));
        if (text is null)
        {
            return "no process (its lock was just released)";
        }

        var unchanged = UnchangedFor(Path.Combine(folder, FileName), text).TotalSeconds;
        return LockRecord.TryParse(text) is { } owner
            ? string.Create(CultureInfo.InvariantCulture, $"process {owner.Pid} on host '{owner.Host}' (heartbeat {Age(DateTime.UtcNow - owner.Heartbeat)} by this host's clock; unchanged for {unchanged:F0} s as seen here)")
            : string.Create(CultureInfo.InvariantCulture, $"an unreadable lock file (unchanged for {unchanged:F0} s as seen here)");
    }

    private static string Age(TimeSpan age) => age < TimeSpan.Zero
        ? string.Create(CultureInfo.InvariantCulture, $"{-age.TotalSeconds:F0} s in the future")
        : string.Create(CultureInfo.InvariantCulture, $"{age.TotalSeconds:F0} s ago");

    /// <summary>Claims the run in <paramref name="folder"/> (created if missing), taking over a stale lock.</summary>
    /// <param name="folder">The run's folder.</param>
    /// <param name="options">The heartbeat and stale times.</param>
    /// <returns>The lock, or <see langword="null"/> when another process holds the run.</returns>
    public static RunLock? TryAcquire(string folder, StoreLockOptions options)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, FileName);
        var record = LockRecord.ForThisProcess();
        if (TryCreate(path, record.ToJson()))
        {
            return new RunLock(folder, options, record);
        }

        var text = TryRead(path);
        if (text is not null && !IsStale(text, path, options))
        {
            return null;
        }

        // Stale (or released meanwhile): one process at a time may replace it.
        var takeover = Path.Combine(folder, TakeoverFileName);
        var claimText = record.ToJson();
        if (!TryCreate(takeover, claimText))
        {
            // A takeover file whose writer died: removed once it has not changed for the stale time, as seen here.
            if (TryRead(takeover) is { } claim && UnchangedFor(takeover, claim) > options.StaleAfter)
            {
                TryDelete(takeover);
            }

            return null;
        }

        try
        {
            var current = TryRead(path);
            if (current is not null)
            {
                // A claim stalled past the stale time may have been judged dead and removed, and another
                // process may hold the takeover now: only the holder of the takeover file removes the lock.
                if (current != text || !IsStale(current, path, options) || TryRead(takeover) != claimText)
                {
                    return null;
                }

                TryDelete(path);
            }

            return TryCreate(path, record.ToJson()) ? new RunLock(folder, options, record) : null;
        }
        finally
        {
            if (TryRead(takeover) == claimText)
            {
                TryDelete(takeover);
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
        }

        using (var done = new ManualResetEvent(false))
        {
            heartbeat.Dispose(done);
            done.WaitOne();
        }

        if (!IsLost && LockRecord.TryParse(TryRead(file))?.Owner == record.Owner)
        {
            TryDelete(file);
        }

        lost.Dispose();
    }

    private void Beat()
    {
        lock (gate)
        {
            if (disposed || IsLost)
            {
                return;
            }

            try
            {
                var current = LockRecord.TryParse(TryRead(file));
                if (current?.Owner != record.Owner)
                {
                    lost.Cancel();
                    return;
                }

                AtomicFile.WriteAllText(file, (record with { Heartbeat = DateTime.UtcNow }).ToJson());
            }
            catch (IOException)
            {
                // A missed heartbeat is retried at the next tick; the stale time allows for several.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    private static bool IsStale(string text, string path, StoreLockOptions options)
    {
        if (LockRecord.TryParse(text) is { } owner && owner.IsGoneLocalProcess())
        {
            return true;
        }

        // Unreadable (being written, or damaged), another host's, or a live local process's: stale once silent long enough.
        return UnchangedFor(path, text) > options.StaleAfter;
    }

    /// <summary>
    /// How long this process has seen <paramref name="path"/> hold <paramref name="text"/>, by its own monotonic clock:
    /// zero at the first look and whenever the content changed since the previous look.
    /// </summary>
    /// <param name="path">The lock (or takeover) file.</param>
    /// <param name="text">Its content now.</param>
    /// <returns>The time the content has stayed the same, as observed here.</returns>
    internal static TimeSpan UnchangedFor(string path, string text)
    {
        var now = Environment.TickCount64;
        var seen = Observed.AddOrUpdate(path, (text, now), (_, old) => old.Text == text ? old : (text, now));
        return TimeSpan.FromMilliseconds(now - seen.Since);
    }

    /// <summary>Creates <paramref name="path"/> with <paramref name="text"/> only if it does not exist, complete or not at all.</summary>
    private static bool TryCreate(string path, string text)
    {
        var temporary = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        File.WriteAllText(temporary, text);
        try
        {
            // Without overwrite, a move on Unix is link + unlink: it fails if the name exists, atomically.
            File.Move(temporary, path, overwrite: false);
            return true;
        }
        catch (IOException e) when (File.Exists(path) || IsAlreadyExists(e))
        {
            // Exists, or existed at the attempt and was removed since (by a takeover): either way, not created.
            return false;
        }
        finally
        {
            TryDelete(temporary);
        }
    }

    /// <summary>EEXIST on Unix; ERROR_FILE_EXISTS or ERROR_ALREADY_EXISTS on Windows.</summary>
    private static bool IsAlreadyExists(IOException e) =>
        OperatingSystem.IsWindows() ? (e.HResult & 0xFFFF) is 80 or 183 : e.HResult == 17;

    private static string? TryRead(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>What a lock file says: who holds the run and when it last said so.</summary>
    internal sealed record LockRecord(string Owner, int Pid, string Host, string HostKey, long ProcessStart, DateTime Started, DateTime Heartbeat)
    {
        private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true };

        /// <summary>This host's identity for process checks: its name, boot and process namespace.</summary>
        public static string ThisHostKey { get; } = ProcessTable.HostKey();

        public static LockRecord ForThisProcess()
        {
            var now = DateTime.UtcNow;
            return new LockRecord(
                Guid.NewGuid().ToString("N"), Environment.ProcessId, Environment.MachineName, ThisHostKey, ProcessTable.StartTicks(Environment.ProcessId) ?? 0, now, now);
        }

        public static LockRecord? TryParse(string? text)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }

            try
            {
                var parsed = JsonSerializer.Deserialize<LockRecord>(text, Json);
                return parsed is { Owner.Length: > 0 } ? parsed : null;
            }
            catch (JsonException)
            {
                return null;
            }
        }

        public string ToJson() => JsonSerializer.Serialize(this, Json) + "\n";

        /// <summary>Whether the owner is a process of this host, other than this one, that no longer exists.</summary>
        public bool IsGoneLocalProcess() =>
            HostKey == ThisHostKey && Pid != Environment.ProcessId && !ProcessTable.IsAlive(Pid, ProcessStart);

        public override string ToString() =>
            string.Create(CultureInfo.InvariantCulture, $"process {Pid} on {Host}, heartbeat {Heartbeat:O}");
    }
}

/// <summary>Who holds a run.</summary>
internal enum LockState
{
    /// <summary>No lock file.</summary>
    Free,

    /// <summary>A live owner.</summary>
    Held,

    /// <summary>An owner that is gone or silent; the next <see cref="RunLock.TryAcquire"/> takes it over.</summary>
    Stale,
}
