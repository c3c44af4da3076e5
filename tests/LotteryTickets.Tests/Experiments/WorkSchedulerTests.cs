using LotteryTickets.Experiments;
using LotteryTickets.Storage;
using LotteryTickets.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace LotteryTickets.Tests.Experiments;

public class WorkSchedulerTests
{
    private static readonly StoreLockOptions Fast = new()
    {
        HeartbeatInterval = TimeSpan.FromMilliseconds(50),
        StaleAfter = TimeSpan.FromMilliseconds(400),
        PollInterval = TimeSpan.FromMilliseconds(20),
    };

    [Test]
    public void AloneAProcessDoesTheUnitsInTheirCanonicalOrderOnceEach()
    {
        using var folder = new TemporaryFolder();
        var work = new Work(folder.Path);
        var dense = work.Unit("dense", [], 0);
        var main1 = work.Unit("main1", [dense], 0);
        var branch1 = work.Unit("branch1", [main1], 1);
        var main2 = work.Unit("main2", [main1], 0);
        var branch2 = work.Unit("branch2", [main2], 2);

        var complete = new WorkScheduler(work.Units, null, Fast, NullLogger.Instance).Run(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(complete, Is.True);
            Assert.That(work.Done, Is.EqualTo(new[] { "dense", "main1", "branch1", "main2", "branch2" }));
            Assert.That(Directory.EnumerateFiles(folder.Path, RunLock.FileName, SearchOption.AllDirectories), Is.Empty);
        });
    }

    [Test]
    public void WhileAnotherProcessWorksOnTheStoreTheUnitsOthersWaitForComeFirst()
    {
        using var folder = new TemporaryFolder();
        var work = new Work(folder.Path);
        var dense = work.Unit("dense", [], 0);
        var main1 = work.Unit("main1", [dense], 0);
        var branch1 = work.Unit("branch1", [main1], 1);
        var main2 = work.Unit("main2", [main1], 0);
        var branch2 = work.Unit("branch2", [main2], 2);
        var others = work.Unit("others", [], 3);
        var finished = false;
        var holder = HoldForAnotherHost(others.Folder, () => Volatile.Read(ref finished), () => { });
        work.OnDone["branch2"] = () => work.MarkDone("others");

        var complete = new WorkScheduler(work.Units, null, Fast, NullLogger.Instance).Run(CancellationToken.None);
        Volatile.Write(ref finished, true);
        holder.Wait();

        Assert.Multiple(() =>
        {
            Assert.That(complete, Is.True);
            Assert.That(work.Done, Is.EqualTo(new[] { "dense", "main1", "main2", "branch1", "branch2" }), "main2 before branch1");
        });
    }

    [Test]
    public void AShardDoesItsShareAndADependencyNobodyClaimsButLeavesTheOtherShardsUnits()
    {
        using var folder = new TemporaryFolder();
        var work = new Work(folder.Path);
        var chain = work.Unit("chain", [], 0);
        var mine = work.Unit("mine", [chain], 1);
        var theirs = work.Unit("theirs", [chain], 2);

        var started = DateTime.UtcNow;
        var complete = new WorkScheduler(work.Units, new Shard(1, 2), Fast, NullLogger.Instance).Run(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(complete, Is.False, "the other shard's unit is still pending");
            Assert.That(work.Done, Is.EqualTo(new[] { "chain", "mine" }));
            Assert.That(DateTime.UtcNow - started, Is.GreaterThanOrEqualTo(Fast.StaleAfter), "the dependency was taken over only after the stale time");
        });
    }

    [Test]
    public void AShardWaitsForADependencyAnotherProcessHolds()
    {
        using var folder = new TemporaryFolder();
        var work = new Work(folder.Path);
        var chain = work.Unit("chain", [], 0);
        var mine = work.Unit("mine", [chain], 1);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var other = HoldForAnotherHost(chain.Folder, () => watch.Elapsed > TimeSpan.FromMilliseconds(1200), () => work.MarkDone("chain"));
        var messages = new MessageLog();
        var options = Fast.Copy();
        options.WaitReportInterval = TimeSpan.FromMilliseconds(500);

        var complete = new WorkScheduler(work.Units, new Shard(1, 2), options, messages).Run(CancellationToken.None);
        other.Wait();

        Assert.Multiple(() =>
        {
            Assert.That(complete, Is.True);
            Assert.That(work.Done, Is.EqualTo(new[] { "mine" }), "the held dependency was not trained here, though its heartbeat lies an hour ahead");
            Assert.That(messages.Lines, Has.Count.InRange(2, 3), "said at once, then every report interval: " + string.Join(" | ", messages.Lines));
            Assert.That(messages.Lines[0], Does.StartWith("Waiting for (chain): held by process 1 on host 'node-7' (heartbeat ").And.Contain("s in the future by this host's clock"));
        });
    }

    /// <summary>A lock of another host whose heartbeat (an hour ahead of this host's clock) moves on every 50 ms until <paramref name="until"/>; then <paramref name="done"/> and the lock is released.</summary>
    private static Task HoldForAnotherHost(string folder, Func<bool> until, Action done)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, RunLock.FileName);
        var start = DateTime.UtcNow.AddHours(1);
        void Beat(int n) => File.WriteAllText(path, new RunLock.LockRecord("remote", 1, "node-7", "node-7|boot|pid:[1]", 0, start, start.AddMilliseconds(50 * n)).ToJson());
        Beat(0);
        return Task.Run(() =>
        {
            for (var n = 1; !until(); n++)
            {
                Thread.Sleep(50);
                Beat(n);
            }

            done();
            File.Delete(path);
        });
    }

    /// <summary>Collects the messages logged at information level and above.</summary>
    private sealed class MessageLog : Microsoft.Extensions.Logging.ILogger
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => logLevel >= Microsoft.Extensions.Logging.LogLevel.Information;

        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = formatter(state, exception);
            if (line.StartsWith("Waiting for", StringComparison.Ordinal))
            {
                lock (Lines)
                {
                    Lines.Add(line);
                }
            }
        }
    }

    /// <summary>Units that record the order in which they are done.</summary>
    private sealed class Work(string root)
    {
        private readonly HashSet<string> done = [];

        public List<WorkUnit> Units { get; } = [];

        public List<string> Done { get; } = [];

        public Dictionary<string, Action> OnDone { get; } = [];

        public WorkUnit Unit(string name, IReadOnlyList<WorkUnit> dependencies, int slot)
        {
            var unit = new WorkUnit(name, Path.Combine(root, name), () => IsDone(name), dependencies, slot, _ =>
            {
                Done.Add(name);
                MarkDone(name);
                if (OnDone.TryGetValue(name, out var then))
                {
                    then();
                }
            });
            Units.Add(unit);
            return unit;
        }

        public void MarkDone(string name)
        {
            lock (done)
            {
                done.Add(name);
            }
        }

        private bool IsDone(string name)
        {
            lock (done)
            {
                return done.Contains(name);
            }
        }
    }
}
