using System.Diagnostics;
using LotteryTickets.Storage;
using LotteryTickets.Tests.TestSupport;

namespace LotteryTickets.Tests.Storage;

public class RunLockTests
{
    private static readonly StoreLockOptions Fast = new()
    {
        HeartbeatInterval = TimeSpan.FromMilliseconds(50),
        StaleAfter = TimeSpan.FromSeconds(2),
        PollInterval = TimeSpan.FromMilliseconds(50),
    };

    [Test]
    public void ALockIsExclusiveUntilReleasedAndLeavesNoFileBehind()
    {
        using var folder = new TemporaryFolder();
        var run = Path.Combine(folder.Path, "trial_0", "level_0", "main");

        using (var first = RunLock.TryAcquire(run, Fast))
        {
            Assert.Multiple(() =>
            {
                Assert.That(first, Is.Not.Null);
                Assert.That(RunLock.TryAcquire(run, Fast), Is.Null, "a second claim while the first is held");
                Assert.That(RunLock.Inspect(run, Fast), Is.EqualTo(LockState.Held));
            });
        }

        Assert.Multiple(() =>
        {
            Assert.That(RunLock.Inspect(run, Fast), Is.EqualTo(LockState.Free));
            Assert.That(Directory.GetFileSystemEntries(run), Is.Empty, "no lock or temporary file remains");
        });
        using var again = RunLock.TryAcquire(run, Fast);
        Assert.That(again, Is.Not.Null);
    }

    [Test]
    public void TheLockRecordsItsOwnerAndItsHeartbeatMovesOn()
    {
        using var folder = new TemporaryFolder();
        using var claim = RunLock.TryAcquire(folder.Path, Fast);
        var path = Path.Combine(folder.Path, RunLock.FileName);
        var first = RunLock.LockRecord.TryParse(File.ReadAllText(path))!;

        Thread.Sleep(300);
        var later = RunLock.LockRecord.TryParse(File.ReadAllText(path))!;

        Assert.Multiple(() =>
        {
            Assert.That(first.Pid, Is.EqualTo(Environment.ProcessId));
            Assert.That(first.Host, Is.EqualTo(Environment.MachineName));
            Assert.That(later.Owner, Is.EqualTo(first.Owner));
            Assert.That(later.Heartbeat, Is.GreaterThan(first.Heartbeat));
        });
    }

    [Test]
    public void ALockOfAProcessOfThisHostThatIsGoneIsTakenOverAtOnce()
    {
        using var folder = new TemporaryFolder();
        var pid = ExitedProcessId();
        var now = DateTime.UtcNow;
        WriteRecord(folder.Path, new RunLock.LockRecord("dead", pid, Environment.MachineName, RunLock.LockRecord.ThisHostKey, 0, now, now));

        Assert.That(RunLock.Inspect(folder.Path, Fast), Is.EqualTo(LockState.Stale));
        using var claim = RunLock.TryAcquire(folder.Path, Fast);

        Assert.Multiple(() =>
        {
            Assert.That(claim, Is.Not.Null);
            Assert.That(RunLock.LockRecord.TryParse(File.ReadAllText(Path.Combine(folder.Path, RunLock.FileName)))!.Pid, Is.EqualTo(Environment.ProcessId));
            Assert.That(File.Exists(Path.Combine(folder.Path, RunLock.TakeoverFileName)), Is.False);
        });
    }

    private static readonly StoreLockOptions Quick = new()
    {
        HeartbeatInterval = TimeSpan.FromMilliseconds(50),
        StaleAfter = TimeSpan.FromMilliseconds(400),
    };

    [TestCase(-10.0)]
    [TestCase(0.0)]
    [TestCase(3600.0)]
    public void ALockOfAnotherHostIsStaleOnlyOnceItsContentStayedUnchangedForTheStaleTimeAsSeenHereWhateverTimeItClaims(double secondsAhead)
    {
        using var folder = new TemporaryFolder();
        var claimed = DateTime.UtcNow.AddSeconds(secondsAhead);
        WriteRecord(folder.Path, new RunLock.LockRecord("remote", 1, "node-7", "node-7|boot|pid:[1]", 0, claimed, claimed));
        Assert.That(RunLock.TryAcquire(folder.Path, Quick), Is.Null, "at the first look a remote owner keeps its run, whatever its heartbeat says");

        // A heartbeat that changes keeps the lock held past the stale time.
        for (var beat = 1; beat <= 6; beat++)
        {
            Thread.Sleep(100);
            var next = claimed.AddSeconds(beat);
            WriteRecord(folder.Path, new RunLock.LockRecord("remote", 1, "node-7", "node-7|boot|pid:[1]", 0, claimed, next));
            Assert.That(RunLock.Inspect(folder.Path, Quick), Is.EqualTo(LockState.Held), $"beat {beat}");
        }

        Thread.Sleep(Quick.StaleAfter + TimeSpan.FromMilliseconds(100));
        using var claim = RunLock.TryAcquire(folder.Path, Quick);
        Assert.That(claim, Is.Not.Null, "a remote owner whose lock did not change for the stale time loses its run");
    }

