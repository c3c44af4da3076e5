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
        HoldForAnotherHost(others.Folder);
        work.OnDone["branch2"] = () => work.MarkDone("others");

        var complete = new WorkScheduler(work.Units, null, Fast, NullLogger.Instance).Run(CancellationToken.None);

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
        HoldForAnotherHost(chain.Folder);
        var other = Task.Run(() =>
        {
            Thread.Sleep(600);
            work.MarkDone("chain");
            File.Delete(Path.Combine(chain.Folder, RunLock.FileName));
        });

        var complete = new WorkScheduler(work.Units, new Shard(1, 2), Fast, NullLogger.Instance).Run(CancellationToken.None);
        other.Wait();

        Assert.Multiple(() =>
        {
            Assert.That(complete, Is.True);
            Assert.That(work.Done, Is.EqualTo(new[] { "mine" }), "the held dependency was not trained here");
        });
    }

    private static void HoldForAnotherHost(string folder)
    {
        Directory.CreateDirectory(folder);
        var record = new RunLock.LockRecord("remote", 1, "node-7", "node-7|boot|pid:[1]", 0, DateTime.UtcNow, DateTime.UtcNow.AddHours(1));
        File.WriteAllText(Path.Combine(folder, RunLock.FileName), record.ToJson());
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
