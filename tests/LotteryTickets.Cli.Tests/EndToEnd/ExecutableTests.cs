using LotteryTickets.Cli.Tests.Support;

namespace LotteryTickets.Cli.Tests.EndToEnd;

/// <summary>The built tool, run as a separate process with <c>dotnet lottery.dll</c> from the CLI project's own output folder.</summary>
public class ExecutableTests
{
    private static CliResult RunTool(params string[] args) => BuiltTool.Run(args);

    [Test]
    public void TheBuiltToolPrunesAFileAndReportsBadInputWithExitCodes()
    {
        using var folder = new TemporaryFolder();
        var weights = folder.File("weights.safetensors");
        var masks = folder.File("masks.safetensors");
        WeightFiles.Write(weights, WeightFiles.Values());

        var ok = RunTool("prune", "--weights", weights, "--criterion", "large_final", "--scope", "layerwise", "--sparsity", "0.6", "--out", masks);
        var usage = RunTool("prune", "--weights", weights, "--criterion", "large_final", "--scope", "layerwise", "--sparsity", "1.5", "--out", masks);
        var failure = RunTool("report", folder.File("no-store"));

        Assert.Multiple(() =>
        {
            Assert.That(ok.ExitCode, Is.EqualTo(0), ok.ToString());
            Assert.That(ok.Stdout, Does.Contain("fc1.weight").And.Contain("total"));
            Assert.That(WeightFiles.Read(masks)["fc2.weight"].Sum(), Is.EqualTo(20));
            Assert.That(usage.ExitCode, Is.EqualTo(ExitCodes.Usage), usage.ToString());
            Assert.That(usage.Stderr, Does.StartWith("error: The value 1.5 of '--sparsity' is outside [0, 1)"));
            Assert.That(failure.ExitCode, Is.EqualTo(ExitCodes.Failure), failure.ToString());
            Assert.That(failure.Stderr, Does.Contain("no-store").And.Not.Contain("   at "));
        });
    }
}
