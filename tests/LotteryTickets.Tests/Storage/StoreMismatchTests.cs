using LotteryTickets.Experiments;
using LotteryTickets.Pruning;
using LotteryTickets.Storage;
using LotteryTickets.Tests.Experiments;
using LotteryTickets.Tests.TestSupport;
using LotteryTickets.Training;

namespace LotteryTickets.Tests.Storage;

/// <summary>A plan only reads and writes an experiment folder whose plan.json records it (issue 11, item 1).</summary>
public class StoreMismatchTests
{
    /// <summary>The tiny experiment of <see cref="TinyExperiment"/> under another name and number of levels.</summary>
    private static ExperimentPlan Plan(string store, string name, int levels) => LotteryExperiment.Create(name)
        .WithModel("tiny-mlp", TinyExperiment.CreateModel)
        .WithData(TinyExperiment.Splits, "blobs")
        .WithTraining(TinyExperiment.Training)
        .WithSchedule(new IterativeRates(new IterativeRatesOptions { Levels = levels }))
        .WithCheckpointInterval(TrainingDuration.Iterations(10))
        .StoreIn(store)
        .Build();

    private static void CopyFolder(string source, string destination)
    {
        foreach (var directory in Directory.EnumerateDirectories(source, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(destination, Path.GetRelativePath(source, directory)));
        }

        Directory.CreateDirectory(destination);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(destination, Path.GetRelativePath(source, file)));
        }
    }

    private static string[] Entries(string folder) =>
        Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories)
            .Select(e => Path.GetRelativePath(folder, e))
            .Order(StringComparer.Ordinal)
            .ToArray();

    [Test]
    public void AFolderCopiedFromAnotherPlanStopsTheRunAndIsLeftUnchanged()
    {
        using var store = new TemporaryFolder();
        var a = Plan(store.Path, "tiny", levels: 1);
        var b = Plan(store.Path, "other", levels: 2);
        Assert.That(b.Hash, Is.Not.EqualTo(a.Hash));
        a.Run();
        CopyFolder(a.Folder, b.Folder);
        var before = TinyExperiment.Files(b.Folder);
        var entriesBefore = Entries(store.Path);

        var error = Assert.Throws<StoreMismatchException>(() => b.Run())!;

        Assert.Multiple(() =>
        {
            Assert.That(error.Message, Does.Contain(b.Folder));
            Assert.That(error.Message, Does.Contain("'other'").And.Contain(b.Hash));
            Assert.That(error.Message, Does.Contain(a.Hash));
            Assert.That(error.Message, Does.Contain("they differ in schedule"));
            Assert.That(error.Message, Does.Contain("Store this plan elsewhere").And.Contain("remove or rename"));
            Assert.That(error.Message, Does.Contain("nothing was read or changed"));
            Assert.That((error.Folder, error.PlanName, error.PlanHash, error.RecordedHash), Is.EqualTo((b.Folder, "other", b.Hash, a.Hash)));
            Assert.That(TinyExperiment.Files(b.Folder), Is.EqualTo(before), "every file of the copied folder is byte-identical");
            Assert.That(Entries(store.Path), Is.EqualTo(entriesBefore), "nothing was created or removed in the store");
        });
    }

    [Test]
    public void AFolderCopiedFromAPlanOfTheSameNameStopsTheRun()
    {
        using var store = new TemporaryFolder();
        var a = Plan(store.Path, "tiny", levels: 1);
        var b = Plan(store.Path, "tiny", levels: 2);
        a.Run();
        CopyFolder(a.Folder, b.Folder);
        var before = TinyExperiment.Files(b.Folder);

        var error = Assert.Throws<StoreMismatchException>(() => b.Run())!;

        Assert.That(error.Message, Does.Contain("'tiny'").And.Contain(a.Hash).And.Contain(b.Hash));
        Assert.That(File.ReadAllText(Path.Combine(b.Folder, PlanRecord.FileName)), Is.EqualTo(a.Description + "\n"));
        Assert.That(TinyExperiment.Files(b.Folder), Is.EqualTo(before));
    }

    [Test]
    public void ReadingACopiedFolderDoesNotReportItsResultsAsThePlanOfItsName()
    {
        using var store = new TemporaryFolder();
        var a = Plan(store.Path, "tiny", levels: 1);
        var b = Plan(store.Path, "other", levels: 2);
        a.Run();
        CopyFolder(a.Folder, b.Folder);

        Assert.Multiple(() =>
        {
            var load = Assert.Throws<StoreMismatchException>(() => ExperimentResult.Load(b.Folder))!;
            Assert.That(load.Message, Does.Contain(b.Folder).And.Contain(a.Hash).And.Contain(b.Hash));
            Assert.Throws<StoreMismatchException>(() => new ResultsCollector().CollectStore(store.Path));
            Assert.Throws<StoreMismatchException>(() => new ResultsCollector().CollectExperiment(b.Folder, b.Name, b.Description));
            Assert.That(new ResultsCollector().CollectExperiment(a.Folder, a.Name, a.Description), Has.Count.EqualTo(2));
            Assert.That(ExperimentResult.Load(a.Folder).Runs, Has.Count.EqualTo(2));
        });
    }

    [Test]
    public void AFolderWithRunsButNoPlanJsonIsAnUnknownPlanAndIsLeftUnchanged()
    {
        using var store = new TemporaryFolder();
        var a = Plan(store.Path, "tiny", levels: 1);
        var b = Plan(store.Path, "other", levels: 1);
        a.Run();
        CopyFolder(a.Folder, b.Folder);
        File.Delete(Path.Combine(b.Folder, PlanRecord.FileName));
        var before = TinyExperiment.Files(b.Folder);

        var error = Assert.Throws<StoreMismatchException>(() => b.Run())!;

        Assert.That(error.Message, Does.Contain(b.Folder).And.Contain("unknown").And.Contain("'other'").And.Contain(b.Hash).And.Contain("remove or rename"));
        Assert.That(error.RecordedHash, Is.Null);
        Assert.That(TinyExperiment.Files(b.Folder), Is.EqualTo(before));
    }

    [Test]
    public void AMissingOrEmptyFolderOrOneRecordingThePlanIsAccepted()
    {
        using var store = new TemporaryFolder();
        var plan = Plan(store.Path, "tiny", levels: 1);

        Assert.DoesNotThrow(() => PlanRecord.EnsureMatches(plan.Folder, plan.Name, plan.Description));
        Directory.CreateDirectory(plan.Folder);
        File.WriteAllText(Path.Combine(plan.Folder, ".plan.json.x1y2.tmp"), "{");
        Assert.DoesNotThrow(() => PlanRecord.EnsureMatches(plan.Folder, plan.Name, plan.Description));

        var result = plan.Run();

        Assert.That(result.Runs, Has.Count.EqualTo(2));
        Assert.DoesNotThrow(() => PlanRecord.EnsureMatches(plan.Folder, plan.Name, plan.Description));
        var files = TinyExperiment.Files(plan.Folder);
        Assert.That(plan.Run().Runs.Select(r => r.Key), Is.EqualTo(result.Runs.Select(r => r.Key)), "running again reads the same folder");
        Assert.That(TinyExperiment.Files(plan.Folder).Keys, Is.EqualTo(files.Keys));
    }
}
