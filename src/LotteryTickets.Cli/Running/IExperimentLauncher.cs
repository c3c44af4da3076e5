using LotteryTickets.Cli.Experiments;

namespace LotteryTickets.Cli.Running;

/// <summary>
/// Runs (or resumes) a validated experiment file: the seam between <c>lottery run</c> and the core library's
/// experiment builder. <c>lottery run</c> loads and validates the file, applies <c>--store</c> and
/// <c>--device</c>, sets up the progress display and hands both here.
/// </summary>
public interface IExperimentLauncher
{
    /// <summary>Runs the experiment described by <paramref name="file"/>.</summary>
    /// <param name="file">The validated experiment; <see cref="ExperimentFile.Store"/> and <see cref="ExperimentFile.Device"/> already carry the command line's overrides.</param>
    /// <param name="context">Where to report progress and results, and the cancellation token.</param>
    /// <returns>The exit code (<see cref="ExitCodes"/>).</returns>
    int Launch(ExperimentFile file, RunContext context);
}
