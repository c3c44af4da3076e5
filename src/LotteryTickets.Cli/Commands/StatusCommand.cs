using System.CommandLine;
using System.Globalization;
using LotteryTickets.Storage;

namespace LotteryTickets.Cli.Commands;

/// <summary>
/// <c>lottery status &lt;store-folder&gt; [--verify] [--reset RUN]… [--clear-stale-locks [--stale-after SECONDS]]</c>:
/// lists every run of a store — done, in progress (checkpoint iteration), locked (host, process, heartbeat age),
/// damaged (which file, what is wrong) — and exits 1 when a run is damaged; <c>--reset</c> clears a run so that it
/// trains again, <c>--clear-stale-locks</c> removes locks whose owner is gone or silent (<see cref="StoreInspector"/>).
/// </summary>
internal static class StatusCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr, Func<CancellationToken> cancellation)
    {
        var store = new Argument<string>("store-folder") { Description = "A store root (holding <name>-<hash> experiment folders) or one experiment folder." };
        var verify = new Option<bool>("--verify") { Description = "Compare every finished run's files with the SHA-256 digests in its manifest (reads them all), not only their sizes." };
        var reset = new Option<string[]>("--reset")
        {
            Description = "Clear this run (its folder, or its path relative to the store folder as listed) so that the next 'lottery run' trains it again; may be repeated.",
            HelpName = "run",
            AllowMultipleArgumentsPerToken = false,
        };
        var clear = new Option<bool>("--clear-stale-locks")
        {
            Description = "Remove the locks of runs whose owner is a process of this host that is gone, and of others whose lock does not change while watched for '--stale-after'.",
        };
        var staleAfter = new Option<string>("--stale-after")
        {
            Description = "How long '--clear-stale-locks' watches the locks of other hosts, in seconds (default 120, the store's stale time); 0 removes only the locks of gone processes of this host.",
            HelpName = "seconds",
        };
        var command = new Command("status", "List every run of a store (done, in progress, locked, damaged) and repair it.") { store, verify, reset, clear, staleAfter };
        command.SetAction(parse => Status(
            parse.GetValue(store)!, parse.GetValue(verify), parse.GetValue(reset) ?? [], parse.GetValue(clear), parse.GetValue(staleAfter), stdout, stderr, cancellation()));
        return command;
    }

    private static int Status(
        string storeFolder, bool verify, string[] resets, bool clearLocks, string? staleAfterText, TextWriter stdout, TextWriter stderr, CancellationToken cancellation)
    {
        PathChecks.StoreFolder(storeFolder);

        var watch = TimeSpan.FromMinutes(2);
        if (staleAfterText is not null)
        {
            if (!clearLocks)
            {
                throw new CliUsageException("'--stale-after' says how long '--clear-stale-locks' watches the locks of other hosts; give it with '--clear-stale-locks'.");
            }

            watch = int.TryParse(staleAfterText.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds <= 86_400
                ? TimeSpan.FromSeconds(seconds)
                : throw new CliUsageException($"The value '{staleAfterText}' of '--stale-after' is not a whole number of seconds from 0 to 86400; give e.g. '--stale-after 120'.");
        }

        foreach (var run in resets)
        {
            var folder = ResolveRun(storeFolder, run);
            try
            {
                StoreInspector.Reset(folder);
            }
            catch (ArgumentException e)
            {
                throw new CliUsageException($"'--reset {run}': {e.Message}");
            }

            stderr.WriteLine($"Reset '{folder}': the next 'lottery run' of its experiment trains it again.");
        }

        if (clearLocks)
        {
            if (watch > TimeSpan.Zero)
            {
                stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Watching the locks of other hosts for {watch.TotalSeconds:F0} s: a lock whose content does not change meanwhile is stale."));
            }

            var removed = StoreInspector.ClearStaleLocks(storeFolder, watch, cancellation);
            foreach (var line in removed)
            {
                stderr.WriteLine("Removed the stale lock of " + line + ".");
            }

            if (removed.Count == 0)
            {
                stderr.WriteLine("No stale lock found.");
            }
        }

        var runs = StoreInspector.Inspect(storeFolder, verify);
        foreach (var run in runs)
        {
            stdout.WriteLine(run.ToString());
        }

        var counts = Enum.GetValues<RunState>().Where(s => runs.Any(r => r.State == s)).Select(s => $"{runs.Count(r => r.State == s)} {Name(s)}");
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{runs.Count} {(runs.Count == 1 ? "run" : "runs")}{(runs.Count > 0 ? ": " + string.Join(", ", counts) : string.Empty)}{(verify ? " (verified with SHA-256)" : " (sizes checked; '--verify' also compares SHA-256 digests)")}."));
        var damaged = runs.Where(r => r.State == RunState.Damaged).ToList();
        if (damaged.Count == 0)
        {
            return ExitCodes.Success;
        }

        stderr.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"error: {damaged.Count} finished {(damaged.Count == 1 ? "run is" : "runs are")} damaged (listed above). Run the experiment again ('lottery run <file>') to train {(damaged.Count == 1 ? "it" : "them")} again, or clear one with 'lottery status '{storeFolder}' --reset <run>'."));
        return ExitCodes.Failure;
    }

    /// <summary>A run given to '--reset': a folder, or a path relative to the store folder.</summary>
    private static string ResolveRun(string storeFolder, string run)
    {
        var inStore = Path.GetFullPath(Path.Combine(storeFolder, run));
        if (Directory.Exists(inStore))
        {
            return inStore;
        }

        if (Directory.Exists(run))
        {
            return Path.GetFullPath(run);
        }

        throw new CliFailureException($"The run '{run}' given to '--reset' is neither a folder nor a folder inside '{Path.GetFullPath(storeFolder)}'; give a run as 'lottery status' lists it.");
    }

    private static string Name(RunState state) => state switch
    {
        RunState.NotStarted => "not started",
        RunState.InProgress => "in progress",
        RunState.Locked => "locked",
        RunState.Done => "done",
        _ => "damaged",
    };
}
