using LotteryTickets.Results;
using LotteryTickets.Training;

namespace LotteryTickets.Experiments;

/// <summary>Reports <see cref="ExperimentProgress"/> for one run: at the start, every few iterations and at the end, synchronously.</summary>
internal sealed class ExperimentProgressCallback(IProgress<ExperimentProgress> progress, RunKey key, int trials, int levels) : ITrainingCallback
{
    private long every = 1;

    public void OnTrainingStart(TrainingState state)
    {
        every = Math.Max(1, state.TotalIterations / 200);
        Report(state);
    }

    public void OnIterationEnd(TrainingState state)
    {
        if (state.Iteration % every == 0)
        {
            Report(state);
        }
    }

    public void OnTrainingEnd(TrainingState state) => Report(state);

    private void Report(TrainingState state) =>
        progress.Report(new ExperimentProgress(key.Trial, trials, key.Level, levels, key.Branch, state.Iteration, state.TotalIterations));
}
