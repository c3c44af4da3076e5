namespace LotteryTickets.Experiments;

/// <summary>Where an experiment stands, as reported to an <see cref="IProgress{T}"/> given to <see cref="LotteryExperiment.WithProgress"/>.</summary>
/// <param name="Trial">The trial being trained, from 0.</param>
/// <param name="Trials">The number of trials.</param>
/// <param name="Level">The level being trained, from 0 (dense).</param>
/// <param name="Levels">The number of pruning levels after the dense run.</param>
/// <param name="Branch">The branch being trained (<c>main</c> or a control).</param>
/// <param name="Iteration">The training iteration reached in this run.</param>
/// <param name="TotalIterations">The number of iterations of this run.</param>
public readonly record struct ExperimentProgress(int Trial, int Trials, int Level, int Levels, string Branch, long Iteration, long TotalIterations)
{
    /// <summary>The fraction of this run's iterations done, in [0, 1].</summary>
    public double RunFraction => TotalIterations > 0 ? Math.Min(1.0, (double)Iteration / TotalIterations) : 1.0;
}
