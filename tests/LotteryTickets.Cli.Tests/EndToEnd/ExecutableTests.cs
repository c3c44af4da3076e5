using System.Diagnostics;
using System.Reflection;
using LotteryTickets.Cli.Tests.Support;

namespace LotteryTickets.Cli.Tests.EndToEnd;

/// <summary>The built tool, run as a separate process with <c>dotnet lottery.dll</c> from the CLI project's own output folder.</summary>
public class ExecutableTests
{
    private static string ToolPath()
    {
        var configuration = typeof(ExecutableTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "LotteryTickets.sln")))
        {
            directory = directory.Parent;
        }

        Assert.That(directory, Is.Not.Null, "The repository root (with LotteryTickets.sln) was not found above the test folder.");
        var tool = Path.Combine(directory!.FullName, "src", "LotteryTickets.Cli", "bin", configuration, "net10.0", "lottery.dll");
        Assert.That(File.Exists(tool), Is.True, $"The built tool '{tool}' is missing; build the solution first.");
        return tool;
    }

    private static CliResult RunTool(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(ToolPath());
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.That(process.WaitForExit(TimeSpan.FromMinutes(1)), Is.True, "The tool did not finish within a minute.");
        return new CliResult(process.ExitCode, stdout.Result, stderr.Result);
    }

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
