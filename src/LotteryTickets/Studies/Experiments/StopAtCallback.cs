using LotteryTickets.Training;

namespace LotteryTickets.Experiments;

/// <summary>Stops a run once it has done <paramref name="iterations"/> iterations (after the callbacks before it in the list).</summary>
internal sealed class StopAtCallback(long iterations) : ITrainingCallback
{
    public void OnIterationEnd(TrainingState state)
    {
        if (state.Iteration >= iterations)
        {
            state.RequestStop($"reached the rewind point at iteration {iterations}");
        }
    }
}
