using LotteryTickets.Results;

namespace LotteryTickets.Cli.Running;

/// <summary>
/// Where one run of an experiment stands: reported by an <see cref="IExperimentLauncher"/> through
/// <see cref="RunContext.Progress"/> when a run starts, as it trains, and when it ends.
/// </summary>
/// <param name="Run">The run (trial, level, branch).</param>
/// <param name="Iteration">The iterations done so far.</param>
/// <param name="TotalIterations">The run's length in iterations (at least 1).</param>
/// <param name="Status">An optional short note (e.g. "evaluating", "test accuracy 0.912"), or <see langword="null"/>.</param>
/// <param name="RunsCompleted">The experiment's finished runs, including resumed ones; 0 when not counted.</param>
/// <param name="RunsTotal">The experiment's number of runs; 0 when not known.</param>
public sealed record ExperimentProgress(RunKey Run, long Iteration, long TotalIterations, string? Status = null, int RunsCompleted = 0, int RunsTotal = 0)
{
    /// <summary>Whether the run has finished (<see cref="Iteration"/> reached <see cref="TotalIterations"/>).</summary>
    public bool IsComplete => Iteration >= TotalIterations;
}
