using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LotteryTickets.Torch.Tests.Support;

/// <summary>
/// Runs the Python scripts under <c>Python/</c> (copied next to the test assembly) with the
/// system interpreter that has PyTorch (<c>python3-torch</c>). A missing interpreter, a missing
/// torch module, a non-zero exit or a timeout is an exception carrying the script's stderr, so
/// tests that depend on the reference fail rather than pass or skip.
/// </summary>
public static class PythonReference
{
    /// <summary>The interpreter: the system Python, where Debian's <c>python3-torch</c> installs torch.</summary>
    public const string Interpreter = "/usr/bin/python3";

    /// <summary>The time one script may run before it is stopped.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(2);

    /// <summary>The full path of a script shipped in the test output's <c>Python</c> folder.</summary>
    public static string Script(string fileName) => Path.Combine(AppContext.BaseDirectory, "Python", fileName);

    /// <summary>Runs <paramref name="script"/> with <paramref name="arguments"/> (and <paramref name="standardInput"/> on stdin) and returns its standard output.</summary>
    /// <exception cref="InvalidOperationException">The interpreter or script is missing, or the script failed.</exception>
    /// <exception cref="TimeoutException">The script ran longer than <paramref name="timeout"/>.</exception>
    public static string Run(string script, IEnumerable<string> arguments, TimeSpan? timeout = null, string? standardInput = null)
    {
        if (!File.Exists(Interpreter))
        {
            throw new InvalidOperationException(
                $"The Python interpreter '{Interpreter}' is missing. Install it with PyTorch: apt-get install python3-torch.");
        }

        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"The reference script '{script}' is missing from the test output.");
        }

        var info = new ProcessStartInfo(Interpreter)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(script);
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        // Keep the interpreter's own thread pools small on a shared machine.
        info.Environment["OMP_NUM_THREADS"] = "1";
        info.Environment["OPENBLAS_NUM_THREADS"] = "1";

        using var process = Process.Start(info)
            ?? throw new InvalidOperationException($"Could not start '{Interpreter}'.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (standardInput is not null)
        {
            process.StandardInput.Write(standardInput);
        }

        process.StandardInput.Close();
        var limit = timeout ?? DefaultTimeout;
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException(
                $"The reference script '{Path.GetFileName(script)}' ran longer than {limit.TotalSeconds:0} s and was stopped. Stderr:\n{stderr.Result}");
        }

        if (process.ExitCode != 0)
        {
            var error = stderr.Result;
            var hint = error.Contains("No module named 'torch'", StringComparison.Ordinal)
                ? $" PyTorch is missing from '{Interpreter}': install it with apt-get install python3-torch."
                : string.Empty;
            throw new InvalidOperationException(
                $"The reference script '{Path.GetFileName(script)}' exited with code {process.ExitCode}.{hint} Stderr:\n{error}");
        }

        return stdout.Result;
    }

    /// <summary>
    /// Runs a script that takes an input JSON file and an output JSON file as its two arguments
    /// (as <c>reference_ops.py</c> does), and returns the parsed output.
    /// </summary>
    public static JsonNode RunJson(string script, JsonNode request, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var folder = Directory.CreateTempSubdirectory("lt-pyref-");
        try
        {
            var input = Path.Combine(folder.FullName, "in.json");
            var output = Path.Combine(folder.FullName, "out.json");
            File.WriteAllText(input, request.ToJsonString());
            Run(script, [input, output], timeout);
            return JsonNode.Parse(File.ReadAllText(output))
                ?? throw new InvalidOperationException($"The reference script '{Path.GetFileName(script)}' wrote an empty result.");
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"The reference script '{Path.GetFileName(script)}' wrote invalid JSON: {e.Message}", e);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
