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

    private static int DoneMarkers(string store) =>
        Directory.Exists(store) ? Directory.EnumerateFiles(store, "done", SearchOption.AllDirectories).Count() : 0;
}
