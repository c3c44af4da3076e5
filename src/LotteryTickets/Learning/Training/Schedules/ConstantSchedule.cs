namespace LotteryTickets.Training.Schedules;

/// <summary>The same learning rate at every step.</summary>
public sealed class ConstantSchedule : ILearningRateSchedule
{
    /// <summary>Creates a constant schedule.</summary>
    /// <param name="learningRate">The rate (finite, ≥ 0).</param>
    public ConstantSchedule(double learningRate)
    {
        Rate = ScheduleChecks.NonNegative(learningRate, nameof(learningRate));
    }

    /// <summary>The rate at every step.</summary>
    public double Rate { get; }

    /// <inheritdoc />
    public double LearningRate(long step)
    {
        ScheduleChecks.Step(step);
        return Rate;
    }
}
