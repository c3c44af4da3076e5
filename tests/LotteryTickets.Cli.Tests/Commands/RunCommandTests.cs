using LotteryTickets.Cli.Experiments;
using LotteryTickets.Cli.Running;
using LotteryTickets.Cli.Tests.Support;
using LotteryTickets.Results;
using ExperimentResult = LotteryTickets.Experiments.ExperimentResult;

namespace LotteryTickets.Cli.Tests.Commands;

public class RunCommandTests
{
    private static readonly string Sample = Path.Combine(TestContext.CurrentContext.TestDirectory, "samples", "experiments", "lenet-fashion-mnist.yaml");

    /// <summary>A launcher that records what it was given and reports two runs of progress.</summary>
    private sealed class RecordingLauncher(int exitCode) : IExperimentLauncher
    {
        public ExperimentFile? File { get; private set; }

        public RunContext? Context { get; private set; }

        public int Launch(ExperimentFile file, RunContext context)
        {
            File = file;
            Context = context;
            foreach (var branch in new[] { "main", "reinit" })
            {
                var run = new RunKey(0, 1, branch);
                for (var i = 0; i <= 100; i += 10)
                {
                    context.Progress.Report(new ExperimentProgress(run, i, 100, RunsCompleted: branch == "main" ? 0 : 1, RunsTotal: 2));
                }
            }

            context.Output.WriteLine("| table |");
            return exitCode;
        }
    }

