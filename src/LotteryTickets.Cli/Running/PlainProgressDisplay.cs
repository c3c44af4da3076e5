using System.Globalization;
using LotteryTickets.Results;

namespace LotteryTickets.Cli.Running;

/// <summary>
/// Progress as plain lines, for output that is not an interactive terminal (files, pipes, CI, tests): one line
/// when a run starts, one at each quarter of its iterations, one when its status note changes, and one when it ends;
/// never a carriage return, so a redirected log has one line per update.
/// </summary>
internal sealed class PlainProgressDisplay : IProgressDisplay
{
    private readonly TextWriter writer;
    private readonly Dictionary<RunKey, (int Quarter, string? Status)> runs = [];

    public PlainProgressDisplay(TextWriter writer)
    {
        this.writer = writer;
    }

    public int Run(Func<IProgress<ExperimentProgress>, int> body) => body(new CallbackProgress<ExperimentProgress>(Write));

    internal static string Describe(RunKey run) =>
        string.Create(CultureInfo.InvariantCulture, $"trial {run.Trial} · level {run.Level} · {run.Branch}");

    private void Write(ExperimentProgress p)
    {
        var total = Math.Max(1, p.TotalIterations);
        var quarter = (int)Math.Clamp(4 * p.Iteration / total, 0, 4);
        var started = runs.TryGetValue(p.Run, out var last);
        var newStatus = p.Status is not null && p.Status != last.Status;
        if (started && quarter <= last.Quarter && !newStatus)
        {
            return;
        }

        runs[p.Run] = (quarter, p.Status ?? last.Status);
        var state = p.IsComplete ? "done" : !started ? "started" : string.Create(CultureInfo.InvariantCulture, $"{100 * p.Iteration / total}%");
        var runsText = p.RunsTotal > 0 ? string.Create(CultureInfo.InvariantCulture, $" [{p.RunsCompleted}/{p.RunsTotal} runs]") : string.Empty;
        var status = p.Status is null ? string.Empty : " — " + OneLine(p.Status);
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Describe(p.Run)}: {p.Iteration}/{p.TotalIterations} it ({state}){status}{runsText}"));
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
