using System.Diagnostics;
using LotteryTickets.Cli.Tests.Support;

namespace LotteryTickets.Cli.Tests.EndToEnd;

/// <summary>SIGTERM, what schedulers send before killing, is a preemption: checkpoint, locks released, resume hint, exit 143.</summary>
public class TerminateAndResumeTests
{
    [Test]
    public void SigtermSavesTheRunInProgressReleasesItsLockExits143AndTheRerunResumesToTheUninterruptedStore()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Ignore("SIGTERM is a POSIX signal.");
        }

        using var folder = new TemporaryFolder();
        // Runs checkpoint every 10 iterations, so a run is known to be training when its first checkpoint appears.
        var file = TinyExperimentFile.Write(folder.File("tiny.yaml"), 150, trials: 1, shuffleControl: false, checkpointInterval: "10it");
        var store = folder.File("terminated");
        CliResult terminated;
        using (var process = BuiltTool.Start("run", file, "--store", store))
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (Count(store, "checkpoint.json") == 0 && !process.HasExited && DateTime.UtcNow < deadline)
            {
                Thread.Sleep(5);
            }

            Assert.That(process.HasExited, Is.False, "The tool ended before it could be stopped; make the runs longer.");
            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                kill.WaitForExit();
            }

            Assert.That(process.WaitForExit(TimeSpan.FromSeconds(60)), Is.True, "SIGTERM stopped the tool within a minute");
            terminated = new CliResult(process.ExitCode, stdout.Result, stderr.Result);
        }

        var checkpoints = Count(store, "checkpoint.json");
        var locks = Count(store, "lock.json");
        var resumed = BuiltTool.Run("run", file, "--store", store);
        var clean = BuiltTool.Run("run", file, "--store", folder.File("clean"));

        Assert.Multiple(() =>
        {
            Assert.That(terminated.ExitCode, Is.EqualTo(ExitCodes.Terminated), terminated.ToString());
            Assert.That(terminated.Stderr, Does.Contain("Run the same command again to resume it from there."));
            Assert.That(terminated.Stderr, Does.Contain("Stopped by SIGTERM"));
            Assert.That(checkpoints, Is.EqualTo(1), "the run in progress saved its checkpoint");
            Assert.That(locks, Is.Zero, "the locks were released");
            Assert.That(resumed.ExitCode, Is.EqualTo(ExitCodes.Success), resumed.ToString());
            var resumedFiles = TinyExperimentFile.RunFiles(Directory.GetDirectories(store).Single());
            var cleanFiles = TinyExperimentFile.RunFiles(Directory.GetDirectories(folder.File("clean")).Single());
            Assert.That(resumedFiles.Keys, Is.EqualTo(cleanFiles.Keys));
            foreach (var (name, bytes) in cleanFiles)
            {
                Assert.That(resumedFiles[name], Is.EqualTo(bytes), $"'{name}' differs from the uninterrupted run's");
            }
        });
    }

    private static int Count(string store, string name) =>
        Directory.Exists(store) ? Directory.EnumerateFiles(store, name, SearchOption.AllDirectories).Count() : 0;
}
