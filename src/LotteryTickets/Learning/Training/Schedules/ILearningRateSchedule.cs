namespace LotteryTickets.Training.Schedules;

/// <summary>
/// A learning rate as a pure function of the step number. Because the rate depends on nothing
/// but the step, a schedule's position can be set to any step (to resume or rewind training)
/// and gives exactly the rates an uninterrupted run would have had. Applied to an optimizer by
/// a <see cref="LearningRateScheduler"/>.
/// </summary>
public interface ILearningRateSchedule
{
    /// <summary>The learning rate for step <paramref name="step"/> (0 for the first step).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="step"/> is negative.</exception>
    double LearningRate(long step);
}
