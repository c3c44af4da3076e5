using System.Diagnostics;

namespace LotteryTickets.Tests.Support;

/// <summary>
/// Runs the reference scripts under <c>Python/</c> with Debian's <c>/usr/bin/python3</c> (torch 1.13
/// on the same libtorch). A missing interpreter or torch, a non-zero exit or a timeout fails the
/// test with the script's stderr: the reference is part of the proof.
/// </summary>
internal static class PythonReference
{
    public const string Interpreter = "/usr/bin/python3";

    public static string Run(string script, params string[] arguments) =>
        RunFile(Path.Combine(AppContext.BaseDirectory, "Python", script), arguments);

    /// <summary>Runs the Python script at <paramref name="path"/> as <see cref="Run"/> does.</summary>
    public static string RunFile(string path, params string[] arguments)
    {
        var script = Path.GetFileName(path);
        if (!File.Exists(Interpreter))
        {
            Assert.Fail($"The Python interpreter '{Interpreter}' is missing. Install it with PyTorch: apt-get install python3-torch.");
        }

        var info = new ProcessStartInfo(Interpreter)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(path);
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        info.Environment["OMP_NUM_THREADS"] = "1";
        info.Environment["PYTHONWARNINGS"] = "ignore";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{script} ran longer than 2 minutes. Stderr:\n{stderr.Result}");
        }

        if (process.ExitCode != 0)
        {
            var hint = stderr.Result.Contains("No module named 'torch'", StringComparison.Ordinal)
                ? $" PyTorch is missing from '{Interpreter}': install python3-torch."
                : string.Empty;
            Assert.Fail($"{script} exited with code {process.ExitCode}.{hint} Stderr:\n{stderr.Result}\nStdout:\n{stdout.Result}");
        }

        return stdout.Result;
    }
}
