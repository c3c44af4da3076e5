using LotteryTickets.Cli.Experiments;
using LotteryTickets.Cli.Running;
using LotteryTickets.Cli.Tests.Support;
using LotteryTickets.Results;
using LotteryTickets.Storage;
using LotteryTickets.Masks;
using LotteryTickets.Training;

namespace LotteryTickets.Cli.Tests.Commands;

/// <summary>Inputs that are folders, outputs that would overwrite an input, and outputs that cannot be written (issue 11, item 4).</summary>
public class PathCheckTests
{
    private TemporaryFolder folder = null!;
    private string weightsPath = null!;

    [SetUp]
    public void SetUp()
    {
        folder = new TemporaryFolder();
        weightsPath = folder.File("weights.safetensors");
        WeightFiles.Write(weightsPath, WeightFiles.Values());
    }

    [TearDown]
    public void TearDown() => folder.Dispose();

    private static CliResult Prune(params string[] args) =>
        Lottery.Run(["prune", "--criterion", "large_final", "--scope", "layerwise", "--rate", "0.2", .. args]);

    /// <summary>The single 'error: …' line printed, after checking that nothing else was printed to stderr.</summary>
    private static string SingleError(CliResult result)
    {
        var lines = result.Stderr.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(1), result.ToString());
        Assert.That(lines[0], Does.StartWith("error: "));
        return lines[0];
    }

    /// <summary>A file where a folder of the path is expected.</summary>
    private string AFile(string name)
    {
        var path = folder.File(name);
        File.WriteAllText(path, "not a folder");
        return path;
    }

    private static void IgnoreWithoutPermissions()
    {
        if (OperatingSystem.IsWindows() || Environment.IsPrivilegedProcess)
        {
            Assert.Ignore("Needs a Unix user without the right to bypass permissions (not root).");
        }
    }

    private string AReadOnlyFolder()
    {
        var path = folder.File("read-only");
        Directory.CreateDirectory(path);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        }

        return path;
    }

    // ---- lottery prune ----

    [TestCase("{0}")]
    [TestCase("{1}/sub/../weights.safetensors")]
    [TestCase("{1}/./weights.safetensors")]
    public void OutEqualToWeightsIsAUsageErrorAndLeavesTheWeightsAlone(string outPattern)
    {
        Directory.CreateDirectory(folder.File("sub"));
        var before = File.ReadAllBytes(weightsPath);
        var output = string.Format(System.Globalization.CultureInfo.InvariantCulture, outPattern, weightsPath, folder.Path);

        var result = Prune("--weights", weightsPath, "--out", output);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Usage));
            Assert.That(SingleError(result), Does.Contain("'--out'").And.Contain("'--weights'").And.Contain($"'{weightsPath}'"));
            Assert.That(File.ReadAllBytes(weightsPath), Is.EqualTo(before));
        });
    }

    [TestCase("--init")]
    [TestCase("--mask")]
    public void OutEqualToInitOrMaskIsAUsageErrorAndLeavesThatFileAlone(string option)
    {
        var other = folder.File("other.safetensors");
        File.Copy(weightsPath, other);
        var before = File.ReadAllBytes(other);

        var result = Prune("--weights", weightsPath, option, other, "--out", Path.Combine(folder.Path, ".", "other.safetensors"));

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Usage));
            Assert.That(SingleError(result), Does.Contain("'--out'").And.Contain($"'{option}'").And.Contain($"'{other}'"));
            Assert.That(File.ReadAllBytes(other), Is.EqualTo(before));
        });
    }

    [Test]
    public void OutThatIsASymbolicLinkToTheWeightsIsAUsageError()
    {
        var link = folder.File("link.safetensors");
        File.CreateSymbolicLink(link, weightsPath);
        var before = File.ReadAllBytes(weightsPath);

        var result = Prune("--weights", weightsPath, "--out", link);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Usage));
            Assert.That(File.ReadAllBytes(weightsPath), Is.EqualTo(before));
        });
    }

    [TestCase("--weights")]
    [TestCase("--init")]
    [TestCase("--mask")]
    public void AnInputThatIsAFolderSaysSo(string option)
    {
        var input = folder.File("a-folder");
        Directory.CreateDirectory(input);
        string[] inputs = option == "--weights" ? ["--weights", input] : ["--weights", weightsPath, option, input];

        var result = Prune([.. inputs, "--out", folder.File("masks.safetensors")]);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Failure));
            Assert.That(SingleError(result), Does.Contain($"'{input}' given to '{option}' is a folder, not a file").And.Not.Contain("does not exist"));
        });
    }

    [Test]
    public void OutWhoseParentIsAFileIsAFailureThatNamesTheFile()
    {
        var blocker = AFile("blocker");
        var output = Path.Combine(blocker, "masks.safetensors");

        var result = Prune("--weights", weightsPath, "--out", output);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Failure));
            Assert.That(SingleError(result), Is.EqualTo(
                $"error: The mask file '{output}' cannot be written because '{blocker}' is a file, not a folder; give '--out' a path whose folders are folders (or move that file away)."));
        });
    }

    [Test]
    public void OutThatIsAFolderIsAFailure()
    {
        var output = folder.File("masks");
        Directory.CreateDirectory(output);

        var result = Prune("--weights", weightsPath, "--out", output);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Failure));
            Assert.That(SingleError(result), Does.StartWith($"error: The mask file '{output}' is a folder, so it cannot be written as a file; give '--out' the path of a file"));
        });
    }

    [Test]
    public void OutInAFolderWithoutWritePermissionIsAFailureThatSaysSo()
    {
        IgnoreWithoutPermissions();
        var readOnly = AReadOnlyFolder();
        var output = Path.Combine(readOnly, "masks.safetensors");

        var result = Prune("--weights", weightsPath, "--out", output);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Failure));
            Assert.That(SingleError(result), Does.Contain($"'{output}' cannot be written because the folder '{readOnly}' does not allow it (permission denied)"));
        });
    }

    [Test]
    public void AnEmptyOutIsAUsageError()
    {
        var result = Prune("--weights", weightsPath, "--out", "");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Usage));
            Assert.That(SingleError(result), Is.EqualTo("error: The path given to '--out' is empty; give the path of the mask file to write."));
        });
    }

    // ---- lottery report ----

    private string AStore()
    {
        var root = folder.File("store");
        var run = new ExperimentLayout(root, "lenet", "ab12").Run(0, 0, "main");
        RunResultsWriter.WriteMetrics(run, new RunMetrics([new EvaluationRecord(0, null, 1.0, 0.8, 0.5, 0.5), new EvaluationRecord(100, null, 0.5, 0.9, 0.4, 0.9)]));
        RunResultsWriter.WriteSparsity(run, new SparsityReport([new LayerSparsity("fc1.weight", 100, 100)]));
        RunResultsWriter.MarkDone(run);
        return root;
    }

    [Test]
    public void AReportStoreThatIsAFileSaysSo()
    {
        var file = AFile("store.txt");

        var result = Lottery.Run("report", file);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Failure));
            Assert.That(SingleError(result), Does.Contain($"'{file}' is a file, not a folder").And.Not.Contain("does not exist"));
        });
    }

    [Test]
    public void AReportOutThatIsAFileIsAFailure()
    {
        var store = AStore();
        var output = AFile("report.txt");

        var result = Lottery.Run("report", store, "--out", output);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Failure));
            Assert.That(SingleError(result), Is.EqualTo($"error: The report folder '{output}' is a file, not a folder; give '--out' the path of a folder (or move that file away)."));
            Assert.That(result.Stdout, Is.Empty);
        });
    }

    [Test]
    public void AReportOutWhoseParentIsAFileIsAFailureThatNamesTheFile()
    {
        var store = AStore();
        var blocker = AFile("blocker");
        var output = Path.Combine(blocker, "report");

        var result = Lottery.Run("report", store, "--out", output);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Failure));
            Assert.That(SingleError(result), Is.EqualTo(
                $"error: The report folder '{output}' cannot be written because '{blocker}' is a file, not a folder; give '--out' a path whose folders are folders (or move that file away)."));
        });
    }

    [Test]
    public void AReportOutWithoutWritePermissionIsAFailureThatSaysSo()
    {
        IgnoreWithoutPermissions();
        var store = AStore();
        var output = Path.Combine(AReadOnlyFolder(), "report");

        var result = Lottery.Run("report", store, "--out", output);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Failure));
            Assert.That(SingleError(result), Does.Contain($"'{output}' cannot be written because the folder").And.Contain("(permission denied)"));
        });
    }

    // ---- lottery run ----

    private sealed class NeverLauncher : IExperimentLauncher
    {
        public bool Called { get; private set; }

        public int Launch(ExperimentFile file, RunContext context)
        {
            Called = true;
            return ExitCodes.Success;
        }
    }

    [Test]
    public void ARunStoreWhoseParentIsAFileIsAFailureAndNothingRuns()
    {
        var file = TinyExperimentFile.Write(folder.File("tiny.yaml"));
        var blocker = AFile("blocker");
        var store = Path.Combine(blocker, "store");
        var launcher = new NeverLauncher();

        var result = Lottery.Run(launcher, "run", file, "--store", store);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Failure));
            Assert.That(SingleError(result), Is.EqualTo(
                $"error: The store folder '{store}' cannot be written because '{blocker}' is a file, not a folder; give '--store' a path whose folders are folders (or move that file away)."));
            Assert.That(launcher.Called, Is.False);
        });
    }

    [Test]
    public void ARunStoreFromTheFileThatIsAFileIsAFailureThatNamesTheSetting()
    {
        var store = AFile("store-file");
        var file = TinyExperimentFile.Write(folder.File("tiny.yaml"));
        File.AppendAllText(file, Environment.NewLine + $"store: '{store}'" + Environment.NewLine);
        var launcher = new NeverLauncher();

        var result = Lottery.Run(launcher, "run", file);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Failure));
            Assert.That(SingleError(result), Is.EqualTo(
                $"error: The store folder '{store}' is a file, not a folder; give the experiment file's 'store' (or '--store') the path of a folder (or move that file away)."));
            Assert.That(launcher.Called, Is.False);
        });
    }

    [Test]
    public void AnEmptyRunStoreIsAUsageError()
    {
        var file = TinyExperimentFile.Write(folder.File("tiny.yaml"));
        var launcher = new NeverLauncher();

        var result = Lottery.Run(launcher, "run", file, "--store", " ");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Usage));
            Assert.That(SingleError(result), Is.EqualTo("error: The path given to '--store' is empty; give the path of the store folder."));
            Assert.That(launcher.Called, Is.False);
        });
    }

    [Test]
    public void ARunStoreWithoutWritePermissionIsAFailureThatSaysSo()
    {
        IgnoreWithoutPermissions();
        var file = TinyExperimentFile.Write(folder.File("tiny.yaml"));
        var store = Path.Combine(AReadOnlyFolder(), "store");
        var launcher = new NeverLauncher();

        var result = Lottery.Run(launcher, "run", file, "--store", store);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Failure));
            Assert.That(SingleError(result), Does.Contain($"'{store}' cannot be written because the folder").And.Contain("(permission denied)"));
            Assert.That(launcher.Called, Is.False);
        });
    }

    [Test]
    public void ARunStoreThatCanBeCreatedIsHandedToTheLauncher()
    {
        var file = TinyExperimentFile.Write(folder.File("tiny.yaml"));
        var launcher = new NeverLauncher();

        var result = Lottery.Run(launcher, "run", file, "--store", folder.File(Path.Combine("new", "store")));

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.ToString());
            Assert.That(launcher.Called, Is.True);
            Assert.That(Directory.GetFiles(folder.Path, ".lottery-write-check-*", SearchOption.AllDirectories), Is.Empty);
        });
    }
}