    [Test]
    public void OnlyOneOfManyProcessesTakesOverAStaleLock()
    {
        using var folder = new TemporaryFolder();
        var old = DateTime.UtcNow - TimeSpan.FromMinutes(5);
        WriteRecord(folder.Path, new RunLock.LockRecord("remote", 1, "node-7", "node-7|boot|pid:[1]", 0, old, old));
        Assert.That(RunLock.Inspect(folder.Path, Quick), Is.EqualTo(LockState.Held), "first seen now");
        Thread.Sleep(Quick.StaleAfter + TimeSpan.FromMilliseconds(100));
        using var start = new Barrier(8);

        var claims = Enumerable.Range(0, 8).Select(_ => Task.Factory.StartNew(
            () =>
            {
                start.SignalAndWait();
                return RunLock.TryAcquire(folder.Path, Quick);
            },
            TaskCreationOptions.LongRunning)).ToArray();
        Task.WaitAll(claims);

        var won = claims.Select(c => c.Result).Where(c => c is not null).ToList();
        Assert.That(won, Has.Count.EqualTo(1));
        won.ForEach(c => c!.Dispose());
    }

    [Test]
    public void AnOwnerWhoseLockWasTakenOverLearnsItAndLeavesTheNewLockAlone()
    {
        using var folder = new TemporaryFolder();
        var claim = RunLock.TryAcquire(folder.Path, Fast)!;
        var now = DateTime.UtcNow;
        var other = new RunLock.LockRecord("other", 1, "node-7", "node-7|boot|pid:[1]", 0, now, now);
        WriteRecord(folder.Path, other);

        var lost = claim.Lost.WaitHandle.WaitOne(TimeSpan.FromSeconds(5));
        claim.Dispose();

        Assert.Multiple(() =>
        {
            Assert.That(lost, Is.True, "the heartbeat noticed another owner");
            Assert.That(RunLock.LockRecord.TryParse(File.ReadAllText(Path.Combine(folder.Path, RunLock.FileName)))!.Owner, Is.EqualTo("other"));
        });
    }

    [Test]
    public void AnUnreadableLockFileIsHeldUntilItStayedUnchangedForTheStaleTime()
    {
        using var folder = new TemporaryFolder();
        var path = Path.Combine(folder.Path, RunLock.FileName);
        File.WriteAllText(path, "");
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow - TimeSpan.FromHours(1));
        Assert.That(RunLock.Inspect(folder.Path, Quick), Is.EqualTo(LockState.Held), "an old modification time says nothing");

        Thread.Sleep(Quick.StaleAfter + TimeSpan.FromMilliseconds(100));
        Assert.That(RunLock.Inspect(folder.Path, Quick), Is.EqualTo(LockState.Stale));
    }

    [Test]
    public void StaleTimesThatLiveOwnersCouldNotMeetAreRefused()
    {
        var options = new StoreLockOptions { HeartbeatInterval = TimeSpan.FromSeconds(10), StaleAfter = TimeSpan.FromSeconds(15) };

        Assert.That(options.GetValidationErrors(), Has.One.Contains("'StaleAfter'"));
    }

    [Test]
    public void TheProcessTableTellsALiveProcessFromAnExitedOne()
    {
        var self = Environment.ProcessId;

        Assert.Multiple(() =>
        {
            Assert.That(ProcessTable.IsAlive(self, ProcessTable.StartTicks(self) ?? 0), Is.True);
            Assert.That(ProcessTable.IsAlive(ExitedProcessId(), 0), Is.False);
            Assert.That(ProcessTable.IsAlive(self, (ProcessTable.StartTicks(self) ?? 0) + 1), Is.Not.EqualTo(OperatingSystem.IsLinux()), "a reused pid is another process");
        });
    }

    private static int ExitedProcessId()
    {
        using var process = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        process.WaitForExit();
        return process.Id;
    }

    private static void WriteRecord(string folder, RunLock.LockRecord record) =>
        File.WriteAllText(Path.Combine(folder, RunLock.FileName), record.ToJson());
}
