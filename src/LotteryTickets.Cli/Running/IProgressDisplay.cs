namespace LotteryTickets.Cli.Running;

/// <summary>Shows the progress of an experiment while <see cref="Run"/>'s body executes.</summary>
internal interface IProgressDisplay
{
    /// <summary>Runs <paramref name="body"/>, giving it the progress sink to report to.</summary>
    /// <returns>What the body returns.</returns>
    int Run(Func<IProgress<ExperimentProgress>, int> body);
}
