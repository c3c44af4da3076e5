using System.Diagnostics;
using System.Text.RegularExpressions;
using LotteryTickets.Cli.Tests.Support;

namespace LotteryTickets.Cli.Tests.EndToEnd;

/// <summary>
/// Three processes of the built tool on one store, with shards and without: every run is trained by exactly one of
/// them, and the store they finish equals a single process's, file for file and byte for byte.
/// </summary>
public partial class ManyProcessesTests
{
    private const int Iterations = 60;
    private const int Trials = 2;
    private const int Runs = Trials * (1 + (2 * 3));

    private static readonly Lazy<(string Folder, SortedDictionary<string, byte[]> Files)> Single = new(RunSingleProcess);

    [Test]
    public void ThreeProcessesOnOneStoreSplitTheRunsAndEndWithASingleProcesssStore() =>
        AssertThreeProcessesMatchTheSingleOne(i => []);

    [Test]
    public void ThreeShardsOnOneStoreSplitTheRunsAndEndWithASingleProcesssStore() =>
        AssertThreeProcessesMatchTheSingleOne(i => ["--shard", $"{i}/3"]);

    private static void AssertThreeProcessesMatchTheSingleOne(Func<int, string[]> extraArguments)
    {
        var single = Single.Value;
        using var folder = new TemporaryFolder();
        var file = TinyExperimentFile.Write(folder.File("many.yaml"), Iterations, Trials, shuffleControl: true);
        var store = folder.File("store");

        var processes = Enumerable.Range(0, 3).Select(i => BuiltTool.Start(["run", file, "--store", store, .. extraArguments(i)])).ToList();
        var outputs = processes.Select(p => (Stdout: p.StandardOutput.ReadToEndAsync(), Stderr: p.StandardError.ReadToEndAsync())).ToList();
        try
        {
            foreach (var process in processes)
            {
                Assert.That(process.WaitForExit(TimeSpan.FromMinutes(3)), Is.True, "a process did not finish within 3 minutes");
            }
        }
        finally
        {
            processes.ForEach(p => p.Kill(entireProcessTree: true));
        }

        var trainedBy = outputs.Select(o => TrainedRuns(o.Stderr.Result)).ToList();
        var files = StoreFiles(Directory.GetDirectories(store).Single());
        Assert.Multiple(() =>
        {
            for (var i = 0; i < processes.Count; i++)
            {
                Assert.That(processes[i].ExitCode, Is.EqualTo(ExitCodes.Success), $"process {i}:\n{outputs[i].Stderr.Result}");
            }

            var all = trainedBy.SelectMany(r => r).ToList();
            Assert.That(all, Is.Unique, "no run was trained by two processes");
            Assert.That(all, Has.Count.EqualTo(Runs), "every run was trained");
            Assert.That(trainedBy.Count(r => r.Count > 0), Is.GreaterThan(1), "the work was split");
            Assert.That(files.Keys, Is.EqualTo(single.Files.Keys));
            foreach (var (name, bytes) in single.Files)
            {
                Assert.That(files.GetValueOrDefault(name), Is.EqualTo(bytes), $"'{name}' differs from the single process's");
            }
        });
    }

    private static (string Folder, SortedDictionary<string, byte[]> Files) RunSingleProcess()
    {
        var folder = Path.Combine(Path.GetTempPath(), "lottery-many-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var file = TinyExperimentFile.Write(Path.Combine(folder, "many.yaml"), Iterations, Trials, shuffleControl: true);
        var store = Path.Combine(folder, "store");
        var result = BuiltTool.Run("run", file, "--store", store);
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.ToString());
        Assert.That(TrainedRuns(result.Stderr), Has.Count.EqualTo(Runs));
        var files = StoreFiles(Directory.GetDirectories(store).Single());
        Directory.Delete(folder, recursive: true);
        return (folder, files);
    }

    /// <summary>The runs a process trained: those whose progress it reported as started.</summary>
    private static List<string> TrainedRuns(string stderr) =>
        [.. StartedLine().Matches(stderr).Select(m => m.Groups["run"].Value)];

    /// <summary>Every file of an experiment folder (relative path → bytes), temporary files excluded.</summary>
    internal static SortedDictionary<string, byte[]> StoreFiles(string experimentFolder) => new(
        Directory.EnumerateFiles(experimentFolder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(experimentFolder, f).Replace('\\', '/'), File.ReadAllBytes),
        StringComparer.Ordinal);

    [GeneratedRegex(@"^(?<run>trial \d+ · level \d+ · \S+): \d+/\d+ it \(started\)", RegexOptions.Multiline)]
    private static partial Regex StartedLine();
}
