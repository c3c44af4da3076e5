using System.Security.Cryptography;
using System.Text.Json;
using LotteryTickets.Storage;
using LotteryTickets.Tests.TestSupport;
using LotteryTickets.Native;
using LotteryTickets.Serialization;
using static TorchSharp.torch;

namespace LotteryTickets.Tests.Storage;

/// <summary>The manifest in a run's <c>done</c> marker, and how a run whose files no longer match it is found.</summary>
public class RunManifestTests
{
    private static RunPaths WriteRun(string root, bool markDone = true)
    {
        var run = new ExperimentLayout(root, "lenet", "ab12").Run(0, 1, "main").EnsureFolder();
        using (var scope = NewDisposeScope())
        {
            var weights = new Dictionary<string, Tensor> { ["fc.weight"] = arange(0, 24, dtype: ScalarType.Float32).reshape(4, 6) };
            SafeTensors.Save(run.MaskFile, weights);
            SafeTensors.Save(run.StartFile, weights);
            SafeTensors.Save(run.FinalFile, weights);
        }

        RunResultsWriter.WriteMetrics(run, SampleResults.Metrics(100, 0.9, 0.88));
        RunResultsWriter.WriteSparsity(run, SampleResults.Sparsity(0.8));
        if (markDone)
        {
            RunResultsWriter.MarkDone(run);
        }

        return run;
    }

    /// <summary>Changes a file's bytes and makes the change visible to the size and time stamp of a file system with coarse timestamps.</summary>
    private static void Replace(string file, byte[] bytes)
    {
        File.WriteAllBytes(file, bytes);
        File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddMinutes(-5));
    }

    [Test]
    public void TheDoneMarkerRecordsTheSizeAndSha256OfEveryFileTheRunWrote()
    {
        using var store = new TemporaryFolder();
        var run = WriteRun(store.Path);
        File.WriteAllText(Path.Combine(run.Folder, "lock.json"), "{}");

        using var manifest = JsonDocument.Parse(File.ReadAllText(run.DoneMarker));
        var files = manifest.RootElement.GetProperty("files");

        Assert.That(manifest.RootElement.GetProperty("format").GetInt32(), Is.EqualTo(1));
        Assert.That(files.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[]
        {
            "final.safetensors", "mask.safetensors", "metrics.csv", "metrics.json", "sparsity.json", "start.safetensors",
        }));
        foreach (var file in files.EnumerateObject())
        {
            var path = Path.Combine(run.Folder, file.Name);
            Assert.That(file.Value.GetProperty("bytes").GetInt64(), Is.EqualTo(new FileInfo(path).Length), file.Name);
            Assert.That(file.Value.GetProperty("sha256").GetString(), Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)))), file.Name);
        }

        Assert.That(run.IsDone, Is.True);
        Assert.That(run.Damage, Is.Empty);
    }

    [Test]
    public void ATruncatedAMissingOrAChangedFileMakesTheRunDamagedNotDone()
    {
        using var store = new TemporaryFolder();
        var run = WriteRun(store.Path);
        var final = File.ReadAllBytes(run.FinalFile);

        Replace(run.FinalFile, final[..(final.Length / 2)]);
        Assert.That(run.IsDone, Is.False);
        Assert.That(run.HasDoneMarker, Is.True);
        Assert.That(run.Damage, Is.EqualTo(new[] { $"'final.safetensors' is {final.Length / 2} bytes; the manifest says {final.Length}" }));

        var flipped = (byte[])final.Clone();
        flipped[^3] ^= 1;
        Replace(run.FinalFile, flipped);
        Assert.That(run.Damage.Single(), Does.StartWith("'final.safetensors' has SHA-256 "));

        Replace(run.FinalFile, final);
        File.Delete(run.MaskFile);
        Assert.That(run.Damage, Is.EqualTo(new[] { "'mask.safetensors' is missing" }));
    }

    [Test]
    public void AnEmptyMarkerFromBeforeManifestsIsAcceptedWhileTheRunsFilesArePresentAndComplete()
    {
        using var store = new TemporaryFolder();
        var run = WriteRun(store.Path, markDone: false);
        File.WriteAllText(run.DoneMarker, string.Empty);

        Assert.That(run.IsDone, Is.True, "a run finished before manifests existed stays done");

        var final = File.ReadAllBytes(run.FinalFile);
        Replace(run.FinalFile, final[..(final.Length - 4)]);
        Assert.That(run.Damage.Single(), Does.StartWith("'final.safetensors' is " + (final.Length - 4) + " bytes; its header describes"));

        Replace(run.FinalFile, final);
        File.Delete(run.SparsityFile);
        Assert.That(run.Damage, Is.EqualTo(new[] { "'sparsity.json' is missing" }));
    }

    [Test]
    public void AMarkerThatIsNotAManifestIsDamage()
    {
        using var store = new TemporaryFolder();
        var run = WriteRun(store.Path);
        File.WriteAllText(run.DoneMarker, "garbage");

        Assert.That(run.IsDone, Is.False);
        Assert.That(run.Damage.Single(), Does.StartWith("its 'done' marker is not a manifest: it is not valid JSON"));
    }

    [Test]
    public void CollectingAStoreWithADamagedRunFailsNamingTheRunTheFileAndTheRepair()
    {
        using var store = new TemporaryFolder();
        var run = WriteRun(store.Path);
        File.Delete(run.MaskFile);

        var e = Assert.Throws<StoreDamagedException>(() => new ResultsCollector().CollectStore(store.Path))!;

        Assert.That(e.RunFolders, Is.EqualTo(new[] { run.Folder }));
        Assert.That(e.Message, Does.Contain($"'{run.Folder}': 'mask.safetensors' is missing."));
        Assert.That(e.Message, Does.Contain("'lottery run <file>'").And.Contain("--reset"));
        Assert.That(new ResultsCollector { SkipsDamagedRuns = true }.CollectStore(store.Path).Single().Runs, Is.Empty);
    }

    [Test]
    public void StatusListsEachRunsStateAndResetClearsADamagedRun()
    {
        using var store = new TemporaryFolder();
        var run = WriteRun(store.Path);
        var layout = new ExperimentLayout(store.Path, "lenet", "ab12");
        var unfinished = layout.Run(0, 2, "main").EnsureFolder();
        RunResultsWriter.WriteMetrics(unfinished, SampleResults.Metrics(100, 0.5, 0.5));
        File.WriteAllBytes(run.StartFile, [1, 2, 3]);

        var statuses = StoreInspector.Inspect(store.Path, verify: false);

        Assert.That(statuses.Select(s => (s.Run, s.State)), Is.EqualTo(new[]
        {
            ("lenet-ab12/trial_0/level_1/main", RunState.Damaged),
            ("lenet-ab12/trial_0/level_2/main", RunState.InProgress),
        }));
        Assert.That(statuses[0].ToString(), Does.Contain("DAMAGED: 'start.safetensors' is 3 bytes; the manifest says"));

        StoreInspector.Reset(run.Folder);

        Assert.That(Directory.EnumerateFileSystemEntries(run.Folder), Is.Empty);
        Assert.That(StoreInspector.Inspect(store.Path, verify: true)[0].State, Is.EqualTo(RunState.NotStarted));
        Assert.Throws<ArgumentException>(() => StoreInspector.Reset(layout.ExperimentFolder));
    }
}