    [Test]
    public void RunTrainsATinyExperimentFileStoresItsRunsAndPrintsTheResultsTable()
    {
        using var folder = new TemporaryFolder();
        var file = TinyExperimentFile.Write(folder.File("tiny.yaml"));
        var store = folder.File("store");

        var result = Lottery.Run(new ExperimentLauncher(), "run", file, "--store", store);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.ToString());
        var experiment = Directory.GetDirectories(store).Single();
        Assert.Multiple(() =>
        {
            Assert.That(Path.GetFileName(experiment), Does.Match("^tiny-[0-9a-f]{16}$"));
            Assert.That(File.Exists(Path.Combine(experiment, "plan.json")), Is.True);
            Assert.That(TinyExperimentFile.RunFolders(experiment), Is.EqualTo(new[]
            {
                "trial_0/level_0/main", "trial_0/level_1/main", "trial_0/level_1/reinit", "trial_0/level_2/main", "trial_0/level_2/reinit",
            }));
            Assert.That(File.Exists(Path.Combine(experiment, "trial_0", "level_2", "main", "mask.safetensors")), Is.True);
            Assert.That(result.Stdout, Is.EqualTo(ExperimentResult.Load(experiment).ToMarkdownTable()));
            Assert.That(result.Stdout, Does.Contain("| reinit").And.Contain("| main"));
            Assert.That(result.Stderr, Does.Contain("trial 0 · level 2 · reinit: 30/30 it (done) [5/5 runs]"));
            Assert.That(result.Stderr, Does.Contain($"Results of 'tiny' are in '{experiment}'."));
        });
    }

    [Test]
    public void RunTrainsATinyGradualExperimentFileAsOneRunPerTrial()
    {
        using var folder = new TemporaryFolder();
        var file = folder.File("gradual.yaml");
        File.WriteAllText(file, """
            name: tiny-gradual
            model: { name: lenet_300_100, options: { widthMultiplier: 0.1 } }
            dataset: { name: gaussian_blobs, validation: 64 }
            training: { duration: 20it, batchSize: 32, optimizer: adam, learningRate: 0.01, evaluationInterval: 10it }
            pruning: { gradual: { curve: agp, sparsity: 0.8, start: 0.1, end: 0.6, pruneEvery: 2 } }
            seed: 1
            """);
        var store = folder.File("store");

        var result = Lottery.Run(new ExperimentLauncher(), "run", file, "--store", store);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.ToString());
        var experiment = Directory.GetDirectories(store).Single();
        Assert.Multiple(() =>
        {
            Assert.That(TinyExperimentFile.RunFolders(experiment), Is.EqualTo(new[] { "trial_0/level_0/main" }));
            Assert.That(result.Stdout, Is.EqualTo(ExperimentResult.Load(experiment).ToMarkdownTable()));
        });
    }

    [Test]
    public void RunningTheSameFileAgainResumesFromTheStoreAndPrintsTheSameTableWithoutTraining()
    {
        using var folder = new TemporaryFolder();
        var file = TinyExperimentFile.Write(folder.File("tiny.yaml"));
        var store = folder.File("store");
        var first = Lottery.Run(new ExperimentLauncher(), "run", file, "--store", store);
        var experiment = Directory.GetDirectories(store).Single();
        var before = TinyExperimentFile.RunFiles(experiment);

        var second = Lottery.Run(new ExperimentLauncher(), "run", file, "--store", store);

        Assert.Multiple(() =>
        {
            Assert.That(first.ExitCode, Is.EqualTo(ExitCodes.Success), first.ToString());
            Assert.That(second.ExitCode, Is.EqualTo(ExitCodes.Success), second.ToString());
            Assert.That(second.Stdout, Is.EqualTo(first.Stdout));
            Assert.That(second.Stderr, Does.Contain("(5 of 5 runs already done; resuming)"));
            Assert.That(second.Stderr, Does.Not.Contain(" it ("), "no run trained again");
            Assert.That(TinyExperimentFile.RunFiles(experiment), Is.EqualTo(before));
        });
    }

    [Test]
    public void RunStoppedByCancellationSaysThatRunningAgainResumesAndExitsWith130()
    {
        using var folder = new TemporaryFolder();
        var file = TinyExperimentFile.Write(folder.File("tiny.yaml"));
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var code = new CliApp(stdout, stderr) { Launcher = new ExperimentLauncher(), CancellationToken = cancellation.Token }
            .Run(["run", file, "--store", folder.File("store")]);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(ExitCodes.Cancelled), stderr.ToString());
            Assert.That(stderr.ToString(), Does.Contain("The experiment 'tiny' was stopped;").And.Contain("Run the same command again to resume it from there."));
            Assert.That(stdout.ToString(), Is.Empty);
        });
    }

    [Test]
    public void WithoutALauncherRunFailsSayingNothingWasRun()
    {
        var result = Lottery.Run("run", Sample);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Failure));
            Assert.That(result.Stderr, Does.Contain($"error: The experiment file '{Sample}' is valid, but no experiment launcher is registered, so nothing was run;"));
            Assert.That(result.Stdout, Is.Empty);
        });
    }

    [Test]
    public void TheLauncherGetsTheValidatedFileWithTheCommandLineOverrides()
    {
        using var folder = new TemporaryFolder();
        var launcher = new RecordingLauncher(ExitCodes.Success);

        var result = Lottery.Run(launcher, "run", Sample, "--store", folder.Path, "--device", "cuda:1");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
            Assert.That(launcher.File!.Name, Is.EqualTo("lenet-fashion-mnist"));
            Assert.That(launcher.File.Device, Is.EqualTo("cuda:1"));
            Assert.That(launcher.Context!.StoreFolder, Is.EqualTo(folder.Path));
            Assert.That(launcher.Context.ExperimentFilePath, Is.EqualTo(Sample));
            Assert.That(result.Stdout, Is.EqualTo("| table |" + Environment.NewLine));
        });
    }

    [Test]
    public void ProgressIsPrintedAsPlainLinesWhenTheConsoleIsNotInteractive()
    {
        var result = Lottery.Run(new RecordingLauncher(ExitCodes.Success), "run", Sample, "--store", "unused");

        var lines = result.Stderr.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Multiple(() =>
        {
            Assert.That(lines[0], Does.StartWith("Experiment 'lenet-fashion-mnist' from '"));
            Assert.That(lines.Skip(1), Is.EqualTo(new[]
            {
                "trial 0 · level 1 · main: 0/100 it (started) [0/2 runs]",
                "trial 0 · level 1 · main: 30/100 it (30%) [0/2 runs]",
                "trial 0 · level 1 · main: 50/100 it (50%) [0/2 runs]",
                "trial 0 · level 1 · main: 80/100 it (80%) [0/2 runs]",
                "trial 0 · level 1 · main: 100/100 it (done) [0/2 runs]",
                "trial 0 · level 1 · reinit: 0/100 it (started) [1/2 runs]",
                "trial 0 · level 1 · reinit: 30/100 it (30%) [1/2 runs]",
                "trial 0 · level 1 · reinit: 50/100 it (50%) [1/2 runs]",
                "trial 0 · level 1 · reinit: 80/100 it (80%) [1/2 runs]",
                "trial 0 · level 1 · reinit: 100/100 it (done) [1/2 runs]",
            }));
        });
    }

    [Test]
    public void OnAnInteractiveConsoleProgressIsDrawnAsBarsOnStdout()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var app = new CliApp(stdout, stderr) { Launcher = new RecordingLauncher(ExitCodes.Success), InteractiveConsole = true };

        var code = app.Run(["run", Sample, "--store", "unused"]);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(0), stderr.ToString());
            Assert.That(stdout.ToString(), Does.Contain("trial 0 · level 1 · reinit").And.Contain("100%").And.Contain("| table |"));
            Assert.That(stderr.ToString(), Does.Not.Contain("(started)"));
        });
    }

    [Test]
    public void TheLaunchersExitCodeIsReturned() =>
        Assert.That(Lottery.Run(new RecordingLauncher(ExitCodes.Failure), "run", Sample).ExitCode, Is.EqualTo(ExitCodes.Failure));

    [Test]
    public void AMalformedExperimentFileIsAFailureThatListsEveryProblem()
    {
        using var folder = new TemporaryFolder();
        var path = folder.File("bad.yaml");
        File.WriteAllText(path, File.ReadAllText(Sample).Replace("duration: 2ep", "duration: abc", StringComparison.Ordinal).Replace("trials: 2", "trails: 2", StringComparison.Ordinal));
        var launcher = new RecordingLauncher(ExitCodes.Success);

        var result = Lottery.Run(launcher, "run", path);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Failure));
            Assert.That(result.Stderr, Is.EqualTo(string.Join(Environment.NewLine,
                $"error: The experiment file '{path}' is invalid:",
                "- trails: unknown key; the known keys at the top level are 'name', 'model', 'dataset', 'training', 'pruning', 'rewind', 'branches', 'analysis', 'trials', 'seed', 'device', 'store'.",
                "- training.duration: 'abc' is not a duration like '2ep' or '500it'.") + Environment.NewLine));
            Assert.That(launcher.File, Is.Null);
        });
    }

    [Test]
    public void AMissingExperimentFileIsAFailureThatNamesThePath()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.yaml");

        var result = Lottery.Run("run", missing);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Failure));
            Assert.That(result.Stderr, Is.EqualTo($"error: The experiment file '{missing}' does not exist; check the path." + Environment.NewLine));
        });
    }

    [Test]
    public void AnUnknownDeviceIsAUsageError()
    {
        var result = Lottery.Run("run", Sample, "--device", "tpu");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Usage));
            Assert.That(result.Stderr, Is.EqualTo("error: The device 'tpu' given to '--device' is not a device; give 'cpu', 'cuda' or 'cuda:N'." + Environment.NewLine));
        });
    }

    [Test]
    public void ALauncherThatThrowsIsAFailureWithoutAStackTrace()
    {
        var result = Lottery.Run(new ThrowingLauncher(), "run", Sample);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Failure));
            Assert.That(result.Stderr, Does.EndWith("error: The command failed unexpectedly (NullReferenceException): boom" + Environment.NewLine));
            Assert.That(result.Stderr, Does.Not.Contain("   at "));
        });
    }

    private sealed class ThrowingLauncher : IExperimentLauncher
    {
        public int Launch(ExperimentFile file, RunContext context) => throw new NullReferenceException("boom");
    }
}
