using LotteryTickets.Storage;
using LotteryTickets.Tests.TestSupport;

namespace LotteryTickets.Tests.Experiments;

/// <summary>A finished run whose files no longer match its manifest is never read as done: the plan trains it again.</summary>
public class DamagedRunTests
{
    [Test]
    public void RunningThePlanAgainRetrainsDamagedRunsToTheSameFilesAndLeavesTheOthersAlone()
    {
        using var folder = new TemporaryFolder();
        var first = TinyExperiment.Builder(folder.Path).WithControl("random_reinit").Build().Run();
        var expected = TinyExperiment.Files(first.Folder);
        var layout = TinyExperiment.Builder(folder.Path).WithControl("random_reinit").Build().Layout;
        var dense = layout.Run(0, 0);
        var level1 = layout.Run(0, 1);
        var branch = layout.Run(0, 2, "random_reinit");
        var untouched = layout.Run(0, 2);
        var old = DateTime.UtcNow.AddHours(-1);
        File.SetLastWriteTimeUtc(untouched.FinalFile, old);

        File.WriteAllBytes(level1.FinalFile, File.ReadAllBytes(level1.FinalFile)[..1000]);
        File.Delete(branch.MaskFile);
        var metrics = File.ReadAllBytes(dense.MetricsJsonFile);
        metrics[^5] = (byte)(metrics[^5] == (byte)'1' ? '2' : '1');
        File.WriteAllBytes(dense.MetricsJsonFile, metrics);
        File.SetLastWriteTimeUtc(dense.MetricsJsonFile, old);

        Assert.That(new[] { dense, level1, branch }.Select(r => r.IsDone), Is.All.False);

        var second = TinyExperiment.Builder(folder.Path).WithControl("random_reinit").Build().Run();

        Assert.That(second.IsComplete, Is.True);
        Assert.That(TinyExperiment.Files(second.Folder), Is.EqualTo(expected), "the damaged runs are trained again to the same bytes");
        Assert.That(File.GetLastWriteTimeUtc(untouched.FinalFile), Is.EqualTo(old), "an intact finished run is not written again");
    }
}
