using LotteryTickets.Storage;
using LotteryTickets.Tests.Experiments;
using LotteryTickets.Tests.TestSupport;

namespace LotteryTickets.Tests.Storage;

/// <summary>A garbage <c>plan.json</c> is diagnosed as unreadable, not as another plan's record, and renaming is not advised.</summary>
public class CorruptPlanRecordTests
{
    [TestCase("")]
    [TestCase("garbage{")]
    [TestCase("[1, 2]")]
    public void AnUnreadablePlanRecordStopsThePlanAndTheReportWithoutAdvisingARename(string garbage)
    {
        using var folder = new TemporaryFolder();
        var plan = TinyExperiment.Builder(folder.Path, levels: 1).Build();
        plan.Run();
        File.WriteAllText(Path.Combine(plan.Folder, PlanRecord.FileName), garbage);
        var before = TinyExperiment.Files(plan.Folder);

        var run = Assert.Throws<StoreMismatchException>(() => TinyExperiment.Builder(folder.Path, levels: 1).Build().Run())!;
        var report = Assert.Throws<StoreMismatchException>(() => new ResultsCollector().CollectStore(folder.Path))!;

        foreach (var e in new[] { run, report })
        {
            Assert.That(e.Message, Does.StartWith($"The experiment folder '{plan.Folder}' has an unreadable 'plan.json': "));
            Assert.That(e.Message, Does.Not.Contain("another plan"));
            Assert.That(e.Message, Does.Contain("do not rename it"));
        }

        Assert.That(run.Message, Does.Contain($"hash {plan.Hash}: its plan.json is that plan's description"));
        Assert.That(TinyExperiment.Files(plan.Folder), Is.EqualTo(before), "nothing was changed");
    }
}
