using LotteryTickets.Results;
using Core = LotteryTickets.Experiments;

namespace LotteryTickets.Cli.Running;

/// <summary>
/// Passes the experiment runner's progress (<see cref="Core.ExperimentProgress"/>) on to the CLI's display as
/// <see cref="ExperimentProgress"/>, counting finished runs: those already done in the store when the command started
/// and those that finish while it runs. The trainings of analyses (e.g. instability copies) are shown but not counted.
/// </summary>
internal sealed class RunProgressAdapter : IProgress<Core.ExperimentProgress>
{
    private readonly IProgress<ExperimentProgress> display;
    private readonly HashSet<RunKey> finished = [];
    private readonly int runsTotal;
    private readonly int runsDoneBefore;
    private readonly Lock gate = new();

    /// <summary>Creates the adapter.</summary>
    /// <param name="display">The CLI's progress display.</param>
    /// <param name="runsTotal">The experiment's number of runs.</param>
    /// <param name="runsDoneBefore">The runs already finished in the store.</param>
    public RunProgressAdapter(IProgress<ExperimentProgress> display, int runsTotal, int runsDoneBefore)
    {
        this.display = display;
        this.runsTotal = runsTotal;
        this.runsDoneBefore = runsDoneBefore;
    }

    /// <inheritdoc />
    public void Report(Core.ExperimentProgress value)
    {
        var key = new RunKey(value.Trial, value.Level, value.Branch);
        var total = Math.Max(1, value.TotalIterations);
        int completed;
        lock (gate)
        {
            // An analysis reports its trainings as "<analysis>/<unit>/<copy>" (run branches never hold '/'): shown, not counted as runs.
            if (value.Iteration >= total && !value.Branch.Contains('/', StringComparison.Ordinal))
            {
                finished.Add(key);
            }

            completed = Math.Min(runsTotal, runsDoneBefore + finished.Count);
        }

        display.Report(new ExperimentProgress(key, value.Iteration, total, RunsCompleted: completed, RunsTotal: runsTotal));
    }
}
