using System.Diagnostics;

namespace LotteryTickets.Tests.Support;

/// <summary>Runs a script of the test's Python folder with /usr/bin/python3 (which has torch) and returns its standard output.</summary>
internal static class Python
{
    private const string Interpreter = "/usr/bin/python3";

    public static string Run(string script, string? input = null, params string[] arguments)
    {
        if (!File.Exists(Interpreter))
        {
            Assert.Fail($"The Python reference needs '{Interpreter}' with torch and numpy installed (Debian: apt-get install python3-torch).");
        }

        var path = Path.Combine(AppContext.BaseDirectory, "Python", script);
        var start = new ProcessStartInfo(Interpreter, [path, .. arguments])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(input ?? string.Empty);
        process.StandardInput.Close();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            Assert.Fail($"{script} failed with exit code {process.ExitCode}:\n{stderr.Result}");
        }

        return stdout.Result;
    }
}
