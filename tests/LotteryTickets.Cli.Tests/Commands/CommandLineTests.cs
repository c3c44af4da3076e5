using LotteryTickets.Cli.Tests.Support;

namespace LotteryTickets.Cli.Tests.Commands;

public class CommandLineTests
{
    [Test]
    public void HelpListsTheCommandsAndSucceeds()
    {
        var result = Lottery.Run("--help");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(0));
            Assert.That(result.Stdout, Does.Contain("prune").And.Contain("report <store-folder>").And.Contain("run <experiment-file>"));
        });
    }

    [Test]
    public void CommandHelpSucceedsEvenWithoutTheRequiredOptions()
    {
        var result = Lottery.Run("prune", "--help");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(0));
            Assert.That(result.Stdout, Does.Contain("--weights <file> (REQUIRED)"));
            Assert.That(result.Stderr, Is.Empty);
        });
    }

    [Test]
    public void AnUnknownCommandIsAUsageError()
    {
        var result = Lottery.Run("train");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Usage));
            Assert.That(result.Stderr, Is.EqualTo("error: 'train' is not a command of 'lottery'; the commands are 'prune', 'report', 'run', 'status'." + Environment.NewLine + "Run 'lottery --help' to see the usage." + Environment.NewLine));
        });
    }

    [Test]
    public void NoCommandIsAUsageErrorListingTheCommands()
    {
        var result = Lottery.Run();

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(result.Stderr, Does.StartWith("error: Give a command: 'prune', 'report', 'run', 'status'."));
    }

    [Test]
    public void AFolderGivenToRunIsNamedAsAFolder()
    {
        var folder = Path.GetTempPath();

        var result = Lottery.Run("run", folder);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Failure));
        Assert.That(result.Stderr, Does.StartWith($"error: '{Path.GetFullPath(folder)}' is a folder, not an experiment file;"));
    }

    [Test]
    public void MissingRequiredOptionsAreAllReportedAsAUsageError()
    {
        var result = Lottery.Run("prune", "--weights", "w.safetensors");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Usage));
            Assert.That(result.Stderr, Does.Contain("Option '--criterion' is required.").And.Contain("Option '--scope' is required.").And.Contain("Option '--out' is required."));
            Assert.That(result.Stderr, Does.EndWith("Run 'lottery prune --help' to see the usage." + Environment.NewLine));
        });
    }

    [Test]
    public void AMissingArgumentIsAUsageError() => Assert.That(Lottery.Run("report").ExitCode, Is.EqualTo(ExitCodes.Usage));
}
