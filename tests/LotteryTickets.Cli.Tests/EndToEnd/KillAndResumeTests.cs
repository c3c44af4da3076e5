using LotteryTickets.Cli.Tests.Support;

namespace LotteryTickets.Cli.Tests.EndToEnd;

/// <summary>The built tool killed in the middle of an experiment, then run again: the store it finishes equals an uninterrupted run's.</summary>
public class KillAndResumeTests
{
    private const int Iterations = 400;

    [Test]
    public void AnExperimentKilledAfterItsFirstRunResumesToTheSameStoreAsAnUninterruptedRun()
    {
        using var folder = new TemporaryFolder();
        var file = TinyExperimentFile.Write(folder.File("tiny.yaml"), Iterations);
        var killedStore = folder.File("killed");
        var cleanStore = folder.File("clean");

        int doneWhenKilled;
        using (var process = BuiltTool.Start("run", file, "--store", killedStore))
        {
            _ = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (DoneMarkers(killedStore) == 0 && !process.HasExited && DateTime.UtcNow < deadline)
            {
                Thread.Sleep(10);
            }

            Assert.That(process.HasExited, Is.False, "The tool ended before it could be killed; make the runs longer.");
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            doneWhenKilled = DoneMarkers(killedStore);
        }

        var resumed = BuiltTool.Run("run", file, "--store", killedStore);
        var clean = BuiltTool.Run("run", file, "--store", cleanStore);

        Assert.That(resumed.ExitCode, Is.EqualTo(ExitCodes.Success), resumed.ToString());
        Assert.That(clean.ExitCode, Is.EqualTo(ExitCodes.Success), clean.ToString());
        var killedFiles = TinyExperimentFile.RunFiles(Directory.GetDirectories(killedStore).Single());
        var cleanFiles = TinyExperimentFile.RunFiles(Directory.GetDirectories(cleanStore).Single());
        Assert.Multiple(() =>
        {
            Assert.That(doneWhenKilled, Is.InRange(1, TinyExperimentFile.Runs - 1), "the kill landed between the first and the last run");
            Assert.That(resumed.Stderr, Does.Contain($"({doneWhenKilled} of {TinyExperimentFile.Runs} runs already done; resuming)"));
            Assert.That(killedFiles.Keys, Is.EqualTo(cleanFiles.Keys));
            Assert.That(killedFiles.Count, Is.EqualTo(4 * TinyExperimentFile.Runs));
            foreach (var (name, bytes) in cleanFiles)
            {
                Assert.That(killedFiles[name], Is.EqualTo(bytes), $"'{name}' differs from the uninterrupted run's");
            }

            Assert.That(resumed.Stdout, Is.EqualTo(clean.Stdout));
        });
    }

    [Test]
    public void AnExperimentKilledAtRandomMomentsAndRunAgainEachTimeEndsWithAnUninterruptedRunsStoreFileForFile()
    {
        using var folder = new TemporaryFolder();
        var file = TinyExperimentFile.Write(folder.File("tiny.yaml"), Iterations, trials: 1, shuffleControl: false, checkpointInterval: "90it", instability: true);
        var killedStore = folder.File("killed");
        var cleanStore = folder.File("clean");
        var random = new Random(20261207);
        var kills = new List<string>();
        var clean = BuiltTool.Run("run", file, "--store", cleanStore);
        var doneMarkers = DoneMarkers(cleanStore);

        // Each attempt is killed once a random number of units (runs, analysis copies, paths) is done, a random time into
        // the next: at different runs and analyses, before and after their checkpoints.
        var targets = Enumerable.Range(0, doneMarkers).OrderBy(_ => random.Next()).Take(5).Order().ToList();
        foreach (var runsBefore in targets)
        {
            var delay = TimeSpan.FromMilliseconds(random.Next(0, 200));
            using var process = BuiltTool.Start("run", file, "--store", killedStore);
            _ = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (DoneMarkers(killedStore) < runsBefore && !process.HasExited && DateTime.UtcNow < deadline)
            {
                Thread.Sleep(5);
            }

            if (process.WaitForExit(delay))
            {
                kills.Add($"finished before the kill (after {runsBefore} unit(s) + {delay.TotalMilliseconds} ms)");
                continue;
            }

            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            kills.Add($"killed {delay.TotalMilliseconds} ms after {runsBefore} unit(s) were done, with {DoneMarkers(killedStore)} done and {Checkpoints(killedStore)} checkpoint(s)");
        }

        var resumed = BuiltTool.Run("run", file, "--store", killedStore);

        // The experiment and the IMP chain its analysis at 100it takes its masks from (a plan of its own in the store).
        var killedFiles = ExperimentFiles(killedStore);
        var cleanFiles = ExperimentFiles(cleanStore);
        var leftovers = Directory.GetDirectories(killedStore).SelectMany(folder => Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            .Where(f => Path.GetFileName(f).StartsWith('.') || Path.GetFileName(f).StartsWith("lock.", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(killedStore, f))
            .ToList();
        var history = string.Join("; ", kills);
        TestContext.Progress.WriteLine(history);
        Assert.Multiple(() =>
        {
            Assert.That(resumed.ExitCode, Is.EqualTo(ExitCodes.Success), resumed.ToString());
            Assert.That(clean.ExitCode, Is.EqualTo(ExitCodes.Success), clean.ToString());
            Assert.That(kills.Count(k => k.StartsWith("killed", StringComparison.Ordinal)), Is.GreaterThanOrEqualTo(4), history);
            Assert.That(cleanFiles.Keys.Count(k => k.Contains("/instability/", StringComparison.Ordinal)), Is.GreaterThan(0), "the store holds analyses");
            Assert.That(Directory.GetDirectories(cleanStore), Has.Length.EqualTo(2), "the experiment and the chain rewound to 100it");
            Assert.That(leftovers, Is.Empty, "no lock or temporary file is left in the store");
            Assert.That(killedFiles.Keys, Is.EqualTo(cleanFiles.Keys), history);
            foreach (var (name, bytes) in cleanFiles)
            {
                Assert.That(killedFiles.GetValueOrDefault(name), Is.EqualTo(bytes), $"'{name}' differs from the uninterrupted run's ({history})");
            }

            Assert.That(resumed.Stdout, Is.EqualTo(clean.Stdout));
        });
    }

    /// <summary>The files of every experiment folder of a store, by folder name and relative path.</summary>
    private static SortedDictionary<string, byte[]> ExperimentFiles(string store) => new(
        Directory.GetDirectories(store)
            .SelectMany(folder => ManyProcessesTests.StoreFiles(folder).Select(kv => (Key: Path.GetFileName(folder) + "/" + kv.Key, kv.Value)))
            .ToDictionary(kv => kv.Key, kv => kv.Value),
        StringComparer.Ordinal);

    private static int Checkpoints(string store) =>
        Directory.Exists(store) ? Directory.EnumerateDirectories(store, "checkpoint", SearchOption.AllDirectories).Count() : 0;

    private static int DoneMarkers(string store) =>
        Directory.Exists(store) ? Directory.EnumerateFiles(store, "done", SearchOption.AllDirectories).Count() : 0;
}
