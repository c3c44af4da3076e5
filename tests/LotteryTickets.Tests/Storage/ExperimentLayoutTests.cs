using LotteryTickets.Results;
using LotteryTickets.Storage;

namespace LotteryTickets.Tests.Storage;

public class ExperimentLayoutTests
{
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "store");

    [Test]
    public void RunFoldersFollowNameHashTrialLevelBranch()
    {
        var layout = new ExperimentLayout(Root, "lenet-imp", "3f9a1c07");
        var run = layout.Run(1, 2, "reinit");
        var folder = Path.Combine(Root, "lenet-imp-3f9a1c07", "trial_1", "level_2", "reinit");

        Assert.Multiple(() =>
        {
            Assert.That(layout.ExperimentFolder, Is.EqualTo(Path.Combine(Root, "lenet-imp-3f9a1c07")));
            Assert.That(run.Key, Is.EqualTo(new RunKey(1, 2, "reinit")));
            Assert.That(run.Folder, Is.EqualTo(folder));
            Assert.That(run.MaskFile, Is.EqualTo(Path.Combine(folder, "mask.safetensors")));
            Assert.That(run.StartFile, Is.EqualTo(Path.Combine(folder, "start.safetensors")));
            Assert.That(run.FinalFile, Is.EqualTo(Path.Combine(folder, "final.safetensors")));
            Assert.That(run.MetricsJsonFile, Is.EqualTo(Path.Combine(folder, "metrics.json")));
            Assert.That(run.MetricsCsvFile, Is.EqualTo(Path.Combine(folder, "metrics.csv")));
            Assert.That(run.SparsityFile, Is.EqualTo(Path.Combine(folder, "sparsity.json")));
            Assert.That(run.DoneMarker, Is.EqualTo(Path.Combine(folder, "done")));
        });
    }

    [Test]
    public void TheMainBranchIsTheDefault()
    {
        var layout = new ExperimentLayout(Root, "lenet", "ab12");

        Assert.That(layout.Run(0, 0).Folder, Is.EqualTo(Path.Combine(Root, "lenet-ab12", "trial_0", "level_0", "main")));
    }

    [Test]
    public void ABranchNameWithAPathSeparatorIsRejected()
    {
        var layout = new ExperimentLayout(Root, "lenet", "ab12");

        Assert.That(
            () => layout.Run(0, 0, "../escape"),
            Throws.ArgumentException.With.Message.Contains("The branch name '../escape' is invalid"));
    }

    [Test]
    public void AnInvalidExperimentNameIsRejected()
    {
        Assert.That(
            () => new ExperimentLayout(Root, "a/b", "ab12"),
            Throws.ArgumentException.With.Message.Contains("The experiment name 'a/b' is invalid"));
    }

    [Test]
    public void AFolderNameSplitsAtItsLastHyphen()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ExperimentLayout.TryParseFolderName("lenet-imp-3f9a", out var name, out var hash), Is.True);
            Assert.That((name, hash), Is.EqualTo(("lenet-imp", "3f9a")));
            Assert.That(ExperimentLayout.TryParseFolderName("nohash", out _, out _), Is.False);
            Assert.That(ExperimentLayout.TryParseFolderName("-abc", out _, out _), Is.False);
            Assert.That(ExperimentLayout.TryParseFolderName("name-", out _, out _), Is.False);
        });
    }

    [Test]
    public void NothingIsCreatedUntilAskedAndThenTheRunIsNotDone()
    {
        var root = Path.Combine(Path.GetTempPath(), "lottery-layout-" + Guid.NewGuid().ToString("N"));
        try
        {
            var run = new ExperimentLayout(root, "lenet", "ab12").Run(0, 0);
            var existedBefore = Directory.Exists(root);
            run.EnsureFolder();

            Assert.Multiple(() =>
            {
                Assert.That(existedBefore, Is.False);
                Assert.That(Directory.Exists(run.Folder), Is.True);
                Assert.That(run.IsDone, Is.False);
            });
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }
}
