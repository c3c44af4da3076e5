using System.Diagnostics;
using System.Reflection;

namespace LotteryTickets.Cli.Tests.Support;

/// <summary>The built tool, <c>lottery.dll</c> in the CLI project's own output folder, started as a separate process with <c>dotnet</c>.</summary>
internal static class BuiltTool
{
    /// <summary>The path of the built <c>lottery.dll</c> of this configuration.</summary>
    public static string Path()
    {
        var configuration = typeof(BuiltTool).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "LotteryTickets.sln")))
        {
            directory = directory.Parent;
        }

        Assert.That(directory, Is.Not.Null, "The repository root (with LotteryTickets.sln) was not found above the test folder.");
        var tool = System.IO.Path.Combine(directory!.FullName, "src", "LotteryTickets.Cli", "bin", configuration, "net10.0", "lottery.dll");
        Assert.That(File.Exists(tool), Is.True, $"The built tool '{tool}' is missing; build the solution first.");
        return tool;
    }

    /// <summary>Starts <c>dotnet lottery.dll</c> with <paramref name="args"/>, its output redirected.</summary>
    public static Process Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path());
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start)!;
    }

    /// <summary>Runs the tool to the end (at most a minute) and returns what it printed.</summary>
    public static CliResult Run(params string[] args)
    {
        using var process = Start(args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.That(process.WaitForExit(TimeSpan.FromMinutes(1)), Is.True, "The tool did not finish within a minute.");
        return new CliResult(process.ExitCode, stdout.Result, stderr.Result);
    }
}
