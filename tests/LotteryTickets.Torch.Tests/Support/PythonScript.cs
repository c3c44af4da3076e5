using System.Diagnostics;

namespace LotteryTickets.Torch.Tests.Support;

/// <summary>
/// Runs the reference scripts under <c>Python/</c> with Debian's <c>/usr/bin/python3</c> (which has
/// torch 1.13). Tests that need it fail where that interpreter or torch is missing: the reference
/// is part of the proof, and <c>eng/install-deps.sh</c> installs it.
/// </summary>
internal static class PythonScript
{
    public const string Interpreter = "/usr/bin/python3";

    /// <summary>Runs <paramref name="script"/> with <paramref name="args"/>, feeding <paramref name="input"/> on stdin; returns stdout.</summary>
    public static string Run(string script, string? input = null, params string[] args)
    {
        if (!File.Exists(Interpreter))
        {
            Assert.Fail($"{Interpreter} is not installed; install python3-torch to run the PyTorch reference checks.");
        }

        var start = new ProcessStartInfo(Interpreter)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(TestContext.CurrentContext.TestDirectory, "Python", script));
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["PYTHONWARNINGS"] = "ignore";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (input is not null)
        {
            process.StandardInput.Write(input);
        }

        process.StandardInput.Close();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            if (stderr.Result.Contains("No module named 'torch'", StringComparison.Ordinal))
            {
                Assert.Fail($"{Interpreter} has no torch; install python3-torch to run the PyTorch reference checks.");
            }

            Assert.Fail($"{script} {string.Join(' ', args)} failed with exit code {process.ExitCode}:{Environment.NewLine}{stderr.Result}{stdout.Result}");
        }

        return stdout.Result;
    }
}
